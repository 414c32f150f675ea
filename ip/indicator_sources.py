"""Indicator data sources over patents and IP advantage units (seed §1, §2, §14).

Counts follow the official definitions in `ip.stats`; `as_of` cuts the period so that calling a
source for several dates gives the year's progress curve. The patent counts share two grouped
passes (`plans.sources.Shared`), one over the filings of the year and the year before, one over the
granted inventions: every count of the dashboard, or of a curve's month-ends, in one query each.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, Shared, count_of, register

from . import queries, stats
from .models import IPAdvantage, Patent

INVENTIONS = queries.INVENTION_KINDS


def _period(year: int, as_of: dt.date) -> stats.Period:
    period = stats.Period.year(year)
    return stats.Period(period.start, min(period.end, as_of))


def _tally(scope, criteria: dict):
    """One pass over the patents in `scope(widest period)` counting each of `criteria` (name →
    criterion of a period) over each day's period and the same period of the previous year."""

    def tally(year: int, days: tuple[dt.date, ...]) -> dict:
        def period(day: dt.date, before: bool) -> stats.Period:
            return _period(year, day).previous_year() if before else _period(year, day)

        wanted = [(name, day, before) for day in days for before in (False, True) for name in criteria]
        aggregates = {
            f"n{i}": Count("pk", filter=queries.as_q(criteria[name](period(day, before))))
            for i, (name, day, before) in enumerate(wanted)
        }
        widest = stats.Period(period(days[0], True).start, period(days[-1], False).end)
        counts = Patent.objects.filter(scope(widest)).aggregate(**aggregates)
        return {key: counts[f"n{i}"] for i, key in enumerate(wanted)}

    return tally


FILING_CRITERIA = {
    "all": stats.applications,
    "inventions": lambda period: stats.applications(period, INVENTIONS),
}
filings_tally = _tally(lambda p: Q(filing_date__gte=p.start, filing_date__lte=p.end), FILING_CRITERIA)
holdings_tally = _tally(
    lambda p: Q(kind__in=INVENTIONS, grant_date__lte=p.end),
    {"inventions": lambda period: stats.holdings(period.end, INVENTIONS)},
)


def _count_pick(name: str):
    return lambda tally, day: Decimal(tally[(name, day, False)])


def _growth_pick(name: str):
    def pick(tally, day: dt.date) -> Decimal:
        return stats.growth_percent(tally[(name, day, False)], tally[(name, day, True)]) or Decimal("0")

    return pick


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
     Shared(filings_tally, _count_pick("all"))),
    ("ip.invention_applications", _("发明专利申请量"), "件", _applications(INVENTIONS),
     Shared(filings_tally, _count_pick("inventions"))),
    ("ip.invention_application_growth", _("发明专利申请量同比增长"), "%",
     _growth(lambda p: stats.applications(p, INVENTIONS)), Shared(filings_tally, _growth_pick("inventions"))),
    ("ip.invention_holding_growth", _("发明专利拥有量同比增长"), "%",
     _growth(lambda p: stats.holdings(p.end, INVENTIONS)), Shared(holdings_tally, _growth_pick("inventions"))),
    ("ip.advantage_regions", _("新认定知识产权优势区域"), "个", _advantages([IPAdvantage.Kind.REGION]), None),
    ("ip.advantage_enterprises", _("新认定知识产权优势企业"), "家", _advantages([IPAdvantage.Kind.ENTERPRISE]), None),
    ("ip.advantage_units", _("新认定知识产权优势区域和企业"), "个",
     _advantages([IPAdvantage.Kind.REGION, IPAdvantage.Kind.ENTERPRISE]), None),
]  # fmt: skip

for key, label, unit, (value, records), shared in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="ip", shared=shared))
