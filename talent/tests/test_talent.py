"""Talent: scope by role, the two lifecycles row by row with their audit, bad input, import,
and the indicator sources."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses, make_person
from core.workflow import TransitionError, rows
from plans import sources
from registries.tests.roles import expect
from registries.tests.test_imports import client_for, sheet
from talent import services, workflow
from talent.forms import TalentForm, TalentReportForm
from talent.models import Programme, Talent, TalentReport

from .conftest import make_talent

pytestmark = pytest.mark.django_db


def test_pages_by_role(users, talent_a, talent_b):
    read = expect(200, expert=403, public=403)
    assert_statuses(users, reverse("talent:talent_list"), read)
    assert_statuses(users, reverse("talent:talent_detail", args=[talent_a.pk]), read)
    out = expect(200, county=404, org_admin=404, applicant=404, expert=403, public=403)
    assert_statuses(users, reverse("talent:talent_detail", args=[talent_b.pk]), out)
    assert_statuses(users, reverse("talent:talent_add"), expect(403, admin=200, officer=200))
    assert_statuses(users, reverse("talent:talent_import"), expect(403, admin=200, officer=200))
    assert_statuses(
        users, reverse("talent:report_add"), expect(403, admin=200, officer=200, org_admin=200, applicant=200)
    )


def test_a_person_sees_their_own_support_only(users, programme, org_b, talent_b):
    applicant = users["applicant"]
    own = make_talent(programme, org_b, applicant.person)  # works elsewhere now: still their own record
    visible = set(Talent.objects.visible_to(applicant))
    assert own in visible and talent_b not in visible


TALENT_ROWS = [("supported", "complete", "completed"), ("supported", "terminate", "terminated")]
REPORT_ROWS = [
    ("submitted", "accept", "accepted"),
    ("submitted", "return", "returned"),
    ("returned", "resubmit", "submitted"),
]


@pytest.mark.parametrize(("state", "action", "to_state"), TALENT_ROWS)
def test_talent_transition_row(users, talent_a, state, action, to_state):
    with pytest.raises(PermissionDenied):
        services.act_on_talent(users["org_admin"], talent_a, action, comment="x")
    result = services.act_on_talent(users["officer"], talent_a, action, comment="考核意见")
    assert result.status == to_state
    log = StatusLog.objects.get(object_id=str(talent_a.pk), action=action)
    assert (log.from_state, log.to_state) == (state, to_state)
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(talent_a.pk)).exists()


@pytest.mark.parametrize(("state", "action", "to_state"), REPORT_ROWS)
def test_report_transition_row(users, talent_a, state, action, to_state):
    report = TalentReport.objects.create(talent=talent_a, year=2008, summary="总结", status=state)
    forbidden = users["county"] if action == "resubmit" else users["org_admin"]
    with pytest.raises(PermissionDenied):
        services.act_on_report(forbidden, report, action, comment="x")
    actor = users["org_admin"] if action == "resubmit" else users["officer"]
    assert services.act_on_report(actor, report, action, comment="意见").status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(report.pk)).exists()


def test_tables_are_covered_by_the_rows():
    assert {(s, a) for s, a, _t in TALENT_ROWS} == {(s, a) for s, a, _r in rows(workflow.TALENT_TRANSITIONS)}
    assert {(s, a) for s, a, _t in REPORT_ROWS} == {(s, a) for s, a, _r in rows(workflow.REPORT_TRANSITIONS)}


def test_wrong_state_and_missing_reason(users, talent_a):
    with pytest.raises(TransitionError):
        services.act_on_talent(users["officer"], talent_a, "terminate")  # the reason is required
    services.act_on_talent(users["officer"], talent_a, "complete")
    with pytest.raises(TransitionError):
        services.act_on_talent(users["officer"], talent_a, "terminate", comment="重复")


def talent_data(programme, person, organisation, /, **changes) -> dict:
    data = {
        "programme": programme.name,
        "person": person.pk,
        "organisation": organisation.credit_code,
        "origin": "overseas",
        "field": "材料",
        "supported_on": "2008-05-01",
        "funding": "100000",
    }
    return {**data, **changes}


def test_officer_adds_a_talent_with_audit(users, programme, org_a):
    form = TalentForm(talent_data(programme, make_person(org_a, "钱海归"), org_a), user=users["officer"])
    assert form.is_valid(), form.errors
    talent = services.save_talent(users["officer"], form)
    assert AuditEntry.objects.filter(action="create", object_id=str(talent.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"funding": "500000"}, "funding"),
        ({"supported_on": "2999-01-01"}, "supported_on"),
        ({"organisation": "NOTACODE"}, "organisation"),
        ({"programme": "没有这个计划"}, "programme"),
    ],
)
def test_bad_talent_input_is_refused_and_nothing_written(users, programme, org_a, changes, field):
    person = make_person(org_a, "孙无效")
    form = TalentForm(talent_data(programme, person, org_a, **changes), user=users["officer"])
    if form.is_valid():
        with pytest.raises(Exception) as excinfo:
            services.save_talent(users["officer"], form)
        assert field in str(excinfo.value)
    else:
        assert field in form.errors
    assert not Talent.objects.exists() and not AuditEntry.objects.filter(action="create").exists()


def test_postdoc_needs_a_station(users, org_a):
    postdoc = Programme.objects.create(name="博士后资助", kind=Programme.Kind.POSTDOC)
    form = TalentForm(talent_data(postdoc, make_person(org_a, "周博后"), org_a, funding="0"), user=users["officer"])
    assert not form.is_valid() and "工作站" in str(form.errors["station"])
    assert not Talent.objects.exists()


def test_report_for_someone_else_is_not_offered(users, talent_b):
    form = TalentReportForm({"talent": talent_b.pk, "year": 2008, "summary": "x"}, user=users["org_admin"])
    assert not form.is_valid() and "talent" in form.errors


def test_report_year_before_support_refused(users, talent_a):
    form = TalentReportForm(
        {"talent": talent_a.pk, "year": 2007, "summary": "x", "projects": 0, "papers": 0, "patents": 0, "revenue": 0},
        user=users["org_admin"],
    )
    assert not form.is_valid() and "year" in form.errors


TALENT_HEADER = ["人才计划", "人员ID", "用人单位信用代码", "工作站ID", "来源", "专业领域", "入选日期", "资助金额(元)"]


def test_import_all_or_nothing(users, programme, org_a):
    first, second = make_person(org_a, "甲"), make_person(org_a, "乙")
    good = [programme.name, first.pk, org_a.credit_code, "", "海外引进", "机械", "2008-03-01", 100000]
    bad = [programme.name, second.pk, org_a.credit_code, "", "海外引进", "机械", "2008-03-01", -1]
    response = client_for(users["officer"]).post(
        reverse("talent:talent_import"), {"file": sheet(TALENT_HEADER, [good, bad])}
    )
    assert response.status_code == 400
    assert any("第 3 行" in str(e) for e in response.context["errors"])
    assert not Talent.objects.exists()
    response = client_for(users["officer"]).post(
        reverse("talent:talent_import"), {"file": sheet(TALENT_HEADER, [good])}
    )
    assert response.status_code == 302 and Talent.objects.get().person == first


def test_indicator_sources(programme, org_a, org_b):
    make_talent(programme, org_a, origin=Talent.Origin.OVERSEAS)
    make_talent(programme, org_b, make_person(org_b, "本地"), supported_on=dt.date(2008, 9, 1))
    make_talent(programme, org_b, make_person(org_b, "去年"), supported_on=dt.date(2007, 9, 1))
    make_talent(programme, org_b, make_person(org_b, "终止"), status=Talent.Status.TERMINATED)
    supported, introduced = sources.find("talent.supported"), sources.find("talent.introduced")
    assert supported.value(2008, dt.date(2008, 12, 31)) == 2
    assert supported.value(2008, dt.date(2008, 6, 30)) == 1
    assert introduced.value(2008, dt.date(2008, 12, 31)) == 1
