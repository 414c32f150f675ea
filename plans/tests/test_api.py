"""API endpoints (plans, indicators, reports, work items, dashboard data) for every role."""

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from core.models import AuditEntry
from core.testing import BEIJING
from plans.models import Milestone, Plan, ProgressReport

from .conftest import ALL_ROLES

pytestmark = pytest.mark.django_db
READERS = {"admin", "leader", "officer", "county", "supervisor", "finance"}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _statuses(users, method, url, data=None, roles=ALL_ROLES) -> dict[str, int]:
    result = {"anonymous": getattr(api(), method)(url, data, format="json").status_code}
    for role in roles:
        result[role] = getattr(api(users[role]), method)(url, data, format="json").status_code
    return result


def _expect(default, anonymous=401, roles=ALL_ROLES, **overrides):
    return {"anonymous": anonymous, **{role: overrides.get(role, default) for role in roles}}


@pytest.mark.parametrize(
    "url", ["/api/plans/", "/api/indicators/", "/api/indicator-reports/", "/api/work-items/", "/api/plan-dashboard/"]
)
def test_list_endpoints_for_every_role(users, confirmed_plan, url):
    assert _statuses(users, "get", url) == _expect(403, **dict.fromkeys(READERS, 200))


def test_detail_of_a_draft_is_404_outside_those_who_prepare_it(users, draft_plan):
    indicator = draft_plan.indicators.first()
    for url in [f"/api/plans/{draft_plan.pk}/", f"/api/indicators/{indicator.pk}/"]:
        assert _statuses(users, "get", url) == _expect(
            403, admin=200, leader=200, officer=200, county=404, supervisor=404, finance=404
        )


def test_dashboard_data(users, confirmed_plan):
    data = api(users["leader"]).get("/api/plan-dashboard/", {"as_of": "2010-06-30"}).json()
    assert data["plan"]["id"] == confirmed_plan.pk and data["as_of"] == "2010-06-30"
    assert len(data["rows"]) == confirmed_plan.indicators.count()
    row = next(r for r in data["rows"] if r["kind"] == "increase_to")
    assert (row["baseline"], row["target"], row["unit"]) == (318, 387, "家")
    assert sum(data["summary"].values()) == len(data["rows"])
    filtered = api(users["leader"]).get("/api/plan-dashboard/", {"q": "专利"}).json()
    assert [r["name"] for r in filtered["rows"]] == ["专利申请量"]


def test_dashboard_data_without_a_visible_plan(users, draft_plan):
    assert api(users["county"]).get("/api/plan-dashboard/").json() == {"plan": None, "rows": [], "summary": {}}
    assert api(users["county"]).get("/api/plan-dashboard/", {"plan": draft_plan.pk}).status_code == 404


def test_confirm_and_reopen_actions(users, draft_plan):
    url = f"/api/plans/{draft_plan.pk}/confirm/"
    others = [r for r in ALL_ROLES if r not in ("admin", "officer")]
    assert _statuses(users, "post", url, roles=others) == _expect(
        403, roles=others, county=404, supervisor=404, finance=404
    )
    assert api(users["officer"]).post(url).json()["status"] == "confirmed"
    assert api(users["officer"]).post(url).status_code == 400  # already confirmed
    reopen = f"/api/plans/{draft_plan.pk}/reopen/"
    assert api(users["officer"]).post(reopen, {"comment": "x"}).status_code == 403
    assert api(users["admin"]).post(reopen, {}).status_code == 400  # a reason is required
    assert api(users["admin"]).post(reopen, {"comment": "调整"}, format="json").json()["status"] == "draft"
    assert Plan.objects.get().status == "draft"


def test_indicator_update_through_the_form(users, hightech_officer, manual_indicator):
    url = f"/api/indicators/{manual_indicator.pk}/"
    assert api(users["leader"]).patch(url, {"target_value": "1700"}, format="json").status_code == 403
    assert api(users["expert"]).patch(url, {"target_value": "1700"}, format="json").status_code == 403
    response = api(hightech_officer).patch(url, {"target_value": "1700"}, format="json")
    assert response.status_code == 200 and response.json()["target_value"] == "1700.0000"
    bad = api(hightech_officer).patch(url, {"kind": "range", "target_min": "9", "target_max": "1"}, format="json")
    assert bad.status_code == 400
    unconvertible = {"unit": "万元", "source_key": "outreach.innovation_pilots"}
    refused = api(hightech_officer).patch(url, unconvertible, format="json")
    assert refused.status_code == 400 and "source_key" in refused.json(), refused.content  # Indicator.clean's rule
    manual_indicator.refresh_from_db()
    assert (manual_indicator.kind, manual_indicator.target_value) == ("reach", 1700)
    assert manual_indicator.source_key == ""
    assert api(users["admin"]).post("/api/indicators/", {}, format="json").status_code == 405
    assert api(users["admin"]).delete(url).status_code == 405


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_report_create(users, hightech_officer, manual_indicator):
    payload = {"indicator": manual_indicator.pk, "as_of": "2010-07-31", "value": "950", "note": "7月"}
    # readers without the right are refused (403); those who cannot see the plan get 404
    expected = _expect(404, admin=201, officer=201, leader=403, county=403, supervisor=403, finance=403)
    assert _statuses(users, "post", "/api/indicator-reports/", payload) == expected
    response = api(hightech_officer).post("/api/indicator-reports/", payload, format="json")
    assert response.status_code == 201 and response.json()["reported_by"] == hightech_officer.username
    assert ProgressReport.objects.count() == 3
    assert AuditEntry.objects.filter(action="create", object_id=str(response.json()["id"])).exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
@pytest.mark.parametrize(
    "payload",
    [{"as_of": "2010-07-31", "value": "1"}, {"indicator": "x", "value": "1"}, {"indicator": 0, "as_of": "2011-01-01"}],
    ids=["no indicator", "bad indicator", "bad date"],
)
def test_report_create_bad_input(users, manual_indicator, payload):
    if payload.get("indicator") == 0:
        payload["indicator"] = manual_indicator.pk
    response = api(users["admin"]).post("/api/indicator-reports/", {**payload}, format="json")
    assert response.status_code == 400 and not ProgressReport.objects.exists()


def test_work_items_show_overdue_milestones(users, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    Milestone.objects.create(work_item=item, title="启动", due=dt.date(2010, 2, 1))
    data = api(users["leader"]).get(f"/api/work-items/{item.pk}/").json()
    assert data["overdue_milestones"] == [{"title": "启动", "due": "2010-02-01"}]
    assert api(users["leader"]).post("/api/work-items/", {}, format="json").status_code == 405
