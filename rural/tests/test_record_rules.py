"""Issue 10, validate once: the rural registers' date rules live in the models' clean(), so the
page, the API, the import and a write without a form refuse the same input with the same message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import services as core_services
from core.testing import assert_refused_everywhere, make_person
from directory.models import Region
from rural import models as m
from rural.views import ACTIONS, AIDS, BASES, COMMISSIONERS, EVALUATIONS, LOGS

pytestmark = pytest.mark.django_db
APPOINTED = dt.date(2008, 3, 1)
FUTURE_YEAR = "年度不能晚于今年。The year is in the future."


def future_day() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def future(label: str) -> str:
    return f"{label}不能晚于今天。The date is in the future."


@pytest.fixture
def commissioner(org_a):
    region = Region.objects.get(code="410305")
    person = make_person(org_a, "钱特派")
    return m.Commissioner.objects.create(
        person=person, region=region, village="孙旗屯村", speciality="蔬菜", appointed_on=APPOINTED
    )


def test_action_year_in_the_future_refused(users):
    data = {"name": "行动", "region": "410305", "level": "city", "funds": 0, "households": 0}
    data["year"] = future_day().year + 1
    assert_refused_everywhere(users["county"], ACTIONS, data, "year", FUTURE_YEAR)


def test_base_established_in_the_future_refused(users):
    data = {"name": "基地", "region": "410305", "industry": "蔬菜", "area_mu": 10, "households": 5}
    data["established_on"] = future_day().isoformat()
    assert_refused_everywhere(users["county"], BASES, data, "established_on", future("建立日期"))


def test_commissioner_appointed_in_the_future_refused(users, org_a):
    data = {"person": make_person(org_a, "周").pk, "region": "410305", "village": "村", "speciality": "果树"}
    data["appointed_on"] = future_day().isoformat()
    assert_refused_everywhere(users["county"], COMMISSIONERS, data, "appointed_on", future("选派日期"))


@pytest.mark.parametrize(
    ("served_on", "message"),
    [
        (APPOINTED - dt.timedelta(days=1), "服务日期早于选派日期。The visit precedes the appointment."),
        (None, future("服务日期")),
    ],
)
def test_log_outside_the_service_period_refused(users, commissioner, served_on, message):
    data = {"commissioner": commissioner.pk, "place": "村", "technologies": "嫁接", "trained": 0, "households": 0}
    data.update(content="指导", served_on=(served_on or future_day()).isoformat())
    assert_refused_everywhere(users["county"], LOGS, data, "served_on", message)


def test_evaluation_of_a_future_year_refused(users, commissioner):
    data = {"commissioner": commissioner.pk, "year": future_day().year + 1, "grade": "qualified", "remarks": ""}
    assert_refused_everywhere(users["officer"], EVALUATIONS, data, "year", FUTURE_YEAR)


def test_aid_of_a_future_year_refused(users):
    data = {"region": "410324", "year": future_day().year + 1, "helper": "交通部", "measures": "包村"}
    data.update(funds=0, villages=1)
    assert_refused_everywhere(users["officer"], AIDS, data, "year", FUTURE_YEAR)


def test_refused_without_a_form(users, org_a, commissioner):
    day, region = future_day(), commissioner.region
    records = [
        (m.CountyAction(name="行动", region=region, year=day.year + 1), "year"),
        (m.DemonstrationBase(name="基地", region=region, industry="蔬菜", established_on=day), "established_on"),
        (m.Commissioner(person=make_person(org_a, "吴"), region=region, village="村", speciality="x",
                        appointed_on=day), "appointed_on"),
        (m.ServiceLog(commissioner=commissioner, served_on=day, place="村", technologies="x", content="x"),
         "served_on"),
        (m.ServiceLog(commissioner=commissioner, served_on=APPOINTED - dt.timedelta(days=1), place="村",
                      technologies="x", content="x"), "served_on"),
        (m.Evaluation(commissioner=commissioner, year=day.year + 1, grade="qualified"), "year"),
        (m.PovertyAid(region=region, year=day.year + 1, helper="x", measures="x"), "year"),
    ]
    for record, field in records:
        with pytest.raises(ValidationError) as refused:
            core_services.create(users["officer"], record)
        codes = {error.code for error in refused.value.error_dict[field]}
        assert codes & {"future", "before_appointment"}, (type(record).__name__, codes)
    assert m.Commissioner.objects.count() == 1 and not m.ServiceLog.objects.exists()
    assert not m.CountyAction.objects.exists() and not m.Evaluation.objects.exists()
