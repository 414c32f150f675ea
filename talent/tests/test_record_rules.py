"""Issue 10, validate once: the talent registers' date rules live in the models' clean(), so the
page, the API, the import and a write without a form refuse the same input with the same message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import services as core_services
from core.testing import assert_refused_everywhere, make_person
from talent.models import Talent, TalentReport
from talent.views import REPORTS, TALENTS

from .conftest import make_talent
from .test_talent import talent_data

pytestmark = pytest.mark.django_db
FUTURE = "入选日期不能晚于今天。The date is in the future."
FUTURE_YEAR = "年度不能晚于今年。The year is in the future."
BEFORE_SUPPORT = "年度早于入选年度。The year precedes the support."


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def test_supported_in_the_future_refused(users, programme, org_a):
    data = talent_data(programme, make_person(org_a, "孙未来"), org_a, supported_on=tomorrow())
    assert_refused_everywhere(users["officer"], TALENTS, data, "supported_on", FUTURE)


def report_data(talent, year: int) -> dict:
    counts = {"projects": 0, "papers": 0, "patents": 0, "revenue": 0}
    return {"talent": talent.pk, "year": year, "summary": "总结", **counts}


@pytest.mark.parametrize(("year", "message"), [(2007, BEFORE_SUPPORT), (None, FUTURE_YEAR)])
def test_report_year_refused(users, talent_a, year, message):
    data = report_data(talent_a, year or timezone.localdate().year + 1)
    assert_refused_everywhere(users["org_admin"], REPORTS, data, "year", message)


def test_refused_without_a_form(users, programme, org_a, talent_a):
    future = timezone.localdate() + dt.timedelta(days=1)
    person = make_person(org_a, "周")
    records = [
        (Talent(programme=programme, person=person, organisation=org_a, supported_on=future), "future"),
        (TalentReport(talent=talent_a, year=future.year + 1, summary="x"), "future"),
        (TalentReport(talent=talent_a, year=2007, summary="x"), "before_support"),
    ]
    for record, code in records:
        with pytest.raises(ValidationError) as refused:
            core_services.create(users["officer"], record)
        assert code in [e.code for errors in refused.value.error_dict.values() for e in errors]
    assert Talent.objects.count() == 1 and not TalentReport.objects.exists()


def test_a_report_in_the_year_of_support_is_accepted(users, programme, org_a):
    talent = make_talent(programme, org_a, make_person(org_a, "吴"), supported_on=dt.date(2008, 12, 31))
    report = core_services.create(users["officer"], TalentReport(talent=talent, year=2008, summary="x"))
    assert report.pk
