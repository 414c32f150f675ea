"""Demo achievements (seed §14, 科技成果资源共享平台): the results of the accepted and closed demo
projects (a few left for the officer's "to register" list) and direct registrations in the seed's
industries, of which 31 are transferred during 2008 — against the plan's 30 成果转化 projects
(seed §1: 组织实施30个科技成果转化项目)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

from accounts.demo import demo_organisation
from directory.models import Organisation
from projects.models import Outcome, Project
from projects.workflow import State as ProjectState

from .models import Achievement, State
from .services import DESCRIBING, _summary_of

YEAR = 2008
TRANSFERRED_2008 = 31
LEFT_PENDING = 3  # accepted projects left for the officer to register
TOPICS = [  # (title, field, keywords) in the seed's industries (§3, §4, §6)
    ("盾构机刀盘刀具耐磨技术", "装备制造", "盾构机 刀盘 耐磨"),
    ("大型轴承精密锻造工艺", "装备制造", "轴承 锻造"),
    ("节能环保型矿用提升机", "装备制造", "节能 提升机"),
    ("1+4铝板带热连轧控制系统", "新材料", "铝板带 热连轧"),
    ("多晶硅还原炉节能技术", "新能源", "多晶硅 太阳能光伏"),
    ("高纯钼粉制备技术", "新材料", "钼 粉末冶金"),
    ("新型耐火材料配方", "新材料", "耐火材料"),
    ("浮法玻璃在线镀膜技术", "新材料", "浮法玻璃 镀膜"),
    ("兽用疫苗悬浮培养工艺", "生物医药", "兽药 疫苗"),
    ("牡丹籽油提取与精制", "农业", "牡丹 籽油"),
    ("小麦节水高产栽培技术", "农业", "小麦 节水"),
    ("工业余热发电系统", "节能减排", "余热 发电"),
    ("拖拉机动力换挡变速箱", "装备制造", "拖拉机 变速箱"),
    ("中药材规范化种植技术", "农业", "中药材 种植"),
    ("城市污水处理节能工艺", "节能减排", "污水 节能"),
]
MODES = ["license", "sell", "invest"]
TRANSFER_STATE = {"license": State.LICENSED, "sell": State.SOLD, "invest": State.INVESTED}


def _numbered(rows: list[Achievement]) -> list[Achievement]:
    serial: dict[int, int] = {}
    for row in sorted(rows, key=lambda a: a.registered_on):
        year = row.registered_on.year
        serial[year] = serial.get(year, 0) + 1
        row.number = f"LYCG{year}{serial[year]:04d}"
        row.refresh_search_text()
    return rows


def _from_projects() -> list[Achievement]:
    accepted = [ProjectState.ACCEPTED, ProjectState.CLOSED]
    projects = list(Project.objects.filter(status__in=accepted).select_related("applicant_org").order_by("pk"))
    # One query for the outcomes of all of them (50,000 at province scale), in the order each
    # project's own query would give.
    describing = defaultdict(list)
    for outcome in Outcome.objects.filter(kind__in=DESCRIBING, project__status__in=accepted).order_by("pk"):
        describing[outcome.project_id].append(outcome)
    rows = []
    for project in projects[LEFT_PENDING:]:
        closed = timezone.localdate(project.closed_at) if project.closed_at else None
        # Registered after acceptance; a project closed after the plan year counts as accepted early in it.
        day = closed if closed and closed.year <= YEAR else dt.date(min(project.year + 1, YEAR), 1, 15)
        rows.append(Achievement(title=project.title, field=project.field, owner=project.applicant_org,
                                completers=project.pi_name, project=project,
                                summary=_summary_of(project, describing[project.pk]),
                                registered_on=day))
    return rows


def _direct(rng, count: int) -> list[Achievement]:
    owners = list(Organisation.objects.filter(
        kind__in=[Organisation.Kind.ENTERPRISE, Organisation.Kind.UNIVERSITY, Organisation.Kind.INSTITUTE]
    ).order_by("pk")[:300])
    demo = demo_organisation()
    rows = []
    for index in range(count):
        title, field, keywords = TOPICS[index % len(TOPICS)]
        owner = demo if demo is not None and index == 0 else rng.choice(owners)
        rows.append(Achievement(
            title=title if index < len(TOPICS) else f"{title}(改进型{index // len(TOPICS)})", field=field,
            keywords=keywords, owner=owner, completers=rng.choice(["王建华", "李志强", "张丽", "陈明", "刘洋"]),
            maturity=rng.choice(Achievement.Maturity.values), summary=f"{title}:完成中试,技术指标达到国内先进水平。",
            registered_on=dt.date(rng.choice([2006, 2007, 2007, YEAR]), rng.randint(1, 12), rng.randint(1, 28)),
        ))
    return rows


def _transfer(rng, rows: list[Achievement]) -> None:
    """31 of the registered results are licensed, sold or put in as capital during 2008."""
    buyers = list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("-pk")[:100])
    for row in rng.sample(rows, min(TRANSFERRED_2008, len(rows))):
        mode = rng.choice(MODES)
        day = dt.date(YEAR, rng.randint(1, 12), rng.randint(1, 28))
        row.status, row.open_for_transfer = TRANSFER_STATE[mode], False
        row.transferee = rng.choice(buyers).name if buyers else "洛阳市某企业"
        row.transfer_amount = Decimal(rng.randint(10, 500)) * 10000
        row.transferred_on = max(day, row.registered_on)


def seed(scale: str, rng, stdout=None) -> str:
    rows = _from_projects() + _direct(rng, {"small": 45, "city": 90, "province": 600}[scale])
    _transfer(rng, rows)
    Achievement.objects.bulk_create(_numbered(rows), batch_size=2000)
    transferred = sum(1 for r in rows if r.status != State.REGISTERED)
    return f"{len(rows)} achievements ({transferred} transferred in {YEAR})"
