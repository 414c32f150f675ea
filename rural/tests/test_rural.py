"""Rural S&T: scope by role (a county its region, a commissioner their own records), the three
lifecycles row by row with their audit, bad input, the commissioners' import, the indicators."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses, make_person
from core.workflow import TransitionError, rows
from directory.models import Region
from plans import sources
from registries.tests.roles import expect
from registries.tests.test_imports import client_for, sheet
from rural import services, workflow
from rural.forms import CountyActionForm, ServiceLogForm
from rural.models import Commissioner, CountyAction, Evaluation, PovertyAid, ServiceLog

pytestmark = pytest.mark.django_db
DAY = dt.date(2008, 3, 1)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


@pytest.fixture
def action_in(reference_data):
    return CountyAction.objects.create(name="涧西区行动", region=region("410305"), year=2008)


@pytest.fixture
def action_out(reference_data):
    return CountyAction.objects.create(name="新安县行动", region=region("410323"), year=2008)


def make_commissioner(person, code="410323", **fields) -> Commissioner:
    return Commissioner.objects.create(
        person=person, region=region(code), village="石寺村", speciality="食用菌", appointed_on=DAY, **fields
    )


@pytest.fixture
def own_commissioner(users):
    """The applicant serves a village of 新安县: outside the county user's region, but their own."""
    return make_commissioner(users["applicant"].person)


@pytest.fixture
def other_commissioner(org_b):
    return make_commissioner(make_person(org_b, "赵特派"))


def test_pages_by_role(users, action_in, action_out):
    read = expect(200, org_admin=403, expert=403, public=403)
    assert_statuses(users, reverse("rural:action_list"), read)
    assert_statuses(
        users,
        reverse("rural:action_detail", args=[action_in.pk]),
        expect(200, applicant=404, org_admin=403, expert=403, public=403),
    )
    assert_statuses(
        users,
        reverse("rural:action_detail", args=[action_out.pk]),
        expect(200, county=404, applicant=404, org_admin=403, expert=403, public=403),
    )
    assert_statuses(
        users,
        reverse("rural:action_edit", args=[action_in.pk]),
        expect(403, admin=200, officer=200, county=200, applicant=404),
    )
    assert_statuses(users, reverse("rural:aid_add"), expect(403, admin=200, officer=200))
    assert_statuses(users, reverse("rural:commissioner_import"), expect(403, admin=200, officer=200, county=200))


def test_commissioner_sees_own_records_county_its_region(users, own_commissioner, other_commissioner):
    log = ServiceLog.objects.create(
        commissioner=own_commissioner, served_on=DAY, place="石寺村", technologies="香菇", content="指导"
    )
    applicant, county = users["applicant"], users["county"]
    assert list(Commissioner.objects.visible_to(applicant)) == [own_commissioner]
    assert list(ServiceLog.objects.visible_to(applicant)) == [log]
    assert not Commissioner.objects.visible_to(county).exists()  # both serve 新安县
    in_region = make_commissioner(make_person(own_commissioner.person.organisation, "钱本区"), "410305")
    assert list(Commissioner.objects.visible_to(county)) == [in_region]


def test_commissioner_writes_own_log_only(users, own_commissioner, other_commissioner):
    data = {
        "served_on": "2008-05-06",
        "place": "石寺村",
        "technologies": "香菇袋料栽培",
        "trained": 30,
        "households": 12,
        "content": "培训",
    }
    form = ServiceLogForm({**data, "commissioner": own_commissioner.pk}, user=users["applicant"])
    assert form.is_valid(), form.errors
    log = services.save_log(users["applicant"], form)
    assert AuditEntry.objects.filter(action="create", object_id=str(log.pk)).exists()
    form = ServiceLogForm({**data, "commissioner": other_commissioner.pk}, user=users["applicant"])
    assert not form.is_valid() and "commissioner" in form.errors


def test_log_before_appointment_refused(users, own_commissioner):
    form = ServiceLogForm(
        {
            "commissioner": own_commissioner.pk,
            "served_on": "2008-01-02",
            "place": "村",
            "technologies": "x",
            "trained": 0,
            "households": 0,
            "content": "x",
        },
        user=users["applicant"],
    )
    assert not form.is_valid() and "served_on" in form.errors
    assert not ServiceLog.objects.exists()


def test_county_cannot_file_for_another_region(users):
    data = {"name": "越界行动", "region": "410323", "level": "city", "year": 2008, "funds": 0, "households": 0}
    form = CountyActionForm(data, user=users["county"])
    assert not form.is_valid() and "region" in form.errors
    form = CountyActionForm({**data, "region": "410305"}, user=users["county"])
    assert form.is_valid(), form.errors
    services.save_regional(users["county"], form)
    bad = CountyActionForm({**data, "region": "410305", "funds": -1, "year": 2999}, user=users["county"])
    assert not bad.is_valid() and {"funds", "year"} <= set(bad.errors)
    assert CountyAction.objects.count() == 1


ACTION_ROWS = [("approved", "start", "implementing"), ("implementing", "accept", "accepted")]
COMMISSIONER_ROWS = [("active", "withdraw", "withdrawn"), ("withdrawn", "reappoint", "active")]
AID_ROWS = [("helping", "lift", "lifted"), ("helping", "fail", "not_lifted")]


@pytest.mark.parametrize(("state", "action", "to_state"), ACTION_ROWS)
def test_action_transition_row(users, action_out, state, action, to_state):
    action_out.status = state
    action_out.save()
    with pytest.raises(PermissionDenied):
        services.act_on_action(users["county"], action_out, action)  # another county's action
    assert services.act_on_action(users["officer"], action_out, action).status == to_state
    log = StatusLog.objects.get(object_id=str(action_out.pk), action=action)
    assert (log.from_state, log.to_state) == (state, to_state)
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(action_out.pk)).exists()


@pytest.mark.parametrize(("state", "action", "to_state"), COMMISSIONER_ROWS)
def test_commissioner_transition_row(users, own_commissioner, state, action, to_state):
    own_commissioner.status = state
    own_commissioner.save()
    with pytest.raises(PermissionDenied):
        services.act_on_commissioner(users["applicant"], own_commissioner, action, comment="x")
    result = services.act_on_commissioner(users["officer"], own_commissioner, action, comment="期满")
    assert result.status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(own_commissioner.pk)).exists()


@pytest.mark.parametrize(("state", "action", "to_state"), AID_ROWS)
def test_aid_transition_row(users, state, action, to_state):
    aid = PovertyAid.objects.create(region=region("410325"), year=2008, helper="交通部", measures="包村")
    with pytest.raises(PermissionDenied):
        services.act_on_aid(users["county"], aid, action, comment="x")
    assert services.act_on_aid(users["officer"], aid, action, comment="验收").status == to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(aid.pk)).exists()


def test_tables_are_covered_by_the_rows():
    for table, covered in (
        (workflow.ACTION_TRANSITIONS, ACTION_ROWS),
        (workflow.AID_TRANSITIONS, AID_ROWS),
        (workflow.COMMISSIONER_TRANSITIONS, COMMISSIONER_ROWS),
    ):
        assert {(s, a) for s, a, _t in covered} == {(s, a) for s, a, _r in rows(table)}


def test_wrong_state_and_missing_reason(users, own_commissioner):
    with pytest.raises(TransitionError):
        services.act_on_commissioner(users["officer"], own_commissioner, "withdraw")  # reason required
    with pytest.raises(TransitionError):
        services.act_on_commissioner(users["officer"], own_commissioner, "reappoint")  # still active


def test_unqualified_needs_a_reason(own_commissioner):
    evaluation = Evaluation(commissioner=own_commissioner, year=2008, grade=Evaluation.Grade.UNQUALIFIED)
    with pytest.raises(Exception, match="理由"):
        evaluation.full_clean()


HEADER = ["人员ID", "区划代码", "服务乡村", "服务企业信用代码", "专业特长", "选派日期"]


def test_commissioner_import_all_or_nothing(users, org_a):
    first, second = make_person(org_a, "甲"), make_person(org_a, "乙")
    good = [first.pk, "410305", "孙旗屯村", "", "蔬菜", "2008-02-01"]
    elsewhere = [second.pk, "410323", "石寺村", "", "蔬菜", "2008-02-01"]  # not the county's region
    response = client_for(users["county"]).post(
        reverse("rural:commissioner_import"), {"file": sheet(HEADER, [good, elsewhere])}
    )
    assert response.status_code == 400 and not Commissioner.objects.exists()
    assert any("第 3 行" in str(e) for e in response.context["errors"])
    response = client_for(users["county"]).post(reverse("rural:commissioner_import"), {"file": sheet(HEADER, [good])})
    assert response.status_code == 302 and Commissioner.objects.get().person == first


def test_indicator_sources(users):
    for index, code in enumerate(("410324", "410325", "410326")):
        aid = PovertyAid.objects.create(region=region(code), year=2008, helper="交通部", measures="包村")
        services.act_on_aid(users["officer"], aid, "lift", on=dt.date(2008, 6 + index, 1))
    CountyAction.objects.create(name="行动", region=region("410325"), year=2008, households=1200)
    lifted = sources.find("rural.counties_lifted")
    assert lifted.value(2008, dt.date(2008, 12, 31)) == 3
    assert lifted.value(2008, dt.date(2008, 6, 30)) == 1
    assert sources.find("rural.households_reached").value(2008, dt.date(2008, 12, 31)) == 1200
    # read with the other aggregates in the dashboard's batch, they give what each gives alone
    keys, days = ("rural.counties_lifted", "rural.households_reached"), (dt.date(2008, 6, 30), dt.date(2008, 12, 31))
    wanted = [(key, 2008, day) for key in keys for day in days]
    assert sources.values(wanted) == {(k, y, d): sources.get(k).value(y, d) for k, y, d in wanted}
