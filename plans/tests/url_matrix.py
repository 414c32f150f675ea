"""URL × role matrix rows of plans (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("plan-list"),
    Row("plan-detail", pk="plans.Plan"),
    Row("plan-confirm", pk="plans.Plan"),
    Row("plan-reopen", pk="plans.Plan"),
    Row("indicator-list"),
    Row("indicator-detail", pk="plans.Indicator"),
    Row("progressreport-list"),
    Row("progressreport-detail", pk="plans.ProgressReport"),
    Row("workitem-list"),
    Row("workitem-detail", pk="plans.WorkItem"),
    Row("plan-dashboard-list"),
    Row("plans:dashboard"),
    Row("plans:plan_list"),
    Row("plans:plan_import"),
    Row("plans:plan_detail", pk="plans.Plan"),
    Row("plans:plan_review", pk="plans.Plan"),
    Row("plans:plan_delete", pk="plans.Plan"),
    Row("plans:plan_next_year", pk="plans.Plan"),
    Row("plans:plan_transition", pk="plans.Plan", action="confirm"),
    Row("plans:indicator_detail", pk="plans.Indicator"),
    Row("plans:indicator_edit", pk="plans.Indicator"),
    Row("plans:report_add", pk="plans.Indicator"),
    Row("plans:report_delete", pk="plans.ProgressReport"),
    Row("plans:work_item_list"),
    Row("plans:work_item_detail", pk="plans.WorkItem"),
    Row("plans:work_item_edit", pk="plans.WorkItem"),
    Row("plans:work_item_action", pk="plans.WorkItem", what="note"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """A confirmed 2008 plan (every plan reader sees it) and a draft 2009 one (only those who
    prepare plans do: out of scope for county, supervisor and finance), each with an indicator,
    a report or milestone and a work item, so the pages are requested with real ids."""
    import datetime as dt
    from decimal import Decimal

    from directory.models import Division
    from plans.models import Indicator, Milestone, Plan, ProgressReport, WorkItem

    planning = Division.objects.get(code="planning")
    for year, status in ((2008, Plan.Status.CONFIRMED), (2009, Plan.Status.DRAFT)):
        plan = Plan.objects.create(year=year, title=f"{year}年科技工作要点", status=status)
        indicator = Indicator.objects.create(
            plan=plan, code="01-1", name="专利申请量", kind="reach", unit="件", target_value=Decimal(1600),
            division=planning, leader=users["leader"],
        )  # fmt: skip
        ProgressReport.objects.create(indicator=indicator, as_of=dt.date(year, 6, 30), value=Decimal(700))
        item = WorkItem.objects.create(plan=plan, number=1, title="加强科技攻关", division=planning)
        Milestone.objects.create(work_item=item, title="年度总结", due=dt.date(year, 12, 20))
