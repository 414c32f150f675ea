"""Indicator data sources over patents and IP advantage units (seed §1, §2, §14).

Counts follow the official definitions in `ip.stats`; `as_of` cuts the period so that calling a
source for several dates gives the year's progress curve. The patent counts share grouped passes
(`plans.sources.Shared`): every count of the dashboard, or of a curve's month-ends and the same
days of the year before, in one query per family.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, Shared, aggregates, count_of, register, totals_to_each_day

from . import queries, stats
from .models import IPAdvantage, Patent

INVENTIONS = queries.INVENTION_KINDS


def _period(year: int, as_of: dt.date) -> stats.Period:
    period = stats.Period.year(year)
    return stats.Period(period.start, min(period.end, as_of))


def _tally(criterion_for, scope, compare: bool, counted: str):
    """One pass over the patents in `scope(widest period)` counting `criterion_for(period)` over
    each day's period (and, if `compare`, the same period of the previous year). Counting
    `counted` (a date every criterion implies is set), not the id the indexes lack, lets PostgreSQL
    and SQLite read a covering index only."""

    def tally(year: int, days: tuple[dt.date, ...], parts: frozenset) -> dict[tuple[dt.date, bool], int]:
        # every member of a patent family reads the same counts: no part to tell apart
        def period(day: dt.date, before: bool) -> stats.Period:
            return _period(year, day).previous_year() if before else _period(year, day)

        wanted = [(day, before) for day in days for before in ((False, True) if compare else (False,))]

        def build():
            figures = {
                f"n{i}": Count(counted, filter=queries.as_q(criterion_for(period(*key))))
                for i, key in enumerate(wanted)
            }
            return Patent.objects.filter(scope(period(days[0], compare).start, period(days[-1], False).end)), figures

        # compiled once per year and days (this family's tally is in the shape); on PostgreSQL planned
        # once per connection
        counts = aggregates(("ip.tally", tally, year, days), build)
        return {key: counts[f"n{i}"] for i, key in enumerate(wanted)}

    return tally


def _filings_tally(kinds, compare: bool):
    """The filings (of `kinds`) counted over each day's period as `stats.applications` defines it
    (filed from the period's start to its end): per period start, one range of a covering index per
    stretch between the periods' ends, all in one statement (`plans.sources.totals_to_each_day`).
    A GROUP BY filing date (~160,000 filings a year at province scale) cost twice as much, a FILTER
    per month-end tested every row 24 times."""

    def tally(year: int, days: tuple[dt.date, ...], parts: frozenset) -> dict[tuple[dt.date, bool], int]:
        periods = {
            (day, before): _period(year, day).previous_year() if before else _period(year, day)
            for day in days
            for before in ((False, True) if compare else (False,))
        }
        # a period that ends before it starts counts nothing: its end is its start's eve
        ends = {key: max(period.end, period.start - dt.timedelta(days=1)) for key, period in periods.items()}
        ends_by_start = defaultdict(set)
        for key, period in periods.items():
            ends_by_start[period.start].add(ends[key])
        lines = {start: (start - dt.timedelta(days=1), tuple(sorted(e))) for start, e in ends_by_start.items()}

        def between(start: dt.date, after: dt.date, end: dt.date):
            filings = Patent.objects.filter(filing_date__gt=after, filing_date__lte=end)
            if kinds:
                filings = filings.filter(kind__in=kinds)
            return filings, Count("filing_date")

        totals = totals_to_each_day(("ip.filings", kinds), lines, between)
        return {key: totals[(period.start, ends[key])] for key, period in periods.items()}

    return tally


# Three families, each the rows one covering index holds: (filing_date, region) for every filing,
# (kind, filing_date, region) for the inventions filed, (kind, grant_date, lapse_date, region) for
# the inventions held.
filings_tally = _filings_tally(None, compare=False)
invention_filings_tally = _filings_tally(INVENTIONS, compare=True)
holdings_tally = _tally(
    lambda period: stats.holdings(period.end, INVENTIONS),
    lambda start, end: Q(kind__in=INVENTIONS, grant_date__lte=end),
    True,
    "grant_date",
)


def _count_pick(tally, day: dt.date, part=None) -> Decimal:
    return Decimal(tally[(day, False)])


def _growth_pick(tally, day: dt.date, part=None) -> Decimal:
    return stats.growth_percent(tally[(day, False)], tally[(day, True)]) or Decimal("0")


def _applications(kinds=None):
    def records(year: int, as_of: dt.date) -> QuerySet:
        return queries.patents(stats.applications(_period(year, as_of), kinds)).select_related("region")

    return count_of(records), records


def _growth(criterion_for):
    """Growth of a count vs the same stretch of the previous year, in percent."""

    def records(year: int, as_of: dt.date) -> QuerySet:
        return queries.patents(criterion_for(_period(year, as_of))).select_related("region")

    def value(year: int, as_of: dt.date) -> Decimal:
        period = _period(year, as_of)
        current = queries.count(criterion_for(period))
        previous = queries.count(criterion_for(period.previous_year()))
        return stats.growth_percent(current, previous) or Decimal("0")

    return value, records


def _advantages(kinds):
    def records(year: int, as_of: dt.date) -> QuerySet:
        return IPAdvantage.objects.filter(
            kind__in=kinds,
            status=IPAdvantage.Status.RECOGNISED,
            recognised_on__year=year,
            recognised_on__lte=as_of,
        ).select_related("region", "organisation")

    return count_of(records), records


SOURCES = [
    ("ip.patent_applications", _("专利申请量(按申请日)"), "件", _applications(),
     Shared(filings_tally, _count_pick)),
    ("ip.invention_applications", _("发明专利申请量"), "件", _applications(INVENTIONS),
     Shared(invention_filings_tally, _count_pick)),
    ("ip.invention_application_growth", _("发明专利申请量同比增长"), "%",
     _growth(lambda p: stats.applications(p, INVENTIONS)), Shared(invention_filings_tally, _growth_pick)),
    ("ip.invention_holding_growth", _("发明专利拥有量同比增长"), "%",
     _growth(lambda p: stats.holdings(p.end, INVENTIONS)), Shared(holdings_tally, _growth_pick)),
    ("ip.advantage_regions", _("新认定知识产权优势区域"), "个", _advantages([IPAdvantage.Kind.REGION]), None),
    ("ip.advantage_enterprises", _("新认定知识产权优势企业"), "家", _advantages([IPAdvantage.Kind.ENTERPRISE]), None),
    ("ip.advantage_units", _("新认定知识产权优势区域和企业"), "个",
     _advantages([IPAdvantage.Kind.REGION, IPAdvantage.Kind.ENTERPRISE]), None),
]  # fmt: skip

for key, label, unit, (value, records), shared in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="ip", shared=shared))
