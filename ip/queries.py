"""Patent statistics as database aggregates, from the definitions in `ip.stats`."""

import datetime as dt
import functools
import operator

from django.db.models import Count, Q, QuerySet

from core.permissions import region_q
from directory.models import Region

from . import stats
from .models import Patent, RegionPopulation

INVENTION_KINDS = (Patent.Kind.INVENTION, Patent.Kind.PCT_INVENTION)


def as_q(criterion: stats.Criterion) -> Q:
    return functools.reduce(operator.or_, (Q(**alternative) for alternative in criterion))


def region_ids(code: str) -> list[int]:
    """The region and its sub-regions as ids: a filter on region_id uses the covering indexes,
    a join on the region's code (LIKE '4103%') would read every patent."""
    return list(Region.objects.filter(region_q([code], "code")).values_list("pk", flat=True))


def patents(criterion: stats.Criterion, region_code: str | None = None, base: QuerySet | None = None) -> QuerySet:
    queryset = (base if base is not None else Patent.objects.all()).filter(as_q(criterion))
    if region_code:
        queryset = queryset.filter(region_id__in=region_ids(region_code))
    return queryset


def count(criterion: stats.Criterion, region_code: str | None = None) -> int:
    return patents(criterion, region_code).count()


def population(year: int, region_code: str) -> int | None:
    row = RegionPopulation.objects.filter(year=year, region__code=region_code).first()
    return row.population if row else None


def by_region_and_kind(criterion: stats.Criterion) -> dict[tuple[int, str], int]:
    """One GROUP BY for a whole table of counts (region × kind)."""
    rows = Patent.objects.filter(as_q(criterion)).values("region_id", "kind").annotate(n=Count("id"))
    return {(r["region_id"], r["kind"]): r["n"] for r in rows}


def year_summary(year: int, region_code: str | None = None, as_of: dt.date | None = None) -> dict:
    """The official yearly figures: applications, grants, invention holdings, per 10k, growth."""
    period = stats.Period.year(year)
    if as_of is not None and as_of < period.end:
        period = stats.Period(period.start, as_of)
    previous = period.previous_year()
    applications = count(stats.applications(period), region_code)
    inventions = count(stats.applications(period, INVENTION_KINDS), region_code)
    previous_inventions = count(stats.applications(previous, INVENTION_KINDS), region_code)
    holdings = count(stats.holdings(period.end, INVENTION_KINDS), region_code)
    residents = population(year, region_code) if region_code else None
    return {
        "year": year,
        "period": period,
        "applications": applications,
        "previous_applications": count(stats.applications(previous), region_code),
        "invention_applications": inventions,
        "invention_growth": stats.growth_percent(inventions, previous_inventions),
        "grants": count(stats.grants(period), region_code),
        "invention_grants": count(stats.grants(period, INVENTION_KINDS), region_code),
        "invention_holdings": holdings,
        "previous_invention_holdings": count(stats.holdings(previous.end, INVENTION_KINDS), region_code),
        "holdings_per_10k": stats.per_10k(holdings, residents),
    }


def _by_region(criterion: stats.Criterion) -> dict[int, int]:
    rows = Patent.objects.filter(as_q(criterion)).values("region_id").annotate(n=Count("id")).order_by()
    return {r["region_id"]: r["n"] for r in rows}


def region_table(year: int) -> tuple[list[tuple[Region, dict]], dict]:
    """The statistics page: every region's yearly figures and the total, in eight GROUP BY queries
    (one per figure) rather than eight queries per region."""
    period, previous = stats.Period.year(year), stats.Period.year(year - 1)
    counts = {
        "applications": _by_region(stats.applications(period)),
        "invention_applications": _by_region(stats.applications(period, INVENTION_KINDS)),
        "previous_inventions": _by_region(stats.applications(previous, INVENTION_KINDS)),
        "grants": _by_region(stats.grants(period)),
        "invention_grants": _by_region(stats.grants(period, INVENTION_KINDS)),
        "invention_holdings": _by_region(stats.holdings(period.end, INVENTION_KINDS)),
    }
    people = dict(RegionPopulation.objects.filter(year=year).values_list("region_id", "population"))
    region_ids = set().union(*counts.values())
    regions = Region.objects.filter(pk__in=region_ids).order_by("code")
    rows = [
        (region, _figures({k: v.get(region.pk, 0) for k, v in counts.items()}, people.get(region.pk)))
        for region in regions
    ]
    totals = {k: sum(v.values()) for k, v in counts.items()}
    city = Region.objects.filter(level=Region.Level.CITY).values_list("pk", flat=True).first()
    return rows, _figures(totals, people.get(city))


def _figures(counts: dict[str, int], population: int | None) -> dict:
    return {
        **counts,
        "invention_growth": stats.growth_percent(counts["invention_applications"], counts["previous_inventions"]),
        "holdings_per_10k": stats.per_10k(counts["invention_holdings"], population),
    }
