"""Region-aware queries for the computed indicators of the county assessment.

**What "belongs to county X" means** (one definition, used by every indicator — `belongs_to`):
a record belongs to county X when its region is X or a region that was merged into X (X's
predecessors, GB/T 2260 changes such as 偃师市 → 偃师区). The record's region is its own
`region` where it has one (patents), otherwise the region of the organisation it is about
(a project's applicant, an enterprise's or product's organisation, a platform's host, a yearly
report's organisation, a credit event's organisation). `REGION_PATHS` names that path per model.

The record sets themselves are the plans app's registered data sources wherever one exists
(`plans.sources.get(key).records(year, as_of)`), so the assessment counts exactly what the plan
dashboard counts, cut by region; the rest are written here.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from core.permissions import region_q
from credit.models import CreditEvent
from directory.models import Organisation, Region
from ip.models import Patent, RegionPopulation, SubsidyApplication
from plans import sources
from projects.indicator_sources import approved
from projects.models import Project
from registries.indicator_sources import latest_figures
from registries.models import EnterpriseReport, HighTechEnterprise, HighTechProduct, Platform

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
PLACES = Decimal("0.0001")

REGION_PATHS: dict[type, str] = {
    Organisation: "region",
    Patent: "region",
    Project: "applicant_org__region",
    HighTechEnterprise: "organisation__region",
    HighTechProduct: "organisation__region",
    EnterpriseReport: "organisation__region",
    Platform: "host__region",
    SubsidyApplication: "patent__region",
}


def county_codes(region: Region) -> list[str]:
    """X and the regions merged into X."""
    return [region.code, *region.predecessors.values_list("code", flat=True)]


def belongs_to(queryset: QuerySet, region: Region) -> QuerySet:
    """The records of `queryset` that belong to county `region` (see the module docstring)."""
    model = queryset.model
    if model is CreditEvent:
        org_ids = belongs_to(Organisation.objects.all(), region).values_list("pk", flat=True)
        org_type = ContentType.objects.get_for_model(Organisation)
        return queryset.filter(subject_type=org_type, subject_id__in=[str(pk) for pk in org_ids])
    return queryset.filter(region_q(county_codes(region), f"{REGION_PATHS[model]}__code"))


@dataclass(frozen=True)
class CountyQuery:
    key: str
    label: str
    unit: str
    records: Callable[[int, dt.date], QuerySet]
    description: str
    sum_field: str = ""  # empty: count the records
    divisor: Decimal = Decimal(1)
    per_10k: bool = False  # per 10,000 residents (ip.RegionPopulation of the year)

    def value(self, region: Region, year: int, as_of: dt.date) -> Decimal | None:
        mine = belongs_to(self.records(year, as_of), region)
        if self.sum_field:
            raw = Decimal(mine.aggregate(total=Sum(self.sum_field))["total"] or 0) / self.divisor
        else:
            raw = Decimal(mine.count())
        if self.per_10k:
            population = population_of(region, year)
            if not population:
                return None
            raw = raw * WAN / Decimal(population)
        return raw.quantize(PLACES, rounding=ROUND_HALF_UP)

    def describe(self, region: Region, year: int, as_of: dt.date) -> str:
        per = str(_("；按年末常住人口折算每万人")) if self.per_10k else ""
        return str(_("%(label)s：%(desc)s%(per)s；区划：%(codes)s；年度 %(year)s，数据截至 %(as_of)s")) % {
            "label": self.label, "desc": self.description, "per": per,
            "codes": "、".join(county_codes(region)), "year": year, "as_of": as_of.isoformat(),
        }


def population_of(region: Region, year: int) -> int | None:
    row = RegionPopulation.objects.filter(year=year, region__code__in=county_codes(region)).order_by("region__code")
    total = sum(row.values_list("population", flat=True))
    return total or None


def _registered(key: str) -> Callable[[int, dt.date], QuerySet]:
    """A plans data source's record set (looked up when used, so discovery order does not matter)."""

    def records(year: int, as_of: dt.date) -> QuerySet:
        return sources.get(key).records(year, as_of)

    return records


def _approved_projects(year: int, as_of: dt.date) -> QuerySet:
    return approved(year, as_of)


def _platforms(year: int, as_of: dt.date) -> QuerySet:
    return Platform.objects.recognised_in(year, as_of)


def _incubators(year: int, as_of: dt.date) -> QuerySet:
    return Platform.objects.filter(kind=Platform.Kind.INCUBATOR, recognised_on__lte=as_of).exclude(
        status=Platform.Status.REVOKED, revoked_on__lte=as_of
    )


def _subsidies(year: int, as_of: dt.date) -> QuerySet:
    return SubsidyApplication.objects.filter(
        status=SubsidyApplication.Status.PAID, paid_on__year=year, paid_on__lte=as_of
    )


def _credit_events(year: int, as_of: dt.date) -> QuerySet:
    end = sources.end_of(as_of)
    return CreditEvent.objects.filter(
        status=CreditEvent.Status.CONFIRMED, points__lt=0, recorded_at__year=year, recorded_at__lte=end
    )


_ALL = [
    CountyQuery("projects_approved", str(_("市级科技计划立项项目")), "项", _approved_projects,
                str(_("当年立项且仍在执行的市科技计划项目数（按承担单位所在区划）"))),
    CountyQuery("city_funding", str(_("市级科技经费支持")), "万元", _approved_projects,
                str(_("当年立项项目的批准资助额合计")), sum_field="approved_funding", divisor=WAN),
    CountyQuery("patents_per_10k", str(_("每万人专利申请量")), "件", _registered("ip.patent_applications"),
                str(_("当年专利申请量（按申请日，专利所在区划）")), per_10k=True),
    CountyQuery("inventions_per_10k", str(_("每万人发明专利申请量")), "件",
                _registered("ip.invention_applications"), str(_("当年发明专利申请量（按申请日）")), per_10k=True),
    CountyQuery("high_tech_enterprises", str(_("新认定高新技术企业")), "家",
                _registered("registries.high_tech_enterprises"), str(_("当年认定的高新技术企业（按企业所在区划）"))),
    CountyQuery("high_tech_products", str(_("新认定高新技术产品")), "种",
                _registered("registries.high_tech_products"), str(_("当年认定的高新技术产品"))),
    CountyQuery("platforms", str(_("新认定科技创新平台")), "个", _platforms,
                str(_("当年认定的实验室、中心、研发机构、孵化器等平台（按依托单位所在区划）"))),
    CountyQuery("incubators", str(_("科技企业孵化器")), "家", _incubators, str(_("截至数据截止日在册的孵化器"))),
    CountyQuery("high_tech_output", str(_("高新技术产业产值")), "亿元", latest_figures,
                str(_("企业报表当年最新累计的高新技术产业产值合计")), sum_field="high_tech_output", divisor=YI),
    CountyQuery("rd_investment", str(_("企业研发投入")), "万元", latest_figures,
                str(_("企业报表当年最新累计的研发投入合计")), sum_field="rd_investment", divisor=WAN),
    CountyQuery("patent_subsidy", str(_("专利资助拨付")), "万元", _subsidies,
                str(_("当年已拨付的专利申请资助额（按专利所在区划）")), sum_field="amount", divisor=WAN),
    CountyQuery("credit_events", str(_("科研失信记录")), "条", _credit_events,
                str(_("当年确认的单位扣分信用事件（按单位所在区划）"))),
]
QUERIES: dict[str, CountyQuery] = {query.key: query for query in _ALL}


def choices() -> list[tuple[str, str]]:
    return [("", "—"), *((query.key, f"{query.label}（{query.unit}）") for query in _ALL)]


def county_units(day: dt.date) -> QuerySet:
    """The county-level units (districts, counties, county-level cities) of the city on `day`."""
    levels = [Region.Level.DISTRICT, Region.Level.COUNTY, Region.Level.COUNTY_CITY]
    return Region.objects.valid_on(day).filter(level__in=levels, parent__level=Region.Level.CITY)
