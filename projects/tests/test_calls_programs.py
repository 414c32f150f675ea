"""Calls are drafted, published (audited) and closed; a draft takes no application and is never
public. Program settings (issue 15) edited as lines and used by quotas and the application page."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEntry, StatusLog
from core.workflow import TransitionError
from portal import queries as portal_queries
from projects import services
from projects.forms import ProgramForm
from projects.models import Call, Program
from projects.workflow import CallState

from .helpers import make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_data):
    return make_call(status=CallState.DRAFT, title="2027年度科技攻关计划项目申报通知（草稿）")


def test_publish_and_close_are_audited(users, draft):
    call = services.apply_call_action(users[Role.OFFICER], draft, "publish")
    assert call.status == CallState.PUBLISHED and call.published_at is not None
    assert AuditEntry.objects.filter(action="transition:publish", object_id=str(call.pk)).exists()
    call = services.apply_call_action(users[Role.OFFICER], call, "close", comment="截止")
    assert call.status == CallState.CLOSED
    assert list(StatusLog.objects.filter(object_id=str(call.pk)).values_list("action", flat=True)) == [
        "publish", "close"]


def test_only_the_bureau_publishes(users, draft):
    for role in (Role.APPLICANT, Role.COUNTY, Role.LEADER):
        with pytest.raises(PermissionDenied):
            services.apply_call_action(users[role], draft, "publish")
    assert Call.objects.get(pk=draft.pk).status == CallState.DRAFT


def test_wrong_state_and_ended_window_refused(users, draft):
    with pytest.raises(TransitionError):
        services.apply_call_action(users[Role.OFFICER], draft, "close")
    Call.objects.filter(pk=draft.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    draft.refresh_from_db()
    with pytest.raises(TransitionError, match="window has already ended"):
        services.apply_call_action(users[Role.OFFICER], draft, "publish")
    assert Call.objects.get(pk=draft.pk).status == CallState.DRAFT


def test_draft_call_takes_no_application(users, draft):
    with pytest.raises(ValidationError) as refusal:
        services.create_application(users[Role.APPLICANT], draft, {"title": "草稿期申报"})
    assert "尚未发布" in str(refusal.value) and "takes no application" in str(refusal.value)
    closed = make_call(status=CallState.CLOSED)
    with pytest.raises(ValidationError, match="not open"):
        services.create_application(users[Role.APPLICANT], closed, {"title": "关闭后申报"})


def test_draft_call_hidden_outside_the_bureau(client, users, draft):
    assert list(Call.objects.visible_to(users[Role.APPLICANT])) == []
    assert list(Call.objects.visible_to(users[Role.OFFICER])) == [draft]
    client.force_login(users[Role.APPLICANT])
    assert client.get(f"/projects/calls/{draft.pk}/").status_code == 404
    assert client.get(f"/projects/calls/{draft.pk}/apply/").status_code == 404


def test_portal_shows_published_calls_only(client, users, draft):
    published = make_call(title="已发布的申报通知")
    upcoming = make_call(status=CallState.DRAFT, opens_at=timezone.now() + dt.timedelta(days=3),
                         closes_at=timezone.now() + dt.timedelta(days=30), title="未发布的下一批")
    assert list(portal_queries.open_calls()) == [published]
    assert upcoming not in portal_queries.upcoming_calls()
    assert draft not in portal_queries.closed_calls()
    assert client.get(reverse("portal:call_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:call_detail", args=[published.pk])).status_code == 200
    listing = client.get(reverse("portal:calls")).content.decode()
    assert "已发布的申报通知" in listing and "未发布的下一批" not in listing


def test_application_page_shows_the_calls_requirements(client, users, reference_data):
    call = make_call("chanxueyan", title="产学研合作申报通知")
    client.force_login(users[Role.APPLICANT])
    page = client.get(f"/projects/calls/{call.pk}/apply/").content.decode()
    assert "产学研合作申报通知" in page and 'id="call-requirements"' in page
    for name in call.program.required_attachments:
        assert name in page
    assert "5.00 — 50.00" in page  # the funding range in 万元
    assert "须至少有一家高校或科研院所合作单位" in page


def test_partner_select_carries_only_the_chosen(client, users, org_a, org_b):
    from .helpers import make_project

    project = make_project(users[Role.APPLICANT], org_a)
    project.partners.add(org_b)
    client.force_login(users[Role.APPLICANT])
    page = client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert org_a.name not in page.split('name="partners"')[1].split("</select>")[0]
    assert org_b.name in page.split('name="partners"')[1].split("</select>")[0]


def test_program_settings_round_trip_and_county_quota(users, reference_data):
    program = Program.objects.get(code="gongguan")
    form = ProgramForm(instance=program)
    data = {name: form[name].value() for name in form.fields}
    data.update({"county_quotas_text": "410305 3\n410323 2", "template_text": "创新性 60\n可行性 40",
                 "required_fields": ["title", "summary"], "pi_project_limit": 2})
    data = {k: v for k, v in data.items() if v is not None}
    form = ProgramForm(data, instance=program)
    assert form.is_valid(), form.errors
    program = services.save_program_form(users[Role.OFFICER], form, program)
    assert program.county_quotas == {"410305": 3, "410323": 2}
    assert program.review_template == [{"criterion": "创新性", "weight": 60}, {"criterion": "可行性", "weight": 40}]
    call = make_call(default_quota=9)
    assert (call.quota_for("410305"), call.quota_for("410311")) == (3, 9)
    call.quotas.create(recommender="410305", quota=1)
    assert call.quota_for("410305") == 1


def test_program_settings_bad_input(reference_data):
    program = Program.objects.get(code="gongguan")
    form = ProgramForm({"code": "gongguan", "name": "科技攻关", "funding_min": "0", "funding_max": "1",
                        "sort_order": 0, "template_text": "创新性 60\n可行性 30", "county_quotas_text": "410305 x"},
                       instance=program)
    assert not form.is_valid()
    assert "must add up to 100" in str(form.errors["template_text"])
    assert "county_quotas_text" in form.errors
