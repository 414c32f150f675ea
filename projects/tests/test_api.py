"""API: programs, calls, projects and lifecycle actions, for each role."""

import pytest
from rest_framework.test import APIClient

from accounts.roles import Role
from core.testing import make_user
from projects.models import Call, Program, Project
from projects.workflow import State

from .helpers import make_call, make_project

ALL = ["admin", "leader", "officer", "county", "org_admin", "applicant", "expert", "supervisor", "finance", "public"]


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _statuses(users, method, url, data=None) -> dict:
    result = {"anonymous": getattr(_client(), method)(url, data, format="json").status_code}
    for role in ALL:
        result[role] = getattr(_client(users[role]), method)(url, data, format="json").status_code
    return result


@pytest.mark.parametrize("url", ["/api/programs/", "/api/calls/", "/api/projects/"])
def test_lists_need_sign_in(url, users):
    statuses = _statuses(users, "get", url)
    assert statuses.pop("anonymous") in (401, 403)
    assert set(statuses.values()) == {200}


def test_project_list_is_scoped(users, org_a, org_b):
    mine = make_project(users[Role.APPLICANT], org_a)
    theirs = make_project(make_user(Role.APPLICANT, "other", organisation=org_b), org_b)
    numbers = {row["number"] for row in _client(users[Role.APPLICANT]).get("/api/projects/").json()["results"]}
    assert numbers == {mine.number}
    assert _client(users[Role.APPLICANT]).get(f"/api/projects/{theirs.pk}/").status_code == 404
    assert _client(users[Role.OFFICER]).get(f"/api/projects/{theirs.pk}/").status_code == 200


def test_project_filter_by_stage(users, org_a):
    make_project(users[Role.APPLICANT], org_a, status=State.DRAFT)
    running = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    rows = _client(users[Role.OFFICER]).get("/api/projects/", {"stage": "executing"}).json()["results"]
    assert [row["number"] for row in rows] == [running.number]


def test_program_create_only_by_admin_and_officer(users):
    payload = {
        "code": "kepu",
        "name": "科普",
        "funding_min": "0",
        "funding_max": "50000",
        "sort_order": 20,
        "active": True,
    }
    for role in ("applicant", "county", "leader", "finance"):
        assert _client(users[role]).post("/api/programs/", payload, format="json").status_code == 403
    assert _client(users["officer"]).post("/api/programs/", payload, format="json").status_code == 201
    assert Program.objects.filter(code="kepu").exists()


def test_program_with_inverted_range_is_refused(users):
    payload = {"code": "bad", "name": "坏类别", "funding_min": "500", "funding_max": "100", "sort_order": 1}
    assert _client(users["admin"]).post("/api/programs/", payload, format="json").status_code == 400
    assert not Program.objects.filter(code="bad").exists()


def test_call_create_checks_window(users):
    program = Program.objects.get(code="nongye")
    payload = {
        "program": program.pk,
        "year": 2026,
        "title": "农业科技申报",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-02-01T17:00",
    }
    assert _client(users["officer"]).post("/api/calls/", payload, format="json").status_code == 400
    payload["closes_at"] = "2026-04-01T17:00"
    assert _client(users["applicant"]).post("/api/calls/", payload, format="json").status_code == 403
    assert _client(users["officer"]).post("/api/calls/", payload, format="json").status_code == 201
    assert Call.objects.filter(title="农业科技申报").count() == 1


def test_programs_cannot_be_deleted(users):
    program = Program.objects.first()
    assert _client(users["admin"]).delete(f"/api/programs/{program.pk}/").status_code == 405


def test_application_created_by_applicant_only(users):
    call = make_call()
    payload = {"call": call.pk, "title": "轴承寿命预测", "level": "city", "requested_funding": "200000"}
    assert _client(users["officer"]).post("/api/projects/", payload, format="json").status_code == 403
    response = _client(users["applicant"]).post("/api/projects/", payload, format="json")
    assert response.status_code == 201 and response.json()["status"] == State.DRAFT


def test_transition_is_a_post_to_its_action(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED)
    url = f"/api/projects/{project.pk}/actions/pass_formal/"
    assert _client().post(url, {}, format="json").status_code in (401, 403)
    assert _client(users["applicant"]).post(url, {}, format="json").status_code == 403
    assert _client(users["expert"]).post(url, {}, format="json").status_code == 404
    response = _client(users["officer"]).post(url, {"comment": "齐全"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == State.EXPERT_REVIEW
    again = _client(users["officer"]).post(url, {}, format="json")
    assert again.status_code == 400 and "不能执行" in again.json()[0]


def test_transition_with_bad_input_is_400(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW)
    url = f"/api/projects/{project.pk}/actions/propose/"
    response = _client(users["officer"]).post(url, {"proposed_funding": "-100"}, format="json")
    assert response.status_code == 400
    assert Project.objects.get(pk=project.pk).status == State.EXPERT_REVIEW
    assert _client(users["officer"]).post(f"/api/projects/{project.pk}/actions/fly/", {}).status_code == 404


def test_available_actions_listed_per_user(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_NOTICE)
    leader_actions = {
        row["action"] for row in _client(users["leader"]).get(f"/api/projects/{project.pk}/actions/").json()
    }
    assert leader_actions == {"approve", "reject"}
    assert _client(users["applicant"]).get(f"/api/projects/{project.pk}/actions/").json() == []
