"""Seed §13: every enterprise on the province's 百户 list, the 50 high-growth and the city's 30 key
enterprises should host an R&D institution; the source gives the share and lists the rest."""

import datetime as dt
from decimal import Decimal

import pytest

from core.testing import make_organisation
from outreach.models import CultivationEntry
from plans import sources
from registries.models import Platform

pytestmark = pytest.mark.django_db
R, K = CultivationEntry.Roster, Platform.Kind
END = dt.date(2008, 12, 31)


def _listed(roster, entered, left=None, organisation=None):
    organisation = organisation or make_organisation("410305")
    CultivationEntry.objects.create(organisation=organisation, roster=roster, entered_on=entered, left_on=left)
    return organisation


def _hosts(organisation, kind, approved=None, recognised=None, revoked=None):
    status = Platform.Status.REVOKED if revoked else Platform.Status.RECOGNISED
    Platform.objects.create(
        name=f"{organisation.name}{kind}", kind=kind, host=organisation, status=status,
        approved_on=approved, recognised_on=recognised, revoked_on=revoked,
    )  # fmt: skip


def test_share_of_key_enterprises_with_an_rd_institution():
    source = sources.get("outreach.key_enterprises_rd_share")
    assert source.value(2008, END) == 0  # no list yet: nothing to divide
    a = _listed(R.PROVINCIAL_KEY_100, dt.date(2006, 1, 1))
    _listed(R.CITY_KEY_30, dt.date(2007, 1, 1), organisation=a)  # on two lists, one enterprise
    _hosts(a, K.ENTERPRISE_RD_CENTRE, recognised=dt.date(2005, 1, 1))
    b = _listed(R.HIGH_GROWTH_50, dt.date(2007, 1, 1))
    _hosts(b, K.ENGINEERING_CENTRE, approved=dt.date(2008, 3, 1))
    c = _listed(R.CITY_KEY_30, dt.date(2007, 1, 1))
    _hosts(c, K.ENTERPRISE_RD_INSTITUTION, recognised=dt.date(2006, 1, 1), revoked=dt.date(2008, 5, 1))
    d = _listed(R.PROVINCIAL_KEY_100, dt.date(2008, 9, 1))
    _hosts(d, K.KEY_LAB, recognised=dt.date(2006, 1, 1))  # a key lab is not the enterprise's R&D body
    _listed(R.PROVINCIAL_KEY_100, dt.date(2007, 1, 1), left=dt.date(2008, 4, 1))  # e: left the list
    _listed(R.INNOVATION_PILOT, dt.date(2007, 1, 1))  # not a key list
    assert source.unit == "%"
    assert source.value(2008, dt.date(2008, 2, 1)) == Decimal("50.00")  # a, c of a, b, c, e
    assert source.value(2008, dt.date(2008, 4, 15)) == Decimal("100.00")  # a, b, c; e has left
    assert source.value(2008, dt.date(2008, 6, 30)) == Decimal("66.67")  # c's centre revoked in May
    # read with the other aggregates in the dashboard's batch (two counts), it gives what it gives alone
    days = (dt.date(2008, 2, 1), dt.date(2008, 4, 15), dt.date(2008, 6, 30))
    assert sources.values([(source.key, 2008, day) for day in days]) == {
        (source.key, 2008, day): source.value(2008, day) for day in days
    }
    assert source.value(2008, END) == Decimal("50.00")  # d joined without one
    assert set(source.records(2008, END)) == {c, d}
