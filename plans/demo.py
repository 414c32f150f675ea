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
# the automatic linking (plans/linking.py) is measured against. Left out on purpose: 03-2 (40 key
# problems of equipment; the source counts every field), 04-1 and 05-1 (projects over several
# fields: one field source under-counts), 10-1 (new varieties, not projects), ranks and dates.
CURATED_SOURCES = {
    "01-2": "ip.invention_application_growth", "02-1": "projects.key_research",
    "02-2": "projects.key_technologies", "02-3": "projects.superior_applications",
    "02-4": "projects.superior_funding", "02-5": "registries.high_tech_enterprises",
    "02-6": "registries.high_tech_products", "02-7": "registries.institutes_revenue",
    "02-8": "projects.agriculture", "02-9": "registries.new_enterprise_rd_institutions",
    "02-10": "projects.iur", "02-11": "ip.patent_applications", "02-13": "projects.transformation",
    "03-1": "projects.field.gongguan.1", "03-3": "projects.field.zhongda.2", "03-4": "projects.field.zhongda.3",
    "04-2": "registries.high_tech_enterprises", "04-3": "registries.high_tech_products",
    "04-4": "registries.incubation_area", "04-5": "registries.incubator_tenants",
    "04-6": "registries.high_tech_output", "04-7": "registries.high_tech_added_value",
    "06-1": "projects.energy_saving", "08-1": "projects.social",
    "12-1": "registries.municipal_key_labs_completed", "13-1": "registries.new_enterprise_rd_institutions",
    "14-1": "ip.patent_applications", "14-2": "ip.advantage_regions", "14-3": "ip.advantage_enterprises",
    "11-1": "rural.counties_lifted",
}  # fmt: skip


def _map_sources(indicators: list[Indicator]) -> int:
    mapped = []
    for indicator in indicators:
        source = sources.find(CURATED_SOURCES.get(indicator.code, ""))
        if source and _has_data(source, indicator):
            indicator.source_key = source.key
            mapped.append(indicator)
    Indicator.objects.bulk_update(mapped, ["source_key"])
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
    return (start + (target - start) * fraction * pace).quantize(Decimal("0.01"))


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
