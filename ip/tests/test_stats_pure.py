"""The statistics definitions, evaluated over plain objects."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ip import stats

D = dt.date


@dataclass
class P:
    kind: str
    filing_date: dt.date
    grant_date: dt.date | None = None
    lapse_date: dt.date | None = None


RECORDS = [
    P("invention", D(2007, 12, 31), D(2008, 6, 1)),  # filed 2007, granted 2008
    P("invention", D(2008, 1, 1)),  # filed first day
    P("invention", D(2008, 12, 31), None),  # filed last day
    P("utility_model", D(2008, 3, 1), D(2008, 9, 1)),
    P("invention", D(2005, 1, 1), D(2006, 1, 1), D(2008, 12, 31)),  # lapsed at year end
    P("invention", D(2005, 1, 1), D(2006, 1, 1), D(2009, 1, 1)),  # lapsed next year
    P("design", D(2009, 1, 1), D(2009, 2, 1)),  # next year
]
Y2008 = stats.Period.year(2008)


def test_applications_count_filing_dates_inclusive():
    assert stats.count(RECORDS, stats.applications(Y2008)) == 3


def test_applications_by_kind():
    assert stats.count(RECORDS, stats.applications(Y2008, ["invention"])) == 2
    assert stats.count(RECORDS, stats.applications(Y2008, ["design"])) == 0


def test_grants_by_grant_date_not_filing_date():
    assert stats.count(RECORDS, stats.grants(Y2008)) == 2
    assert stats.count(RECORDS, stats.grants(Y2008, ["invention"])) == 1


def test_holdings_at_period_end_exclude_lapsed_and_ungranted():
    # granted by 2008-12-31 and not lapsed by then: #0, #3, #5 (lapses 2009)
    assert stats.count(RECORDS, stats.holdings(Y2008.end)) == 3
    assert stats.count(RECORDS, stats.holdings(Y2008.end, ["invention"])) == 2


def test_holdings_one_day_earlier_still_count_lapse_on_end_day():
    assert stats.count(RECORDS, stats.holdings(D(2008, 12, 30), ["invention"])) == 3


def test_previous_year_period():
    prev = Y2008.previous_year()
    assert (prev.start, prev.end) == (D(2007, 1, 1), D(2007, 12, 31))
    leap = stats.Period(D(2008, 2, 29), D(2008, 2, 29)).previous_year()
    assert leap.start == D(2007, 2, 28)


def test_per_10k_rounds_half_up():
    assert stats.per_10k(1, 80000) == Decimal("0.13")  # 0.125 -> 0.13
    assert stats.per_10k(650, 6_500_000) == Decimal("1.00")
    assert stats.per_10k(10, 0) is None
    assert stats.per_10k(10, None) is None


def test_growth_percent():
    assert stats.growth_percent(120, 100) == Decimal("20.00")
    assert stats.growth_percent(2, 3) == Decimal("-33.33")
    assert stats.growth_percent(5, 0) is None


def test_matches_supports_exact_and_lt():
    record = P("design", D(2008, 1, 1))
    assert stats.matches(record, ({"kind": "design", "filing_date__lt": D(2008, 1, 2)},))
    assert not stats.matches(record, ({"kind": "invention"},))
