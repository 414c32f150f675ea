"""Issue 10, validate once: the outreach registers' rules live in the models' clean() (and a
county's event region in the service), so the page, the API, the import and a write without a
form refuse the same input with the same message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import services as core_services
from core.testing import assert_refused_everywhere, make_organisation
from outreach.models import Agreement, CultivationEntry, Event
from outreach.views import AGREEMENTS, CULTIVATION, EVENTS

pytestmark = pytest.mark.django_db


def future_day() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def future(label: str) -> str:
    return f"{label}不能晚于今天。The date is in the future."


def test_agreement_signed_in_the_future_refused(users, org_a):
    data = {"title": "合作协议", "kind": "academic", "partner": "大学", "country": "中国", "content": "共建"}
    data.update(local_party=org_a.credit_code, signed_on=future_day().isoformat())
    assert_refused_everywhere(users["officer"], AGREEMENTS, data, "signed_on", future("签约日期"))


def test_entry_in_the_future_refused(users, org_a):
    data = {"organisation": org_a.credit_code, "roster": "listing", "entered_on": future_day().isoformat()}
    assert_refused_everywhere(users["officer"], CULTIVATION, data, "entered_on", future("入选日期"))


def test_only_enterprises_are_listed(users):
    university = make_organisation(kind="university")
    data = {"organisation": university.credit_code, "roster": "listing", "entered_on": "2008-05-01"}
    message = "只有企业可以列入培育名单。Only enterprises are listed."
    assert_refused_everywhere(users["officer"], CULTIVATION, data, "organisation", message)


def test_a_county_names_the_region_of_its_event(users):
    data = {"name": "科普报告会", "kind": "lecture", "starts_on": "2008-05-17", "ends_on": "2008-05-17"}
    data.update(venues="科技馆", organisers="区科协", programme="报告", participants=1, reach=100)
    message = "县区须填写举办地区。A county names the region."
    assert_refused_everywhere(users["county"], EVENTS, data, "region", message)


def test_refused_without_a_form(users, org_a):
    day = future_day()
    records = [
        (Agreement(title="协议", kind="academic", partner="大学", content="x", signed_on=day), "signed_on", "future"),
        (CultivationEntry(organisation=org_a, roster="listing", entered_on=day), "entered_on", "future"),
        (CultivationEntry(organisation=make_organisation(kind="university"), roster="listing",
                          entered_on=dt.date(2008, 5, 1)), "organisation", "kind"),
    ]
    for record, field, code in records:
        with pytest.raises(ValidationError) as refused:
            core_services.create(users["officer"], record)
        assert code in {error.code for error in refused.value.error_dict[field]}
    assert not Agreement.objects.exists() and not CultivationEntry.objects.exists() and not Event.objects.exists()
