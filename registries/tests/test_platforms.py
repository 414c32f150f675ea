"""Platforms: the lifecycle row by row, annual reports and their evaluation, flags, pages by role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses
from core.workflow import TransitionError, rows
from registries import services, workflow
from registries.forms import PlatformAnnualReportForm, PlatformForm
from registries.models import Platform, PlatformAnnualReport

from .conftest import make_platform
from .roles import expect

pytestmark = pytest.mark.django_db

# (from, action, to); every row is allowed for the officer and forbidden for the host's org_admin.
PLATFORM_ROWS = [
    ("cultivating", "start_building", "building"),
    ("cultivating", "recognise", "recognised"),
    ("building", "accept", "recognised"),
    ("cultivating", "revoke", "revoked"),
    ("building", "revoke", "revoked"),
    ("recognised", "revoke", "revoked"),
]


@pytest.mark.parametrize(("state", "action", "to_state"), PLATFORM_ROWS)
def test_platform_transition_row(users, org_a, state, action, to_state):
    platform = make_platform(org_a, status=state)
    with pytest.raises(PermissionDenied):
        services.act_on_platform(users["org_admin"], platform, action, comment="x")
    result = services.act_on_platform(users["officer"], platform, action, comment="依据验收意见")
    assert result.status == to_state
    log = StatusLog.objects.get(object_id=str(platform.pk), action=action)
    assert (log.from_state, log.to_state) == (state, to_state)
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(platform.pk)).exists()


def test_transitions_table_is_covered_by_the_rows():
    assert {(s, a) for s, a, _t in PLATFORM_ROWS} == {(s, a) for s, a, _r in rows(workflow.PLATFORM_TRANSITIONS)}


def test_dates_are_stamped(users, org_a):
    platform = make_platform(org_a)
    platform = services.act_on_platform(users["officer"], platform, "start_building", on=dt.date(2006, 5, 1))
    assert platform.approved_on == dt.date(2006, 5, 1)
    platform = services.act_on_platform(users["officer"], platform, "accept")
    assert platform.recognised_on == timezone.localdate()
    platform = services.act_on_platform(users["officer"], platform, "revoke", comment="连续两年评估不合格")
    assert platform.revoked_on == timezone.localdate()


def test_wrong_state_and_missing_reason(users, org_a):
    platform = make_platform(org_a, status="recognised")
    with pytest.raises(TransitionError):
        services.act_on_platform(users["officer"], platform, "accept")
    with pytest.raises(TransitionError):
        services.act_on_platform(users["officer"], platform, "revoke")
    platform.refresh_from_db()
    assert platform.status == "recognised"


# --- annual reports -------------------------------------------------------------------

REPORT_ROWS = [
    ("submitted", "pass", "officer", "org_admin", "passed"),
    ("submitted", "fail", "officer", "org_admin", "failed"),
    ("submitted", "return", "officer", "county", "returned"),
    ("returned", "resubmit", "org_admin", "county", "submitted"),
]


@pytest.mark.parametrize(("state", "action", "allowed", "forbidden", "to_state"), REPORT_ROWS)
def test_report_transition_row(users, org_a, state, action, allowed, forbidden, to_state):
    platform = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1))
    report = PlatformAnnualReport.objects.create(platform=platform, year=2007, summary="总结", status=state)
    with pytest.raises(PermissionDenied):
        services.act_on_annual_report(users[forbidden], report, action, comment="x")
    assert services.act_on_annual_report(users[allowed], report, action, comment="意见").status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(report.pk)).exists()


def test_report_table_is_covered():
    assert {(s, a) for s, a, *_rest in REPORT_ROWS} == {(s, a) for s, a, _r in rows(workflow.REPORT_TRANSITIONS)}


def test_host_files_a_report_and_cannot_edit_after_evaluation(users, org_a):
    platform = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1))
    data = {"platform": platform.pk, "year": 2007, "summary": "完成任务", "rd_investment": "100000", "staff": 12}
    form = PlatformAnnualReportForm(data=data, user=users["org_admin"])
    assert form.is_valid(), form.errors
    report = services.save_annual_report(users["org_admin"], form)
    services.act_on_annual_report(users["officer"], report, "pass")
    report.refresh_from_db()
    edit = PlatformAnnualReportForm(data={**data, "summary": "改"}, instance=report, user=users["org_admin"])
    assert edit.is_valid()
    with pytest.raises(PermissionDenied):
        services.save_annual_report(users["org_admin"], edit, report)


def test_report_bad_input(users, org_a, org_b):
    cultivating = make_platform(org_a)
    recognised = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1))
    other = make_platform(org_b, status="recognised", recognised_on=dt.date(2005, 1, 1))
    base = {"summary": "x", "rd_investment": "0", "staff": 1}
    cases = [
        ({"platform": cultivating.pk, "year": 2007}, "__all__"),
        ({"platform": recognised.pk, "year": timezone.localdate().year + 1}, "year"),
        ({"platform": other.pk, "year": 2007}, "platform"),  # not the org_admin's platform
        ({"platform": recognised.pk, "year": 2007, "rd_investment": "-5"}, "rd_investment"),
    ]
    for data, field in cases:
        form = PlatformAnnualReportForm(data={**base, **data}, user=users["org_admin"])
        assert not form.is_valid() and field in form.errors, (data, form.errors)
    PlatformAnnualReport.objects.create(platform=recognised, year=2007, summary="x")
    duplicate = PlatformAnnualReportForm(
        data={**base, "platform": recognised.pk, "year": 2007}, user=users["org_admin"]
    )
    assert not duplicate.is_valid()


def test_flagged_platforms_missing_or_failed_evaluation(org_a):
    ok = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1), name="合格")
    failed = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1), name="不合格")
    missing = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1), name="缺报")
    make_platform(org_a, status="recognised", recognised_on=dt.date(2007, 6, 1), name="当年新认定")
    make_platform(org_a, status="building", name="建设中")
    PlatformAnnualReport.objects.create(platform=ok, year=2007, summary="x", status="passed")
    PlatformAnnualReport.objects.create(platform=failed, year=2007, summary="x", status="failed")
    assert set(Platform.objects.flagged(2007)) == {failed, missing}


def test_flag_shown_on_detail_page(users, org_a):
    platform = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1))
    client = Client()
    client.force_login(users["officer"])
    body = client.get(reverse("registries:platform_detail", args=[platform.pk])).content.decode()
    assert 'id="evaluation-flag"' in body
    assert 'data-action="revoke"' in body


# --- the platform form and pages -------------------------------------------------------


def platform_data(org, **overrides):
    data = {
        "name": "轴承重点实验室",
        "kind": "重点实验室",
        "agency_type": "",
        "level": "市级",
        "host": org.credit_code,
        "division": "hightech",
        "approved_on": "",
        "field": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_platform_form_rules(users, org_a, org_b):
    assert PlatformForm(data=platform_data(org_a), user=users["officer"]).is_valid()
    agency = PlatformForm(data=platform_data(org_a, kind="agency"))  # agencies are the agencies app's
    assert not agency.is_valid() and "kind" in agency.errors
    future = PlatformForm(data=platform_data(org_a, approved_on=str(timezone.localdate() + dt.timedelta(days=3))))
    assert not future.is_valid() and "approved_on" in future.errors
    foreign = PlatformForm(data=platform_data(org_b), user=users["org_admin"])
    assert not foreign.is_valid() and "host" in foreign.errors


def test_org_admin_registers_own_platform_as_cultivating(users, org_a):
    form = PlatformForm(data=platform_data(org_a), user=users["org_admin"])
    assert form.is_valid(), form.errors
    platform = services.save_platform(users["org_admin"], form)
    assert platform.status == "cultivating" and platform.host == org_a
    assert AuditEntry.objects.filter(action="create", object_id=str(platform.pk)).exists()


def test_platform_pages_by_role(users, platform_a, platform_b):
    read = expect(200, applicant=403, expert=403, public=403)
    assert_statuses(users, reverse("registries:platform_list"), read)
    assert_statuses(users, reverse("registries:platform_detail", args=[platform_a.pk]), read)
    assert_statuses(
        users,
        reverse("registries:platform_detail", args=[platform_b.pk]),
        expect(200, county=404, org_admin=404, applicant=403, expert=403, public=403),
    )
    assert_statuses(users, reverse("registries:platform_add"), expect(403, admin=200, officer=200, org_admin=200))
    assert_statuses(
        users,
        reverse("registries:platform_edit", args=[platform_a.pk]),
        expect(403, admin=200, officer=200, org_admin=200),
    )
    assert_statuses(
        users,
        reverse("registries:platform_edit", args=[platform_b.pk]),
        expect(403, admin=200, officer=200, county=404, org_admin=404),
    )
    assert_statuses(users, reverse("registries:platform_delete", args=[platform_a.pk]), expect(403, admin=200))
    assert_statuses(users, reverse("registries:platform_import"), expect(403, admin=200, officer=200))


def test_report_pages_by_role(users, org_a, org_b):
    own = PlatformAnnualReport.objects.create(
        platform=make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1)), year=2007, summary="x"
    )
    other = PlatformAnnualReport.objects.create(
        platform=make_platform(org_b, status="recognised", recognised_on=dt.date(2005, 1, 1)), year=2007, summary="x"
    )
    read = expect(200, applicant=403, expert=403, public=403)
    assert_statuses(users, reverse("registries:report_list"), read)
    assert_statuses(users, reverse("registries:report_detail", args=[own.pk]), read)
    assert_statuses(
        users,
        reverse("registries:report_detail", args=[other.pk]),
        expect(200, county=404, org_admin=404, applicant=403, expert=403, public=403),
    )
    assert_statuses(
        users, reverse("registries:report_edit", args=[own.pk]), expect(403, admin=200, officer=200, org_admin=200)
    )
    refused = expect(403, county=404, org_admin=404)
    del refused["admin"], refused["officer"]  # allowed: tested on its own below, it changes the state
    assert_statuses(users, reverse("registries:report_action", args=[other.pk, "pass"]), refused, method="post")
    assert_statuses(
        users, reverse("registries:report_action", args=[other.pk, "pass"]), {"officer": 302}, method="post"
    )
    other.refresh_from_db()
    assert other.status == "passed"
    assert_statuses(users, reverse("registries:report_action", args=[other.pk, "fly"]), {"officer": 404}, method="post")


def test_action_endpoint(users, platform_a, platform_b):
    url = reverse("registries:platform_action", args=[platform_b.pk, "recognise"])
    refused = expect(403, county=404, org_admin=404)
    del refused["admin"], refused["officer"]  # allowed: below, as it changes the state
    assert_statuses(users, url, refused, method="post")
    client = Client()
    client.force_login(users["officer"])
    assert client.post(reverse("registries:platform_action", args=[platform_a.pk, "recognise"])).status_code == 302
    platform_a.refresh_from_db()
    assert platform_a.status == "recognised"


def test_api_platform_actions(users, platform_a, platform_b):
    client = Client()
    client.force_login(users["org_admin"])
    assert client.get(f"/api/registries/platforms/{platform_b.pk}/").status_code == 404
    assert client.post(f"/api/registries/platforms/{platform_a.pk}/do/recognise/").status_code == 403
    officer = Client()
    officer.force_login(users["officer"])
    response = officer.post(f"/api/registries/platforms/{platform_a.pk}/do/start_building/")
    assert response.status_code == 200 and response.json()["status"] == "building"
    assert officer.post(f"/api/registries/platforms/{platform_a.pk}/do/recognise/").status_code == 400


def test_flagged_filter_on_list(users, org_a):
    missing = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1), name="缺报平台")
    make_platform(org_a, status="building", name="建设平台")
    client = Client()
    client.force_login(users["officer"])
    body = client.get(reverse("registries:platform_list"), {"flagged_for": 2007}).content.decode()
    assert missing.name in body and "建设平台" not in body


def test_api_writes_go_through_form_and_service(users, org_a, org_b, platform_a):
    client = Client()
    client.force_login(users["org_admin"])
    created = client.post("/api/registries/platforms/", platform_data(org_a, name="新平台"))
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "cultivating"
    assert client.post("/api/registries/platforms/", platform_data(org_b, name="他人平台")).status_code == 400
    patched = client.patch(
        f"/api/registries/platforms/{platform_a.pk}/", {"description": "新简介"}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["description"] == "新简介"
    assert client.delete(f"/api/registries/platforms/{platform_a.pk}/").status_code == 403
    assert Platform.objects.filter(pk=platform_a.pk).exists()
    assert AuditEntry.objects.filter(action="update", object_id=str(platform_a.pk)).exists()
    county = Client()
    county.force_login(users["county"])
    assert county.post("/api/registries/platforms/", platform_data(org_a, name="县区平台")).status_code == 403


def test_api_annual_report_evaluation(users, org_a):
    platform = make_platform(org_a, status="recognised", recognised_on=dt.date(2005, 1, 1))
    host = Client()
    host.force_login(users["org_admin"])
    created = host.post(
        "/api/registries/annual-reports/",
        {"platform": platform.pk, "year": 2007, "summary": "总结", "rd_investment": "0", "staff": 3},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert host.post(f"/api/registries/annual-reports/{pk}/do/pass/").status_code == 403
    officer = Client()
    officer.force_login(users["officer"])
    assert officer.post(f"/api/registries/annual-reports/{pk}/do/fail/").status_code == 400  # reason required
    failed = officer.post(f"/api/registries/annual-reports/{pk}/do/fail/", {"comment": "未完成建设任务"})
    assert failed.status_code == 200 and failed.json()["status"] == "failed"
    assert list(Platform.objects.flagged(2007)) == [platform]
