"""The "经费" panel of a project page: budget against actual, adjustments, closure balance."""

from django import template

from projects import permissions as perms
from projects.funds import services
from projects.funds.models import AdjustmentState, ClosureBalance
from projects.funds.queries import budget_vs_actual, disbursed_total
from projects.funds.views import AdjustmentForm, BalanceForm, ExpenditureForm
from projects.services import EXECUTING_STATES

register = template.Library()


@register.inclusion_tag("projects/_funds.html", takes_context=True)
def funds_panel(context, project):
    user = context["request"].user
    is_pi = perms.is_pi(user, project)
    rows = budget_vs_actual(project)
    settled = ClosureBalance.objects.filter(project=project).first()
    return {
        "project": project,
        "rows": rows,
        "disbursed": disbursed_total(project),
        "adjustments": project.budget_adjustments.select_related("requested_by"),
        "pending": AdjustmentState.PENDING,
        "can_decide": perms.can_decide_change(user, project),
        "is_pi": is_pi,
        "balance": settled,
        "expenditure_form": ExpenditureForm() if is_pi and project.status in EXECUTING_STATES and rows else None,
        "adjustment_form": AdjustmentForm() if is_pi and project.status in services.ADJUSTABLE_STATES else None,
        "balance_form": BalanceForm() if settled is None and services.can_settle(user)
        and project.status in services.FINISHED_STATES else None,
    }
