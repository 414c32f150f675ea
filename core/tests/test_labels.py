"""Pages show labels, not internals (issue 9, finding 13): a status change reads as the rule's
label between state labels, a boolean reads 是/否 (Yes/No), never a code or True/False."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from core.workflow import TransitionError, action_label
from projects import services
from projects import workflow as wf
from projects.tests.helpers import attach_required, make_project
from projects.workflow import Action, State

pytestmark = pytest.mark.django_db


def _page(user, url, language="zh-hans") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_status_log_shows_the_rule_and_state_labels(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.DRAFT)
    attach_required(project)
    services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    html = _page(users[Role.ADMIN], project.get_absolute_url())
    assert "提交申报（草稿 → " in html
    assert "draft →" not in html and "submit（" not in html


def test_refused_action_is_named_by_its_label(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    with translation.override("zh-hans"), pytest.raises(TransitionError) as refused:
        services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    assert "提交申报" in str(refused.value) and "“submit”" not in str(refused.value)


@pytest.mark.parametrize(("language", "yes", "no"), [("zh-hans", "是", "否"), ("en", "Yes", "No")])
def test_booleans_read_yes_or_no(users, org_a, language, yes, no):
    url = reverse("directory:organisation_detail", args=[org_a.pk])
    html = _page(users[Role.ADMIN], url, language)
    org_a.former_ministry_institute = True
    org_a.save()
    html += _page(users[Role.ADMIN], url, language)
    assert f">{yes}<" in html and f">{no}<" in html
    assert ">True<" not in html and ">False<" not in html


def test_rule_labels_follow_the_language_of_the_request():
    # The table is built once, at import, perhaps while English is active (an API call, a test):
    # its labels are lazy, so each request reads them in its own language.
    with translation.override("zh-hans"):
        assert action_label(wf.TRANSITIONS, State.DRAFT, Action.SUBMIT) == "提交申报"
    with translation.override("en"):
        assert action_label(wf.TRANSITIONS, State.DRAFT, Action.SUBMIT) != "提交申报"
