"""Demo platforms, incubator reports, high-tech enterprises and products, alliances and yearly figures
that tell the Luoyang 2008 story through the year (records to DEMO_DAY, the year's end; every
indicator respects `as_of`, so a mid-year day shows mid-year): 3 provincial key labs, 16
municipal ones under construction with the first five completed, incubators growing from 13万 m²
and 318 tenants at the end of 2007, the former ministry institutes' revenue reaching 110亿元, …
"""

import datetime as dt
from decimal import Decimal

from core.models import Level
from core.search import document
from directory.models import Division, Organisation

from .models import (
    Alliance,
    EnterpriseReport,
    HighTechEnterprise,
    HighTechField,
    HighTechProduct,
    IncubatorReport,
    Platform,
    PlatformAnnualReport,
)

DEMO_DAY = dt.date(2008, 12, 31)
FACTOR = {"small": 0.4, "city": 1.0, "province": 5.0}
FIELDS = [f for f, _label in HighTechField.choices]
K = Platform.Kind
S = Platform.Status


# The plan year's own figures are the story and the same at every scale; only the history scales.
# Some targets are met by the year's end, some narrowly missed (products 57 of 60), as in life.
NEW_2008 = {"high_tech_enterprises": 41, "high_tech_products": 57, "rd_institutions": 11}


def _n(count: int, scale: str) -> int:
    return max(1, round(count * FACTOR[scale]))


def _day(rng, year: int, until: dt.date | None = None) -> dt.date:
    start, end = dt.date(year, 1, 1), min(until or dt.date(year, 12, 31), dt.date(year, 12, 31))
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class PlatformMaker:
    def __init__(self, rng, hosts: list[Organisation]):
        self.rng, self.hosts, self.rows = rng, hosts, []
        self.division = {d.code: d for d in Division.objects.all()}

    def add(
        self,
        kind,
        suffix: str,
        level=Level.CITY,
        status=S.RECOGNISED,
        recognised_year=None,
        approved_year=None,
        host=None,
        division="hightech",
        name=None,
    ) -> None:
        host = host or self.rng.choice(self.hosts)
        name = name or f"{host.name.removesuffix('有限公司').removesuffix('股份')}{suffix}"
        approved = _day(self.rng, approved_year) if approved_year else None
        recognised = _day(self.rng, recognised_year, DEMO_DAY) if recognised_year else None
        platform = Platform(
            name=name,
            kind=kind,
            level=level,
            host=host,
            status=status,
            approved_on=approved,
            recognised_on=recognised,
            division=self.division.get(division),
        )
        platform.search_text = document(platform.name)
        self.rows.append(platform)


POSTDOC_HOSTS = ("中信重型机械", "洛阳栾川钼业集团", "洛阳惠中兽药")  # §13, by the start of their names


def _postdoc_hosts(enterprises: list[Organisation]) -> list[Organisation]:
    """The three enterprises the seed names, where the directory has them (else any enterprise)."""
    found = [Organisation.objects.filter(name__startswith=name).order_by("pk").first() for name in POSTDOC_HOSTS]
    return [host or enterprises[index] for index, host in enumerate(found)]


def seed_platforms(rng, scale: str) -> list[Platform]:
    enterprises = list(Organisation.objects.filter(kind="enterprise").order_by("pk")[:3000])
    research = list(Organisation.objects.filter(kind__in=["university", "institute"]).order_by("pk")) or enterprises
    make = PlatformMaker(rng, research + enterprises[:40])
    for _i in range(3):  # §12: the three provincial key labs the province supports
        make.add(K.KEY_LAB, "省级重点实验室", Level.PROVINCIAL, recognised_year=rng.choice([2005, 2006, 2007]))
    for index in range(16):  # 16 municipal labs under construction, the first five completed this year
        done = index < 5
        make.add(
            K.KEY_LAB,
            f"市级重点实验室{index + 1}",
            status=S.RECOGNISED if done else S.BUILDING,
            approved_year=2006,
            recognised_year=2008 if done else None,
        )
    make.hosts = enterprises[:200]
    for _i in range(_n(20, scale)):
        make.add(K.ENGINEERING_CENTRE, "工程技术研究中心", recognised_year=rng.randint(2002, 2007))
    for _i in range(_n(40, scale)):
        make.add(K.ENTERPRISE_RD_CENTRE, "企业技术中心", recognised_year=rng.randint(2000, 2007))
    for _i in range(NEW_2008["rd_institutions"]):  # §2/§13: new enterprise R&D institutions, target 10
        make.add(K.ENTERPRISE_RD_INSTITUTION, "研发中心", recognised_year=2008)
    for index, host in enumerate(_postdoc_hosts(enterprises)):  # §13: 中信重机, 洛钼集团, 惠中兽药 apply
        make.add(
            K.POSTDOC_STATION,
            "博士后科研工作站",
            Level.NATIONAL,
            status=S.RECOGNISED if index < 2 else S.CULTIVATING,
            recognised_year=2008 if index < 2 else None,
            division="policy",
            host=host,
        )
    for name in ("洛阳火炬创新创业园", "洛阳留学生创业园", "洛阳轴承产业园", "洛阳硅产业园"):
        make.add(K.SPECIALISED_PARK, "", recognised_year=2006, name=name)
    make.add(
        K.COOPERATION_BASE,
        "",
        Level.PROVINCIAL,
        recognised_year=2007,
        name="洛阳中俄科技合作园",
        division="cooperation",
    )
    # Intermediary agencies are seeded by the agencies app (agencies/demo.py), not as platforms.
    incubator_names = [
        "洛阳国家大学科技园",
        "洛阳高新区创业服务中心",
        "洛阳留学人员创业园孵化器",
        "涧西区科技企业孵化器",
        "洛龙区科技企业孵化器",
        "偃师市科技企业孵化器",
        "洛阳软件园孵化器",
        "洛阳新材料孵化基地",
    ]
    make.hosts = enterprises[:50] + research
    for index, name in enumerate(incubator_names[: max(3, _n(8, scale))]):
        make.add(
            K.INCUBATOR,
            "",
            Level.NATIONAL if index < 2 else Level.CITY,
            recognised_year=2000 + index,
            name=name if scale != "province" else f"{name}{index}",
        )
    Platform.objects.bulk_create(make.rows, batch_size=2000)
    return list(Platform.objects.order_by("pk"))


def seed_annual_reports(rng, platforms: list[Platform]) -> int:
    """2007 evaluations: most passed, a few failed, a few missing (the flagged ones)."""
    rows = []
    for platform in platforms:
        if platform.status != S.RECOGNISED or not platform.recognised_on or platform.recognised_on.year >= 2007:
            continue
        roll = rng.random()
        if roll < 0.08:
            continue  # missing report → flagged
        status = "failed" if roll < 0.13 else "passed"
        rows.append(
            PlatformAnnualReport(
                platform=platform,
                year=2007,
                summary="完成年度建设任务。",
                rd_investment=Decimal(rng.randint(50, 2000)) * 10000,
                staff=rng.randint(8, 120),
                status=status,
            )
        )
    PlatformAnnualReport.objects.bulk_create(rows)
    return len(rows)


def _split(total: int, parts: int, rng) -> list[int]:
    weights = [rng.uniform(0.5, 1.5) for _i in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[0] += total - sum(shares)
    return shares


def seed_incubator_reports(rng, platforms: list[Platform], scale: str) -> int:
    """End 2007: 130,000 m² and 318 tenants (the seed's baseline); then a report each quarter."""
    incubators = [p for p in platforms if p.kind == K.INCUBATOR]
    factor = FACTOR[scale] if scale == "province" else 1.0
    checkpoints = [
        (dt.date(2007, 12, 31), 130_000, 318),
        (dt.date(2008, 3, 31), 141_000, 336),
        (dt.date(2008, 6, 30), 156_500, 357),
        (dt.date(2008, 9, 30), 170_000, 372),
        (dt.date(2008, 12, 31), 181_000, 389),
    ]
    rows = []
    base_area = _split(130_000, len(incubators), rng)
    base_tenants = _split(318, len(incubators), rng)
    for day, area, tenants in checkpoints:
        for index, platform in enumerate(incubators):
            grow_area, grow_tenants = area / 130_000, tenants / 318
            rows.append(
                IncubatorReport(
                    platform=platform,
                    period_end=day,
                    area_m2=Decimal(round(base_area[index] * grow_area * factor)),
                    tenants=round(base_tenants[index] * grow_tenants * factor),
                    admitted=rng.randint(2, 9),
                    graduated=rng.randint(0, 4),
                )
            )
    # Rounding per incubator may miss the city totals by a few units; put the difference on the first.
    for day, area, tenants in checkpoints:
        mine = [r for r in rows if r.period_end == day]
        mine[0].area_m2 += Decimal(round(area * factor)) - sum(r.area_m2 for r in mine)
        mine[0].tenants += round(tenants * factor) - sum(r.tenants for r in mine)
    IncubatorReport.objects.bulk_create(rows)
    return len(rows)


def seed_high_tech(rng, scale: str) -> tuple[int, int]:
    certified_count = NEW_2008["high_tech_enterprises"] + _n(128, scale)
    enterprises = list(Organisation.objects.filter(kind="enterprise").order_by("pk")[: certified_count + 30])
    rng.shuffle(enterprises)
    rows = []
    for serial, firm in enumerate(enterprises[:certified_count], start=1):
        # The first ones were certified in 2008 so far (target 40), the rest in earlier years.
        year = 2008 if serial <= NEW_2008["high_tech_enterprises"] else rng.randint(2001, 2007)
        certified = _day(rng, year, DEMO_DAY)
        valid_until = certified.replace(year=certified.year + 3) - dt.timedelta(days=1)
        status = HighTechEnterprise.Status.CERTIFIED if valid_until >= DEMO_DAY else HighTechEnterprise.Status.EXPIRED
        rows.append(
            HighTechEnterprise(
                organisation=firm,
                field=rng.choice(FIELDS),
                status=status,
                certificate_no=f"GR{certified.year}41{serial:06d}",
                certified_on=certified,
                valid_until=valid_until,
            )
        )
    for firm in enterprises[certified_count:]:  # the cultivation pool (培育库)
        rows.append(HighTechEnterprise(organisation=firm, field=rng.choice(FIELDS)))
    HighTechEnterprise.objects.bulk_create(rows)
    products = []
    certified_firms = enterprises[:certified_count]
    for index in range(NEW_2008["high_tech_products"] + _n(145, scale)):
        year = 2008 if index < NEW_2008["high_tech_products"] else rng.randint(2003, 2007)
        recognised = _day(rng, year, DEMO_DAY)
        products.append(
            HighTechProduct(
                organisation=rng.choice(certified_firms),
                name=f"高新技术产品{index + 1}号",
                field=rng.choice(FIELDS),
                certificate_no=f"HP{year}{index + 1:05d}",
                recognised_on=recognised,
            )
        )
    HighTechProduct.objects.bulk_create(products)
    return len(rows), len(products)


def seed_alliances(rng) -> int:
    enterprises = list(Organisation.objects.filter(kind__in=["enterprise", "institute"]).order_by("pk")[:60])
    names = [
        ("洛阳轴承产业技术创新战略联盟", "轴承"),
        ("洛阳硅光伏产业技术创新战略联盟", "新能源"),
        ("洛阳有色金属加工产业技术创新战略联盟", "有色金属"),
    ]
    for name, field in names:
        lead, *others = rng.sample(enterprises, 6)
        alliance = Alliance.objects.create(name=name, lead=lead, founded_on=_day(rng, 2008, DEMO_DAY), field=field)
        alliance.members.set([lead, *others])
    return len(names)


def seed_figures(rng, scale: str) -> int:
    """Cumulative figures: 2007 full year, 2008 to March and to June (the mid-year position)."""
    rows = []
    institutes = list(Organisation.objects.filter(former_ministry_institute=True).order_by("pk"))
    revenue_2007 = _split(95 * 100_000_000, max(1, len(institutes)), rng)
    for firm, total in zip(institutes, revenue_2007, strict=False):
        rows += _cumulative(firm, Decimal(total), Decimal("1.17"), rng)
    firms = list(HighTechEnterprise.objects.filter(status="certified").values_list("organisation", flat=True))
    outputs = _split(250 * 100_000_000, max(1, len(firms)), rng)
    for organisation_id, total in zip(firms, outputs, strict=False):
        output = Decimal(total)
        rows += _cumulative(Organisation(pk=organisation_id), output, Decimal("1.22"), rng, output=True)
    EnterpriseReport.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _cumulative(org, year_total: Decimal, growth: Decimal, rng, output: bool = False) -> list[EnterpriseReport]:
    """2007 (month 12), then 2008 quarter by quarter, ending at `growth` times 2007."""
    reports = []
    for year, month, share in (
        (2007, 12, Decimal(1)),
        (2008, 3, growth * Decimal("0.23")),
        (2008, 6, growth * Decimal("0.51")),
        (2008, 9, growth * Decimal("0.76")),
        (2008, 12, growth),
    ):
        amount = (year_total * share).quantize(Decimal("0.01"))
        rd = (amount * Decimal("0.04")).quantize(Decimal("0.01"))
        reports.append(
            EnterpriseReport(
                organisation=org,
                year=year,
                month=month,
                total_revenue=amount if not output else amount * 2,
                # a manufacturer's output is most of its revenue (the zone: 550 of 630 亿元)
                industrial_output=(amount * Decimal("1.75")).quantize(Decimal("0.01")) if output else Decimal(0),
                high_tech_output=amount if output else Decimal(0),
                high_tech_added_value=(amount * Decimal("0.34")).quantize(Decimal("0.01")) if output else Decimal(0),
                rd_investment=rd,
                super_deduction=(rd / 2).quantize(Decimal("0.01")),
            )
        )
    return reports


def seed(scale: str, rng, stdout=None) -> str:
    platforms = seed_platforms(rng, scale)
    reports = seed_annual_reports(rng, platforms)
    incubator = seed_incubator_reports(rng, platforms, scale)
    firms, products = seed_high_tech(rng, scale)
    alliances = seed_alliances(rng)
    figures = seed_figures(rng, scale)
    return (
        f"{len(platforms)} platforms, {reports} annual reports, {incubator} incubator reports, {firms} high-tech "
        f"enterprises, {products} products, {alliances} alliances, {figures} figure reports"
    )
