"""Outreach: scope by role, the three lifecycles row by row with their audit, bad input, the
cultivation list's import and history-aware indicators, and published events on the portal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses
from core.workflow import TransitionError, rows
from directory.models import Region
from outreach import services, workflow
from outreach.forms import AgreementForm, EventForm
from outreach.models import Agreement, CultivationEntry, Event
from plans import sources
from projects.tests.helpers import make_project
from registries.tests.roles import expect
from registries.tests.test_imports import client_for, sheet

pytestmark = pytest.mark.django_db
DAY = dt.date(2008, 5, 17)


def make_event(code: str, **fields) -> Event:
    return Event.objects.create(
        name=fields.pop("name", f"科技活动周{code}"),
        kind=Event.Kind.ACTIVITY_WEEK,
        region=Region.objects.get(code=code),
        starts_on=DAY,
        ends_on=DAY,
        venues="科技馆",
        organisers="市科技局",
        programme="科普展览",
        **fields,
    )


@pytest.fixture
def event_in(reference_data):
    return make_event("410305")


@pytest.fixture
def event_out(reference_data):
    return make_event("410323")


@pytest.fixture
def agreement_a(org_a):
    return Agreement.objects.create(
        title="市校合作协议",
        kind=Agreement.Kind.ACADEMIC,
        partner="西安交通大学",
        local_party=org_a,
        content="共建研发基地",
    )


def test_pages_by_role(users, event_in, event_out, agreement_a):
    assert_statuses(
        users,
        reverse("outreach:event_detail", args=[event_in.pk]),
        expect(200, org_admin=403, applicant=403, expert=403, public=403),
    )
    assert_statuses(
        users,
        reverse("outreach:event_detail", args=[event_out.pk]),
        expect(200, county=404, org_admin=403, applicant=403, expert=403, public=403),
    )
    assert_statuses(
        users, reverse("outreach:event_edit", args=[event_in.pk]), expect(403, admin=200, officer=200, county=200)
    )
    assert_statuses(
        users,
        reverse("outreach:agreement_detail", args=[agreement_a.pk]),
        expect(200, applicant=403, expert=403, public=403),
    )
    assert_statuses(users, reverse("outreach:cultivation_import"), expect(403, admin=200, officer=200))


def test_only_published_events_reach_the_portal(users, event_in, event_out):
    services.act_on_event(users["county"], event_in, "publish")
    page = Client().get(reverse("portal:result_list", args=["events"])).content.decode()
    assert event_in.name in page and event_out.name not in page


EVENT_ROWS = [("draft", "publish", "published"), ("published", "unpublish", "draft")]
AGREEMENT_ROWS = [
    ("negotiating", "sign", "in_force"),
    ("in_force", "complete", "completed"),
    ("negotiating", "terminate", "terminated"),
    ("in_force", "terminate", "terminated"),
]
CULTIVATION_ROWS = [
    ("cultivating", "graduate", "graduated"),
    ("cultivating", "withdraw", "withdrawn"),
    ("withdrawn", "readmit", "cultivating"),
]


@pytest.mark.parametrize(("state", "action", "to_state"), EVENT_ROWS)
def test_event_transition_row(users, event_out, state, action, to_state):
    event_out.status = state
    event_out.save()
    with pytest.raises(PermissionDenied):
        services.act_on_event(users["county"], event_out, action, comment="x")  # another county's event
    assert services.act_on_event(users["officer"], event_out, action, comment="更正").status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(event_out.pk)).exists()


@pytest.mark.parametrize(("state", "action", "to_state"), AGREEMENT_ROWS)
def test_agreement_transition_row(users, agreement_a, state, action, to_state):
    agreement_a.status = state
    agreement_a.save()
    with pytest.raises(PermissionDenied):
        services.act_on_agreement(users["org_admin"], agreement_a, action, comment="x")
    assert services.act_on_agreement(users["officer"], agreement_a, action, comment="意见").status == to_state
    log = StatusLog.objects.get(object_id=str(agreement_a.pk), action=action)
    assert (log.from_state, log.to_state) == (state, to_state)
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(agreement_a.pk)).exists()


@pytest.mark.parametrize(("state", "action", "to_state"), CULTIVATION_ROWS)
def test_cultivation_transition_row(users, org_a, state, action, to_state):
    entry = CultivationEntry.objects.create(
        organisation=org_a, roster=CultivationEntry.Roster.INNOVATION_PILOT, entered_on=DAY, status=state
    )
    with pytest.raises(PermissionDenied):
        services.act_on_entry(users["org_admin"], entry, action, comment="x")
    assert services.act_on_entry(users["officer"], entry, action, comment="意见").status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(entry.pk)).exists()


def test_tables_are_covered_by_the_rows():
    for table, covered in (
        (workflow.EVENT_TRANSITIONS, EVENT_ROWS),
        (workflow.AGREEMENT_TRANSITIONS, AGREEMENT_ROWS),
        (workflow.CULTIVATION_TRANSITIONS, CULTIVATION_ROWS),
    ):
        assert {(s, a) for s, a, _t in covered} == {(s, a) for s, a, _r in rows(table)}


def test_wrong_state_and_missing_reason(users, agreement_a):
    with pytest.raises(TransitionError):
        services.act_on_agreement(users["officer"], agreement_a, "terminate")  # the reason is required
    with pytest.raises(TransitionError):
        services.act_on_agreement(users["officer"], agreement_a, "complete")  # not signed yet


def test_event_bad_input(users):
    data = {
        "name": "活动",
        "kind": "科技活动周",
        "region": "410305",
        "starts_on": "2008-05-20",
        "ends_on": "2008-05-17",
        "venues": "馆",
        "organisers": "局",
        "programme": "展",
        "participants": 1,
        "reach": -3,
    }
    form = EventForm(data, user=users["county"])
    assert not form.is_valid() and {"ends_on", "reach"} <= set(form.errors)
    form = EventForm({**data, "region": "410323", "ends_on": "2008-05-21", "reach": 5}, user=users["county"])
    assert not form.is_valid() and "region" in form.errors
    assert not Event.objects.exists()


def test_agreement_names_its_projects_by_number(users, org_a, agreement_a):
    project = make_project(users["applicant"], org_a)
    data = {
        "title": "市校合作协议",
        "kind": "academic",
        "partner": "西安交通大学",
        "country": "中国",
        "content": "合作",
        "projects": f"{project.number}",
    }
    form = AgreementForm(data, instance=agreement_a, user=users["officer"])
    assert form.is_valid(), form.errors
    services.save_managed(users["officer"], form, agreement_a)
    assert list(agreement_a.projects.all()) == [project]
    bad = AgreementForm({**data, "projects": "2008-NOPE-1"}, instance=agreement_a, user=users["officer"])
    assert not bad.is_valid() and "projects" in bad.errors


HEADER = ["企业信用代码", "名单", "入选日期", "备注"]


def test_cultivation_import_all_or_nothing(users, org_a, org_b):
    good = [org_a.credit_code, "创新型企业试点", "2008-03-01", ""]
    bad = [org_b.credit_code, "创新型企业试点", "2999-03-01", ""]
    response = client_for(users["officer"]).post(
        reverse("outreach:cultivation_import"), {"file": sheet(HEADER, [good, bad])}
    )
    assert response.status_code == 400 and not CultivationEntry.objects.exists()
    response = client_for(users["officer"]).post(
        reverse("outreach:cultivation_import"), {"file": sheet(HEADER, [good])}
    )
    assert response.status_code == 302 and CultivationEntry.objects.get().organisation == org_a


def test_pilots_counted_with_their_history(users, org_a, org_b):
    pilot = CultivationEntry.Roster.INNOVATION_PILOT
    stays = CultivationEntry.objects.create(organisation=org_a, roster=pilot, entered_on=dt.date(2007, 3, 1))
    leaves = CultivationEntry.objects.create(organisation=org_b, roster=pilot, entered_on=dt.date(2008, 2, 1))
    services.act_on_entry(users["officer"], leaves, "withdraw", comment="不再符合条件", on=dt.date(2008, 9, 1))
    source = sources.find("outreach.innovation_pilots")
    assert source.value(2008, dt.date(2008, 1, 31)) == 1
    assert source.value(2008, dt.date(2008, 6, 30)) == 2
    assert source.value(2008, dt.date(2008, 12, 31)) == 1
    assert list(source.records(2008, dt.date(2008, 12, 31))) == [stays]
