"""Demo: the bundled Luoyang 2008 plan, parsed and confirmed, so `make run` shows live targets.

Each indicator is mapped to a registered data source where one fits (and actually has records
for 2008); the rest get monthly manual progress reports at a per-indicator pace, so the
dashboard shows every status. Work items get divisions, leaders, milestones and notes, a few
of them overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import secrets
from decimal import Decimal

from accounts import services as account_services
from accounts.models import User
from accounts.roles import Role
from directory.models import Division

from . import services, sources
from .models import Indicator, Milestone, Plan, ProgressReport, WorkItem, WorkItemNote
from .parser import default_seed_path, read_plan_text

YEAR = 2008
# First matching pattern on the indicator (or work item) name decides the responsible division.
DIVISION_RULES = [
    (r"专利|知识产权", "ip"),
    (r"农业|农作物|品种|扶贫|脱贫|新农村|县", "rural"),
    (r"节能|减排|循环经济|环境|医疗|生物制药|民生", "social"),
    (r"产学研|合作|研发机构|研发中心|实验室|平台", "cooperation"),
    (r"高新|孵化|园区|产品|装备|产业", "hightech"),
    (r"成果|奖励|政策|人才|环境保障", "policy"),
    (r"投入|资金|经费", "finance"),
]
# Deputies share the major projects (分工负责): division → leader username.
LEADERS = [("leader", "王局长"), ("deputy1", "张副局长"), ("deputy2", "刘副局长")]
LEADER_OF_DIVISION = {
    "planning": "leader", "policy": "leader", "finance": "leader",
    "hightech": "deputy1", "ip": "deputy1", "cooperation": "deputy1",
    "rural": "deputy2", "social": "deputy2",
}  # fmt: skip


def seed(scale: str, rng, stdout=None) -> str:
    actor = User.objects.filter(username="admin").first() or services.SystemActor("demo")
    text = read_plan_text(default_seed_path())
    plan = services.import_plan(actor, year=YEAR, text=text, source_name=default_seed_path().name)
    leaders = _leaders()
    divisions = {d.code: d for d in Division.objects.all()}
    indicators = list(plan.indicators.all())
    for indicator in indicators:
        code = _division_for(indicator.name + indicator.excerpt)
        indicator.division = divisions.get(code)
        indicator.leader = leaders.get(LEADER_OF_DIVISION.get(code, "leader"))
    Indicator.objects.bulk_update(indicators, ["division", "leader"])
    indicators += _add_by_hand(plan)
    _note_missing(indicators)
    plan = services.confirm_plan(actor, plan, comment="演示数据")
    mapped = _map_sources(indicators)
    reports = _manual_reports(indicators, rng)
    items = _work_items(plan, divisions, leaders, rng)
    return (
        f"plan {YEAR}: {len(indicators)} indicators ({mapped} on data sources, {reports} reports), {items} work items"
    )


def _leaders() -> dict[str, User]:
    result = {}
    for username, display_name in LEADERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.create_user(None, username, secrets.token_urlsafe(24),
                                                display_name=display_name)  # fmt: skip
            user.set_unusable_password()  # a name to assign work to; the admin issues a password
            user.save(update_fields=["password"])
        if not user.has_role(Role.LEADER):
            account_services.assign_role(None, user, Role.LEADER)
        result[username] = user
    return result


def _division_for(text: str) -> str:
    for pattern, code in DIVISION_RULES:
        if re.search(pattern, text):
            return code
    return "planning"


# The curated 2008 mapping: indicator code → source, chosen by reading each sentence. It is what
# the automatic linking (plans/linking.py) is measured against. 03-2 counts the key problems of
# the equipment field only; 04-1 the whole high-tech industrialisation program (its fields
# together); 05-1 the bearing and energy-saving fields together; 10-1 new-variety outcomes;
# 16-1 is met once the first half year is over and every project of the year was arranged in it.
CURATED_SOURCES = {
    "01-2": "ip.invention_application_growth", "02-1": "projects.key_research",
    "02-2": "projects.key_technologies", "02-3": "projects.superior_applications",
    "02-4": "projects.superior_funding", "02-5": "registries.high_tech_enterprises",
    "02-6": "registries.high_tech_products", "02-7": "registries.institutes_revenue",
    "02-8": "projects.agriculture", "02-9": "registries.new_enterprise_rd_institutions",
    "02-10": "projects.iur", "02-11": "ip.patent_applications", "02-13": "achievements.transferred",
    "03-1": "projects.field.gongguan.1", "03-2": "projects.equipment_key_technologies",
    "03-3": "projects.field.zhongda.2", "03-4": "projects.field.zhongda.3",
    "04-1": "projects.hightech_industrialisation",
    "04-2": "registries.high_tech_enterprises", "04-3": "registries.high_tech_products",
    "04-4": "registries.incubation_area", "04-5": "registries.incubator_tenants",
    "04-6": "registries.high_tech_output", "04-7": "registries.high_tech_added_value",
    "04-8": "registries.zone_revenue", "04-9": "registries.zone_industrial_output",
    "05-1": "projects.bearing_energy_saving",
    "06-1": "projects.energy_saving", "08-1": "projects.social", "09-1": "assessment.counties_passing_vetoes",
    "10-1": "projects.new_varieties",
    "12-1": "registries.municipal_key_labs_completed", "13-1": "registries.new_enterprise_rd_institutions",
    "14-1": "ip.patent_applications", "14-2": "ip.advantage_regions", "14-3": "ip.advantage_enterprises",
    "11-1": "rural.counties_lifted", "16-1": "projects.arranged_first_half",
}  # fmt: skip
# Seed targets no record in the system counts, and why (shown on the indicator page).
NO_RECORD = {
    "01-1": "比重的分母（规模以上工业总产值）来自统计部门，系统不登记。",
    "01-3": "全省位次由省科技厅通报，系统中没有可计数的记录。",
    "02-12": "全省位次由省知识产权局通报，系统中没有可计数的记录。",
    "03-5": "“国内领先地位”是行业地位的评价，不是可计数的记录。",
    "06-2": "系统没有循环经济产业链示范基地的登记。",
}
# Targets the text states in a way the parser rightly does not take as new counts, added by hand
# as an officer would on the review page: "发明专利申请和拥有量均增长20%以上" is one sentence and two
# figures (the import reads the applications); §12 supervises the 16 municipal key labs being built
# and supports the province's 3 labs (stated as what exists, so not parsed as targets); §13 wants
# every enterprise on the key lists to have an R&D institution (a share, stated without a figure)
# and names the three enterprises it supports in applying for postdoc workstations (no figure).
ADDED = [
    {"code": "01-2b", "like": "01-2", "name": "发明专利拥有量", "source_key": "ip.invention_holding_growth"},
    {"code": "12-1b", "like": "12-1", "name": "在建市级重点实验室（加强监督和指导）", "kind": "reach", "unit": "家",
     "target_value": Decimal(16), "source_key": "registries.municipal_labs_building",
     "excerpt": "对现有在建的16家市级重点实验室加强监督和指导"},
    {"code": "12-1c", "like": "12-1", "name": "省重点支持的实验室", "kind": "reach", "unit": "个",
     "target_value": Decimal(3), "source_key": "registries.provincial_labs",
     "excerpt": "对于省重点支持的3个实验室,要继续加大扶持和培育力度"},
    {"code": "13-1b", "like": "13-1", "name": "省百户、50户高成长性和市30户重点企业建立研发机构比例", "kind": "reach",
     "unit": "%", "target_value": Decimal(100), "source_key": "outreach.key_enterprises_rd_share",
     "excerpt": "进入省百户重点企业、50户高成长性企业和市30户重点企业全部建立研发机构"},
    {"code": "13-1c", "like": "13-1", "name": "支持申请博士后科研工作站（中信重机、洛钼集团、惠中兽药）",
     "kind": "reach", "unit": "个", "target_value": Decimal(3), "source_key": "registries.postdoc_stations",
     "excerpt": "支持中信重机、洛钼集团、惠中兽药申请博士后科研工作站"},
]  # fmt: skip
COPIED = ("kind", "unit", "target_value", "section", "excerpt", "division", "leader", "order")


def _add_by_hand(plan: Plan) -> list[Indicator]:
    added = []
    for spec in ADDED:
        like = plan.indicators.filter(code=spec["like"]).first()
        if like is None:
            continue
        values = {field: getattr(like, field) for field in COPIED}
        values.update({k: v for k, v in spec.items() if k in (*COPIED, "code", "name")})
        added.append(Indicator.objects.create(plan=plan, **values))
    return added


def _note_missing(indicators: list[Indicator]) -> None:
    noted = [i for i in indicators if i.code in NO_RECORD]
    for indicator in noted:
        indicator.source_note = NO_RECORD[indicator.code]
    Indicator.objects.bulk_update(noted, ["source_note"])


def _map_sources(indicators: list[Indicator]) -> int:
    curated = {**CURATED_SOURCES, **{spec["code"]: spec["source_key"] for spec in ADDED}}
    mapped = []
    for indicator in indicators:
        source = sources.find(curated.get(indicator.code, ""))
        if source and _has_data(source, indicator):
            indicator.source_key = source.key
            mapped.append(services.fill_whole_target(indicator))
    Indicator.objects.bulk_update(mapped, ["source_key", "target_value"])
    return len(mapped)


def _has_data(source, indicator: Indicator) -> bool:
    try:
        return source.value(YEAR, dt.date(YEAR, 12, 31)) > 0
    except Exception:  # a source of another app failing must not stop the demo
        return False


def _month_end(month: int) -> dt.date:
    return dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def _manual_reports(indicators: list[Indicator], rng) -> int:
    """Monthly cumulative figures at a per-indicator pace (0.6–1.2 of the schedule)."""
    reports = []
    for indicator in indicators:
        if indicator.source_key:
            continue
        pace = Decimal(str(round(rng.uniform(0.6, 1.2), 2)))
        for month in range(1, 13):
            value = _value_at(indicator, month, pace, rng)
            if value is None:
                continue
            reports.append(
                ProgressReport(indicator=indicator, as_of=_month_end(month), value=value, note="演示数据：月度填报")
            )
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    return len(reports)


def _value_at(indicator: Indicator, month: int, pace: Decimal, rng) -> Decimal | None:
    fraction = Decimal(month) / 12
    if indicator.kind in ("keep_rank", "deadline"):
        due = indicator.deadline.month if indicator.deadline else 12
        return Decimal(1 if month >= due and pace >= Decimal("0.8") else 0)
    target = indicator.firm_target
    if target is None:
        return None
    if indicator.kind in ("growth_rate", "point_increase"):
        return (target * pace * Decimal(str(round(rng.uniform(0.9, 1.1), 2)))).quantize(Decimal("0.01"))
    start = indicator.baseline if indicator.kind == "increase_to" and indicator.baseline is not None else 0
    # counts are whole (12 个, never 12.37 个); amounts keep two decimals
    step = Decimal(1) if indicator.unit in sources.COUNT_UNITS else Decimal("0.01")
    return (start + (target - start) * fraction * pace).quantize(step)


MILESTONES = [("制定实施方案并分解任务", 3, 31), ("完成年度过半任务", 7, 15), ("年度工作总结", 12, 20)]


def _work_items(plan: Plan, divisions, leaders, rng) -> int:
    items = list(plan.work_items.all())
    milestones, notes = [], []
    for item in items:
        code = _division_for(item.title + item.body[:60])
        item.division = divisions.get(code)
        item.leader = leaders.get(LEADER_OF_DIVISION.get(code, "leader"))
        for title, month, day in MILESTONES:
            due = dt.date(YEAR, month, day)
            # about one in six is left undone, so the dashboard shows overdue milestones
            done = None if rng.random() < 0.17 else due - dt.timedelta(days=rng.randint(0, 10))
            milestones.append(Milestone(work_item=item, title=title, due=due, done_on=done))
        notes.append(
            WorkItemNote(work_item=item, noted_on=dt.date(YEAR, 6, 30), text="上半年按计划推进，已完成阶段任务。")
        )
    WorkItem.objects.bulk_update(items, ["division", "leader"])
    Milestone.objects.bulk_create(milestones)
    WorkItemNote.objects.bulk_create(notes)
    return len(items)
