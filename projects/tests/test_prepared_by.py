"""The application's 申报代理机构 (issue 17): an agency in good standing is saved; a blacklisted
one is refused by the service on the page, the API and at submission, with nothing written."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import Role
from agencies.tests.conftest import make_agency
from core.models import AuditEntry
from core.workflow import TransitionError
from credit.services import record_kind
from projects import services
from projects.models import Project
from projects.workflow import State

from .helpers import make_call, make_project

pytestmark = pytest.mark.django_db


def _page_data(agency, title="多晶硅还原炉节能技术") -> dict:
    return {"title": title, "level": "city", "requested_funding": "30", "prepared_by": agency.pk}


def _blacklist(users, agency) -> None:
    record_kind(users[Role.OFFICER], agency.organisation, "false_application")


def test_agency_in_good_standing_is_saved_from_the_page(users, org_b):
    agency = make_agency(org_b)
    client = Client()
    client.force_login(users[Role.APPLICANT])
    response = client.post(reverse("projects:application_add", args=[make_call().pk]), _page_data(agency))
    assert response.status_code == 302
    assert Project.objects.get(title="多晶硅还原炉节能技术").prepared_by == agency


def test_blacklisted_agency_refused_on_the_page_nothing_written(users, org_b):
    agency = make_agency(org_b)
    _blacklist(users, agency)
    audits = AuditEntry.objects.count()
    client = Client()
    client.force_login(users[Role.APPLICANT])
    response = client.post(reverse("projects:application_add", args=[make_call().pk]), _page_data(agency))
    body = response.content.decode()
    assert response.status_code == 400 and "黑名单" in body and "blacklisted" in body
    assert not Project.objects.filter(title="多晶硅还原炉节能技术").exists()
    assert AuditEntry.objects.count() == audits


def test_blacklisted_agency_refused_on_edit_and_the_draft_kept(users, org_a, org_b):
    agency = make_agency(org_b)
    project = make_project(users[Role.APPLICANT], org_a, status=State.DRAFT)
    _blacklist(users, agency)
    client = Client()
    client.force_login(users[Role.APPLICANT])
    data = {**_page_data(agency, title=project.title), "requested_funding": "1"}
    response = client.post(reverse("projects:application_edit", args=[project.pk]), data)
    assert response.status_code == 400 and "黑名单" in response.content.decode()
    project.refresh_from_db()
    assert project.prepared_by is None and project.requested_funding != 1


def test_blacklisted_agency_refused_by_the_api(users, org_b):
    agency = make_agency(org_b)
    _blacklist(users, agency)
    client = APIClient()
    client.force_authenticate(users[Role.APPLICANT])
    payload = {"call": make_call().pk, "title": "轴承寿命预测", "level": "city", "requested_funding": "200000",
               "prepared_by": agency.pk}
    response = client.post("/api/projects/", payload, format="json")
    assert response.status_code == 400 and "blacklisted" in response.content.decode()
    assert not Project.objects.filter(title="轴承寿命预测").exists()


def test_api_accepts_an_agency_in_good_standing(users, org_b):
    agency = make_agency(org_b)
    client = APIClient()
    client.force_authenticate(users[Role.APPLICANT])
    payload = {"call": make_call().pk, "title": "轴承寿命预测", "level": "city", "requested_funding": "200000",
               "prepared_by": agency.pk}
    assert client.post("/api/projects/", payload, format="json").status_code == 201
    assert Project.objects.get(title="轴承寿命预测").prepared_by == agency


def test_agency_blacklisted_after_naming_blocks_submission(users, org_a, org_b):
    agency = make_agency(org_b)
    project = make_project(users[Role.APPLICANT], org_a, status=State.DRAFT, prepared_by=agency)
    _blacklist(users, agency)
    with pytest.raises(TransitionError, match="blacklisted"):
        services.apply_action(users[Role.APPLICANT], project, "submit")
    project.refresh_from_db()
    assert project.status == State.DRAFT
