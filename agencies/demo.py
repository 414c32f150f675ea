"""Demo agencies of seed §14 — the five kinds the plan sets out to foster (成果转化, 孵化, 风险投资,
信息咨询, 知识产权代理), the novelty-search station serving plan applications, the productivity-
promotion centre and the technology market — with a year (2008) of services, the 2007 evaluation and
the technology contracts registered in 2007 and 2008."""

import datetime as dt
from decimal import Decimal

from accounts.demo import demo_organisation
from core.models import Level
from directory.models import Organisation, Region
from projects.models import Project

from .models import Agency, AgencyEvaluation, AgencyService, TechContract
from .services import grade_for

YEAR = 2008
K = Agency.Kind
# name, kind, level, qualification (seed §14: 科技中介服务、技术市场和生产力促进中心体系)
AGENCIES = [
    ("洛阳市生产力促进中心", K.PRODUCTIVITY, Level.PROVINCIAL, "河南省示范生产力促进中心"),
    ("洛阳市科技情报研究所科技查新站", K.NOVELTY_SEARCH, Level.PROVINCIAL, "科技查新咨询单位资格"),
    ("洛阳市技术市场技术合同登记处", K.TECH_MARKET, Level.CITY, "技术合同认定登记机构"),
    ("洛阳市科技成果转化服务中心", K.TRANSFER, Level.CITY, "科技成果转化服务机构备案"),
    ("洛阳市科技创业服务中心", K.INCUBATION, Level.NATIONAL, "国家级科技企业孵化器"),
    ("洛阳高科技创新企业风险投资有限公司", K.VENTURE, Level.CITY, "创业投资企业备案"),
    ("洛阳市科技信息咨询服务中心", K.CONSULTING, Level.CITY, "工程咨询单位资格"),
    ("洛阳市专利事务所", K.IP_AGENCY, Level.CITY, "专利代理机构执业许可"),
]
SERVICE_OF = {
    K.NOVELTY_SEARCH: AgencyService.Kind.NOVELTY_SEARCH,
    K.PRODUCTIVITY: AgencyService.Kind.APPLICATION,
    K.CONSULTING: AgencyService.Kind.APPLICATION,
    K.IP_AGENCY: AgencyService.Kind.PATENT_FILING,
    K.TRANSFER: AgencyService.Kind.TRANSFER,
    K.INCUBATION: AgencyService.Kind.INCUBATION,
    K.VENTURE: AgencyService.Kind.CONSULTING,
    K.TECH_MARKET: AgencyService.Kind.CONSULTING,
}
CONTRACTS = {"small": 240, "city": 600, "province": 5000}  # registered per year
CONTRACT_TOPICS = ("盾构机液压系统", "高精度轴承", "多晶硅提纯工艺", "铝板带轧制", "耐火材料", "钼深加工",
                   "农机动力换挡", "牡丹种苗组培", "玻璃浮法工艺", "节能电机", "工业控制软件", "兽药制剂")


def _day(rng, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _agencies(rng) -> list[Agency]:
    hosts = list(Organisation.objects.filter(kind=Organisation.Kind.INTERMEDIARY).order_by("pk")[: len(AGENCIES)])
    hosts += list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("-pk")[: len(AGENCIES)])
    rows = []
    for (name, kind, level, qualification), host in zip(AGENCIES, hosts, strict=False):
        start = rng.randint(2003, 2007)
        agency = Agency(
            name=name, kind=kind, level=level, organisation=host, qualification=qualification,
            qualification_no=f"豫科中{start}{rng.randint(100, 999)}", valid_from=dt.date(start, 1, 1),
            valid_until=dt.date(start + 5, 12, 31), contact=rng.choice(["王敏", "李建国", "张红", "赵磊"]),
            description=f"{qualification};服务洛阳市科技计划组织、申报、查新与成果转化。",
        )
        agency.refresh_search_text()
        rows.append(agency)
    return Agency.objects.bulk_create(rows)


def _services(rng, agencies: list[Agency]) -> int:
    projects = list(Project.objects.filter(year=YEAR).select_related("applicant_org").order_by("pk")[:400])
    clients = list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk")[:200])
    demo = demo_organisation()
    rows = []
    for agency in agencies:
        kind = SERVICE_OF[agency.kind]
        for _i in range(rng.randint(4, 9)):
            project = rng.choice(projects) if projects and kind in ("application", "novelty_search") else None
            client = project.applicant_org if project else rng.choice(clients)
            rows.append(_service(rng, agency, kind, client, project))
    if demo is not None and agencies:
        rows.append(_service(rng, agencies[-1], AgencyService.Kind.PATENT_FILING, demo, None))
    rows[0].status = AgencyService.Status.COMPLAINED  # one complaint waits for the officer
    AgencyService.objects.bulk_create(rows)
    return len(rows)


def _service(rng, agency, kind, client, project) -> AgencyService:
    label = AgencyService.Kind(kind).label
    title = f"{project.title[:60]} {label}" if project else f"{client.name[:40]} {label}"
    return AgencyService(
        agency=agency, kind=kind, client=client, project=project, title=title,
        rendered_on=_day(rng, YEAR), fee=Decimal(rng.randint(5, 300)) * 100,
    )


def _evaluations(rng, agencies: list[Agency]) -> None:
    rows = []
    for agency in agencies:
        score = Decimal(rng.randint(640, 970)) / 10
        rows.append(AgencyEvaluation(agency=agency, year=YEAR - 1, score=score, grade=grade_for(score),
                                     comment="年度考核:服务规范,档案齐全。"))
    AgencyEvaluation.objects.bulk_create(rows)


def _contracts(rng, scale: str, market: Agency | None) -> int:
    parties = list(Organisation.objects.filter(
        kind__in=[Organisation.Kind.ENTERPRISE, Organisation.Kind.UNIVERSITY, Organisation.Kind.INSTITUTE]
    ).select_related("region").order_by("pk")[:600])
    city = Region.objects.filter(code="410300").first()
    rows = []
    for year, count in ((YEAR - 1, CONTRACTS[scale] * 9 // 10), (YEAR, CONTRACTS[scale])):
        for serial in range(1, count + 1):
            seller, buyer = rng.sample(parties, 2)
            kind = rng.choice(TechContract.Kind.values)
            amount = Decimal(rng.randint(2, 800)) * 10000
            signed = _day(rng, year)
            registered = min(signed + dt.timedelta(days=rng.randint(3, 40)), dt.date(year, 12, 31))
            rows.append(TechContract(
                number=f"{year}4103{serial:05d}",
                name=f"{rng.choice(CONTRACT_TOPICS)}{TechContract.Kind(kind).label}合同",
                kind=kind, buyer=buyer, seller=seller, amount=amount,
                technical_amount=(amount * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01")),
                signed_on=signed, registered_on=registered, region=seller.region or city, agency=market,
            ))
    TechContract.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def seed(scale: str, rng, stdout=None) -> str:
    agencies = _agencies(rng)
    services = _services(rng, agencies)
    _evaluations(rng, agencies)
    market = next((a for a in agencies if a.kind == K.TECH_MARKET), None)
    contracts = _contracts(rng, scale, market)
    return f"{len(agencies)} agencies, {services} services, {contracts} technology contracts"
