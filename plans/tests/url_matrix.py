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
