"""Indicator data sources over patents and IP advantage units (seed §1, §2, §14).

Counts follow the official definitions in `ip.stats`; `as_of` cuts the period so that calling a
source for several dates gives the year's progress curve.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, count_of, register

from . import queries, stats
from .models import IPAdvantage

INVENTIONS = queries.INVENTION_KINDS


def _period(year: int, as_of: dt.date) -> stats.Period:
    period = stats.Period.year(year)
    return stats.Period(period.start, min(period.end, as_of))


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
    ("ip.patent_applications", _("专利申请量(按申请日)"), "件", _applications()),
    ("ip.invention_applications", _("发明专利申请量"), "件", _applications(INVENTIONS)),
    (
        "ip.invention_application_growth",
        _("发明专利申请量同比增长"),
        "%",
        _growth(lambda p: stats.applications(p, INVENTIONS)),
    ),
    (
        "ip.invention_holding_growth",
        _("发明专利拥有量同比增长"),
        "%",
        _growth(lambda p: stats.holdings(p.end, INVENTIONS)),
    ),
    ("ip.advantage_regions", _("新认定知识产权优势区域"), "个", _advantages([IPAdvantage.Kind.REGION])),
    (
        "ip.advantage_enterprises",
        _("新认定知识产权优势企业"),
        "家",
        _advantages([IPAdvantage.Kind.ENTERPRISE]),
    ),
    (
        "ip.advantage_units",
        _("新认定知识产权优势区域和企业"),
        "个",
        _advantages([IPAdvantage.Kind.REGION, IPAdvantage.Kind.ENTERPRISE]),
    ),
]

for key, label, unit, (value, records) in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="ip"))
