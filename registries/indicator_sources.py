"""Indicator data sources over platforms and enterprise records (seed §2, §4, §12-§14).

Two kinds of figure:

* flows — records recognised in the plan year up to `as_of` (high-tech enterprises and products,
  new R&D institutions, key labs completed, postdoc workstations);
* stocks — the latest report on or before `as_of`, one per incubator / organisation, summed
  (incubation area and tenants; revenue and high-tech output from cumulative monthly figures).
"""

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from core.models import Level
from plans.sources import DataSource, Shared, aggregate_of, aggregates, as_whole, count_of, register

from .models import EnterpriseReport, HighTechEnterprise, HighTechProduct, IncubatorReport, Platform

YI = Decimal(100_000_000)  # 亿
WAN = Decimal(10_000)  # 万
CENT = Decimal("0.01")


def _in_year(queryset: QuerySet, field: str, year: int, as_of: dt.date) -> QuerySet:
    return queryset.filter(**{f"{field}__year": year, f"{field}__lte": as_of})


def _count_source(records_fn):
    return count_of(records_fn), records_fn


def high_tech_enterprises(year: int, as_of: dt.date) -> QuerySet:
    certified = HighTechEnterprise.objects.exclude(status=HighTechEnterprise.Status.CULTIVATING)
    return _in_year(certified, "certified_on", year, as_of).select_related("organisation")


def high_tech_products(year: int, as_of: dt.date) -> QuerySet:
    return _in_year(HighTechProduct.objects.all(), "recognised_on", year, as_of).select_related("organisation")


def _platforms(**filters):
    def records(year: int, as_of: dt.date) -> QuerySet:
        return Platform.objects.filter(**filters).recognised_in(year, as_of).select_related("host")

    return records


def labs_standing(level: str, *, building: bool):
    """Key labs of a level that stand on `as_of` (approved or recognised by then, not revoked):
    seed §12 supervises "现有在建的16家市级重点实验室" (still building) and supports "省重点支持的3个
    实验室" (every provincial lab in the city). A state on a day, not the year's new ones."""

    def records(year: int, as_of: dt.date) -> QuerySet:
        labs = Platform.objects.filter(kind=Platform.Kind.KEY_LAB, level=level).exclude(
            status=Platform.Status.REVOKED, revoked_on__lte=as_of
        )
        if building:
            labs = labs.filter(approved_on__lte=as_of).exclude(recognised_on__lte=as_of)
        else:
            labs = labs.filter(Q(approved_on__lte=as_of) | Q(recognised_on__lte=as_of))
        return labs.select_related("host")

    return records


def latest_incubator_reports(year: int, as_of: dt.date) -> QuerySet:
    """Each live incubator's most recent report on or before `as_of` (from the previous year on)."""
    latest = IncubatorReport.objects.filter(platform=OuterRef("platform"), period_end__lte=as_of).order_by(
        "-period_end"
    )
    return (
        IncubatorReport.objects.filter(period_end__lte=as_of, period_end__year__gte=year - 1)
        .exclude(platform__status=Platform.Status.REVOKED)
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .select_related("platform")
    )


def latest_figures(year: int, as_of: dt.date, **filters) -> QuerySet:
    """Each organisation's latest cumulative figures of `year` whose month has ended by `as_of`."""
    if as_of.year < year:
        return EnterpriseReport.objects.none()
    last_month = 12 if as_of.year > year else as_of.month
    mine = EnterpriseReport.objects.filter(year=year, month__lte=last_month)
    latest = mine.filter(organisation=OuterRef("organisation")).order_by("-month")
    return mine.filter(pk=Subquery(latest.values("pk")[:1]), **filters).select_related("organisation")


def _in_unit(total, unit: Decimal) -> Decimal:
    return (Decimal(total or 0) / unit).quantize(CENT, rounding=ROUND_HALF_UP)


def _sum_source(records_fn, field: str, unit: Decimal):
    return aggregate_of(records_fn, Sum(field), functools.partial(_in_unit, unit=unit)), records_fn


def _institutes(year: int, as_of: dt.date) -> QuerySet:
    return latest_figures(year, as_of, organisation__former_ministry_institute=True)


# Seed §4 "高新区完成技工贸总收入630亿元,工业总产值550亿元": the figures of the enterprises registered in the
# high-tech zone (the statistical zone 410371 of directory's regions).
HIGH_TECH_ZONE = "410371"


def _zone_figures(year: int, as_of: dt.date) -> QuerySet:
    return latest_figures(year, as_of, organisation__region__code__startswith=HIGH_TECH_ZONE)


# --- the enterprise reports' sums in one pass ------------------------------------------------------
# Five sources sum the latest cumulative figures (all organisations, the former ministry institutes,
# the high-tech zone's): one aggregate per day, a SUM FILTER per part, instead of five queries that
# each find every organisation's latest report again. A part is (organisations, field), by name:
# it must be hashable.
_ORGANISATIONS = {
    "all": None,
    "institutes": Q(organisation__former_ministry_institute=True),
    "zone": Q(organisation__region__code__startswith=HIGH_TECH_ZONE),
}
_FIGURE_RECORDS = {"all": latest_figures, "institutes": _institutes, "zone": _zone_figures}


def figures_tally(year: int, days: tuple[dt.date, ...], parts: frozenset) -> dict:
    """Each part's sum (yuan) on each day: the day's month decides which report is the latest. Each
    day's statement is compiled once and, on PostgreSQL, planned once per connection (planning the
    latest-report subquery cost ~12 ms a request at province scale)."""
    wanted = tuple(sorted(parts))
    tally = {}
    for day in days:
        build = functools.partial(_figure_sums, year, day, wanted)
        totals = aggregates(("registries.figures", year, day, wanted), build)
        tally.update({(part, day): totals[f"s{i}"] for i, part in enumerate(wanted)})
    return tally


def _figure_sums(year: int, day: dt.date, wanted: tuple) -> tuple[QuerySet, dict[str, Sum]]:
    sums = {f"s{i}": Sum(field, filter=_ORGANISATIONS[who]) for i, (who, field) in enumerate(wanted)}
    return latest_figures(year, day), sums


def _figures_pick(tally: dict, day: dt.date, part: tuple[str, str]) -> Decimal:
    return _in_unit(tally[(part, day)], YI)


def _figures_source(who: str, field: str):
    """A sum of the latest figures in 亿元, alone or with the other sums of its family."""
    value, records = _sum_source(_FIGURE_RECORDS[who], field, YI)
    return value, records, Shared(tally=figures_tally, pick=_figures_pick, part=(who, field))


_incubator_tenants = aggregate_of(latest_incubator_reports, Sum("tenants"), as_whole)


SOURCES = [
    ("registries.high_tech_enterprises", _("新认定高新技术企业"), "家", _count_source(high_tech_enterprises)),
    ("registries.high_tech_products", _("新认定高新技术产品"), "种", _count_source(high_tech_products)),
    (
        "registries.new_enterprise_rd_institutions",
        _("新建企业研发机构"),
        "个",
        _count_source(_platforms(kind__in=Platform.ENTERPRISE_RD)),
    ),
    (
        "registries.municipal_key_labs_completed",
        _("建成市级重点实验室"),
        "家",
        _count_source(_platforms(kind=Platform.Kind.KEY_LAB, level=Level.CITY)),
    ),
    (
        "registries.municipal_labs_building",
        _("在建市级重点实验室"),
        "家",
        _count_source(labs_standing(Level.CITY, building=True)),
    ),
    (
        "registries.provincial_labs",
        _("省级重点实验室"),
        "个",
        _count_source(labs_standing(Level.PROVINCIAL, building=False)),
    ),
    (
        "registries.postdoc_stations",
        _("新设博士后科研工作站"),
        "个",
        _count_source(_platforms(kind=Platform.Kind.POSTDOC_STATION)),
    ),
    (
        "registries.incubation_area",
        _("孵化器孵化面积"),
        "万平方米",
        _sum_source(latest_incubator_reports, "area_m2", WAN),
    ),
    ("registries.incubator_tenants", _("在孵企业"), "家", (_incubator_tenants, latest_incubator_reports)),
    (
        "registries.institutes_revenue",
        _("原部属科研院所技工贸总收入"),
        "亿元",
        _figures_source("institutes", "total_revenue"),
    ),
    (
        "registries.high_tech_output",
        _("高新技术产业总产值"),
        "亿元",
        _figures_source("all", "high_tech_output"),
    ),
    (
        "registries.zone_revenue",
        _("高新区技工贸总收入"),
        "亿元",
        _figures_source("zone", "total_revenue"),
    ),
    (
        "registries.zone_industrial_output",
        _("高新区工业总产值"),
        "亿元",
        _figures_source("zone", "industrial_output"),
    ),
    (
        "registries.high_tech_added_value",
        _("高新技术产业增加值"),
        "亿元",
        _figures_source("all", "high_tech_added_value"),
    ),
]

for key, label, unit, (value, records, *shared) in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="registries",
                        shared=shared[0] if shared else None))
