"""Demo patents (old and new number formats, realistic grant delays and lapses), yearly population,
the 2008 subsidy policy with claims in every state, and IP advantage units.

Scales: small (Luoyang's 2008 with history from 2003), city (the same with history from 1995),
province (1,000,000 patents, written with bulk_create in batches). 2008 has about 1,660
applications: the 1,600 target met, half of them by July.
"""

import datetime as dt
import functools
from decimal import Decimal

from core.search import document
from core.seeding import indexes_built_after, insert_rows
from directory.models import Organisation, Person, Region

from . import patent_numbers
from .models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication, SubsidyPolicy, SubsidyRate

# The records run to the end of the plan year, so that the dashboard's default (year-end) view and
# any earlier day (`?day=2008-07-01`) both tell the story; every figure respects `as_of`.
DEMO_DAY = dt.date(2008, 12, 31)
FIRST_YEAR = 1995
BATCH = 5000
# Patents filed per year; older years decay toward FIRST_YEAR.
# The plan year is the same story at every scale (about 1,600 applications in 2008); a smaller
# scale has a shorter history.
YEARLY = {"small": 1660, "city": 1660, "province": 1_000_000 // 10}
FIRST_YEAR_OF = {"small": 2003, "city": FIRST_YEAR, "province": FIRST_YEAR}
TOTAL = {"province": 1_000_000}

# Type shares; the invention share rises over the years (§1: inventions to grow 20 % in 2008).
KIND_MIX = [("1", 0.22), ("2", 0.51), ("3", 0.26), ("8", 0.01)]
INVENTION_SHARE_2008 = 0.27
# (probability granted, min and max days from filing to grant) by type digit
GRANTING = {"1": (0.45, 700, 1400), "2": (0.92, 150, 420), "3": (0.93, 90, 300), "8": (0.5, 900, 1600)}
TOPICS = (
    "盾构机",
    "轴承",
    "多晶硅",
    "铝板带",
    "海绵钛",
    "钼合金",
    "节能环保设备",
    "光伏组件",
    "食用菌",
    "牡丹",
    "兽用疫苗",
    "耐火材料",
    "玻璃深加工",
    "矿山机械",
    "拖拉机",
    "电解槽",
    "液压成型机",
    "中草药中间体",
)
FORMS = ("的制备方法", "装置", "及其控制系统", "检测方法", "专用工装", "生产工艺", "外观", "组合结构")

POPULATION_2008 = {  # 万人, rounded 2008 yearbook figures
    "410302": 18,
    "410303": 33,
    "410304": 17,
    "410305": 40,
    "410306": 6,
    "410311": 42,
    "410322": 44,
    "410323": 48,
    "410324": 33,
    "410325": 53,
    "410326": 44,
    "410327": 60,
    "410328": 46,
    "410329": 80,
    "410381": 84,
    "410371": 15,
}


@functools.cache
def _title_doc(title: str) -> str:
    return document(title)


def _number(year: int, digit: str, serial: int) -> str:
    if year < 2003 or (year == 2003 and serial % 4 == 0):  # old format until September 2003
        body = f"{year % 100:02d}{digit}{serial:05d}"
        return f"{body}.{patent_numbers.check_digit(body)}"
    return patent_numbers.make(year, digit, serial)


def _year_counts(scale: str) -> dict[int, int]:
    last = YEARLY[scale]
    counts = {}
    for year in range(DEMO_DAY.year, FIRST_YEAR_OF[scale] - 1, -1):
        counts[year] = max(5, round(last))
        last /= 1.17  # Luoyang's applications grew about 17 % a year
    if scale in TOTAL:  # province: scale the whole history to exactly the target
        factor = TOTAL[scale] / sum(counts.values())
        counts = {y: round(n * factor) for y, n in counts.items()}
        counts[DEMO_DAY.year] += TOTAL[scale] - sum(counts.values())
    return counts


def _pick_kind(rng, year: int) -> str:
    if year == 2008 and rng.random() < INVENTION_SHARE_2008 - KIND_MIX[0][1]:
        return "1"
    roll, acc = rng.random(), 0.0
    for digit, share in KIND_MIX:
        acc += share
        if roll < acc:
            return digit
    return "2"


# The columns of a demo patent row, in the order _patent gives them (see core.seeding.insert_rows).
PATENT_FIELDS = (
    "number", "title", "kind", "status", "filing_date", "grant_date", "lapse_date", "applicant_organisation_id",
    "applicant_person_id", "applicant_name", "region_id", "search_text",
)


def _patent(rng, year: int, digit: str, serial: int, applicant) -> tuple:
    number = _number(year, digit, serial)
    start = dt.date(year, 1, 1)
    span = ((DEMO_DAY if year == DEMO_DAY.year else dt.date(year, 12, 31)) - start).days
    filing = start + dt.timedelta(days=rng.randrange(span + 1))
    if year == 2003:  # keep each format within its period (the new one began on 1 October)
        old_format = len(number) == 10
        filing = min(filing, dt.date(2003, 9, 30)) if old_format else max(filing, dt.date(2003, 10, 1))
    chance, low, high = GRANTING[digit]
    grant = filing + dt.timedelta(days=rng.randint(low, high)) if rng.random() < chance else None
    if grant and grant > DEMO_DAY:
        grant = None
    lapse = None
    if grant and rng.random() < 0.12:
        lapse = grant + dt.timedelta(days=rng.randint(365, 2500))
        lapse = lapse if lapse <= DEMO_DAY else None
    status = Patent.Status.LAPSED if lapse else Patent.Status.GRANTED if grant else Patent.Status.FILED
    if not grant and filing < DEMO_DAY - dt.timedelta(days=1800):
        status = rng.choice([Patent.Status.REJECTED, Patent.Status.WITHDRAWN])
    title = f"一种{rng.choice(TOPICS)}{rng.choice(FORMS)}"
    org, person = (applicant, None) if isinstance(applicant, Organisation) else (None, applicant)
    name = applicant.name
    region_id = org.region_id if org else person.organisation.region_id
    return (
        number, title, patent_numbers.KIND_BY_DIGIT[digit], status, filing, grant, lapse, org and org.pk,
        person and person.pk, name, region_id, f"{_title_doc(title)}{name} {number} ",
    )


def _applicants(rng, scale: str):
    orgs = list(
        Organisation.objects.filter(kind__in=["enterprise", "university", "institute"]).only("id", "name", "region_id")
    )
    people = list(Person.objects.select_related("organisation").only("id", "name", "organisation__region_id")[:5000])
    return orgs, people


def _patent_rows(rng, scale: str):
    orgs, people = _applicants(rng, scale)
    serials: dict[tuple[int, str], int] = {}
    for year, n in sorted(_year_counts(scale).items()):
        for _i in range(n):
            digit = _pick_kind(rng, year)
            serials[(year, digit)] = serials.get((year, digit), 0) + 1
            applicant = rng.choice(people) if people and rng.random() < 0.18 else rng.choice(orgs)
            yield _patent(rng, year, digit, serials[(year, digit)], applicant)


def seed_patents(rng, scale: str) -> int:
    # Plain rows, not Patent instances: at a million rows bulk_create's per-object work is most of the time.
    with indexes_built_after(Patent):
        return insert_rows(Patent, PATENT_FIELDS, _patent_rows(rng, scale), batch_size=BATCH)


def seed_population() -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in=POPULATION_2008)}
    rows = []
    for code, wan in POPULATION_2008.items():
        for year, factor in ((2006, Decimal("0.988")), (2007, Decimal("0.994")), (2008, Decimal("1"))):
            if code in regions:
                rows.append(RegionPopulation(region=regions[code], year=year, population=int(wan * 10000 * factor)))
    city = Region.objects.filter(code="410300").first()
    if city:
        for year in (2006, 2007, 2008):
            total = sum(r.population for r in rows if r.year == year)
            rows.append(RegionPopulation(region=city, year=year, population=total))
    RegionPopulation.objects.bulk_create(rows)


RATES_2008 = [  # (type, stage, yuan)
    (Patent.Kind.INVENTION, SubsidyRate.Stage.APPLICATION, "1500"),
    (Patent.Kind.INVENTION, SubsidyRate.Stage.GRANT, "3000"),
    (Patent.Kind.UTILITY_MODEL, SubsidyRate.Stage.GRANT, "500"),
    (Patent.Kind.DESIGN, SubsidyRate.Stage.GRANT, "300"),
    (Patent.Kind.PCT_INVENTION, SubsidyRate.Stage.APPLICATION, "10000"),
]


def seed_subsidy(rng) -> int:
    policy = SubsidyPolicy.objects.create(
        year=2008,
        title="2008年洛阳市专利申请资助资金",
        total_budget=Decimal("1000000"),
        cap_per_applicant=Decimal("50000"),
        is_open=True,
        requires_notice=True,
    )
    SubsidyRate.objects.bulk_create(
        SubsidyRate(policy=policy, kind=k, stage=s, amount=Decimal(a)) for k, s, a in RATES_2008
    )
    rates = {(k, s): Decimal(a) for k, s, a in RATES_2008}
    candidates = Patent.objects.filter(filing_date__year=2008, kind=Patent.Kind.INVENTION).order_by("pk")[:60]
    granted = Patent.objects.filter(grant_date__year=2008).order_by("pk")[:60]
    claims = [(p, SubsidyRate.Stage.APPLICATION) for p in candidates]
    claims += [(p, SubsidyRate.Stage.GRANT) for p in granted if (p.kind, SubsidyRate.Stage.GRANT) in rates]
    rows = []
    for patent, stage in claims:
        status = rng.choice(["submitted", "submitted", "approved", "paid", "rejected"])
        rows.append(
            SubsidyApplication(
                policy=policy,
                patent=patent,
                stage=stage,
                amount=rates[(patent.kind, stage)],
                status=status,
                paid_on=DEMO_DAY - dt.timedelta(days=rng.randint(1, 60)) if status == "paid" else None,
            )
        )
    SubsidyApplication.objects.bulk_create(rows)
    return len(rows)


def seed_advantages() -> int:
    """§14: two advantage regions and two enterprises recognised in 2008 (one of each by July)."""
    regions = {r.code: r for r in Region.objects.filter(code__in=["410305", "410311", "410371"])}
    firms = list(Organisation.objects.filter(kind="enterprise", region__code="410305").order_by("pk")[:3])
    units = [
        ("region", regions.get("410371"), None, dt.date(2007, 11, 20)),
        ("region", regions.get("410305"), None, dt.date(2008, 5, 16)),
        ("region", regions.get("410311"), None, dt.date(2008, 11, 6)),
    ]
    days = [dt.date(2008, 6, 12), dt.date(2008, 10, 28), None]
    units += [("enterprise", firm.region, firm, day) for firm, day in zip(firms, days, strict=False)]
    rows = [
        IPAdvantage(
            kind=kind,
            level="city",
            region=region,
            organisation=firm,
            recognised_on=day,
            status="recognised" if day else "cultivating",
        )
        for kind, region, firm, day in units
        if region is not None
    ]
    IPAdvantage.objects.bulk_create(rows)
    return len(rows)


def seed(scale: str, rng, stdout=None) -> str:
    patents = seed_patents(rng, scale)
    seed_population()
    claims = seed_subsidy(rng)
    units = seed_advantages()
    return f"{patents} patents, {claims} subsidy claims, {units} IP advantage units"
