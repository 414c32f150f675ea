"""Every state change of fund supervision: expenditure by category, adjustments, closure balances."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit
from core.permissions import require
from core.workflow import transition

from .. import permissions as perms
from .. import workflow as wf
from ..models import BudgetLine, Project, Report
from .models import AdjustmentState, BudgetAdjustment, ClosureBalance, ExpenditureLine
from .queries import actual_by_category, budget_by_category, disbursed_total, passed_acceptance, spent_total
from .rules import DIRECT, RuleError, adjustment_path, allowed_handling, rules_for

if TYPE_CHECKING:
    from accounts.models import User

ADJUSTABLE_STATES = wf.CHANGEABLE_STATES
FINISHED_STATES = frozenset({wf.State.ACCEPTED, wf.State.NOT_ACCEPTED, wf.State.CLOSED, wf.State.TERMINATED})


def _amount(value: Any, label: str) -> Decimal:
    from ..services import parse_amount

    return parse_amount(value, label)


@transaction.atomic
def submit_expenditure(actor: User, project: Project, *, due_date: Any, content: str, lines: dict[str, Any]) -> Report:
    """An expenditure report with what was spent per budget category in its period; the report's
    `spent` is the cumulative total. Spending past a category's budget needs an adjustment first."""
    from ..services import submit_report

    project = Project.objects.select_for_update().get(pk=project.pk)
    amounts = {category: _amount(value, _("支出")) for category, value in lines.items() if value not in (None, "")}
    amounts = {category: value for category, value in amounts.items() if value}
    if not amounts:
        raise ValidationError(_("请按科目填写支出。Give the spending per category."))
    budget, actual = budget_by_category(project), actual_by_category(project)
    for category, value in amounts.items():
        if category not in BudgetLine.Category.values:
            raise ValidationError(_("未知预算科目：%(value)s。Unknown budget category.") % {"value": category})
        if actual.get(category, 0) + value > budget.get(category, 0):
            label = BudgetLine.Category(category).label
            raise ValidationError(
                _("“%(category)s”支出将超过预算，请先申请预算调剂。Spending would exceed the budget of "
                  "%(category)s: adjust the budget first.") % {"category": label})
    cumulative = spent_total(project) + sum(amounts.values(), Decimal("0"))
    report = submit_report(actor, project, kind=Report.Kind.EXPENDITURE, due_date=due_date, content=content,
                           spent=cumulative)
    ExpenditureLine.objects.bulk_create(
        ExpenditureLine(report=report, project=project, category=c, amount=a) for c, a in amounts.items())
    audit.record(actor, "expenditure", report, after={c: str(a) for c, a in amounts.items()})
    return report


def _path(project: Project, source: str, target: str, amount: Decimal) -> str:
    for category in (source, target):
        if category not in BudgetLine.Category.values:
            raise ValidationError(_("未知预算科目：%(value)s。Unknown budget category.") % {"value": category})
    budget, actual = budget_by_category(project), actual_by_category(project)
    try:
        return adjustment_path(rules_for(project.program.code), source=source, target=target, amount=amount,
                               available=budget.get(source, 0) - actual.get(source, 0),
                               total_budget=sum(budget.values(), Decimal("0")))
    except RuleError as exc:
        raise ValidationError(str(exc)) from None


@transaction.atomic
def request_adjustment(actor: User, project: Project, *, source: str, target: str, amount: Any,
                       reason: str) -> BudgetAdjustment:
    """The PI moves budget between categories: within the PI's share it is applied at once
    (and audited); above it, or into a category that always needs approval, it waits."""
    require(perms.is_pi(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in ADJUSTABLE_STATES:
        raise ValidationError(_("项目不在执行期，不能调剂预算。The project is not executing."))
    if not reason.strip():
        raise ValidationError(_("请填写调剂理由。A reason is required."))
    value = _amount(amount, _("调剂金额"))
    path = _path(project, source, target, value)
    adjustment = BudgetAdjustment.objects.create(
        project=project, from_category=source, to_category=target, amount=value, reason=reason,
        requested_by=actor, needs_approval=path != DIRECT,
        status=AdjustmentState.APPROVED if path == DIRECT else AdjustmentState.PENDING,
    )
    audit.record(actor, "budget_adjustment", adjustment, after=audit.snapshot(adjustment))
    if path == DIRECT:
        apply_adjustment(adjustment, actor)
    return adjustment


def decide_adjustment(actor: User, adjustment: BudgetAdjustment, action: str, *, comment: str = "") -> BudgetAdjustment:
    from .workflow import adjustment_rules

    return transition(adjustment, action, actor, adjustment_rules(), comment=comment)


def check_still_possible(adjustment: BudgetAdjustment, actor: User, comment: str = "", **data: Any) -> None:
    """Spending may have moved on while the request waited: the rules are checked again now."""
    project = Project.objects.select_for_update().get(pk=adjustment.project_id)
    if project.status not in ADJUSTABLE_STATES:
        raise ValidationError(_("项目不在执行期，不能调剂预算。The project is not executing."))
    _path(project, adjustment.from_category, adjustment.to_category, adjustment.amount)


def apply_adjustment(adjustment: BudgetAdjustment, actor: User, comment: str = "", **data: Any) -> None:
    lines = BudgetLine.objects.select_for_update().filter(project_id=adjustment.project_id)
    before = {line.category: str(line.amount) for line in lines}
    source = lines.filter(category=adjustment.from_category).first()
    source.amount -= adjustment.amount
    source.save(update_fields=["amount"])
    target = lines.filter(category=adjustment.to_category).first()
    if target is None:
        BudgetLine.objects.create(project_id=adjustment.project_id, category=adjustment.to_category,
                                  amount=adjustment.amount, note=_("预算调剂"))
    else:
        target.amount += adjustment.amount
        target.save(update_fields=["amount"])
    after = {line.category: str(line.amount) for line in BudgetLine.objects.filter(project_id=adjustment.project_id)}
    audit.record(actor, "budget_adjusted", adjustment.project, before={"budget": before}, after={"budget": after},
                 note=adjustment.reason)


def can_settle(user) -> bool:
    return user.has_role(Role.FINANCE, Role.ADMIN)


@transaction.atomic
def settle_balance(actor: User, project: Project, *, handling: str, note: str = "") -> ClosureBalance:
    """Finance records the balance of a finished project and its handling, within the rules."""
    require(can_settle(actor))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in FINISHED_STATES:
        raise ValidationError(_("项目结束后才能处理结余。The project has not finished."))
    if ClosureBalance.objects.filter(project=project).exists():
        raise ValidationError(_("该项目的结余已处理。The balance was already settled."))
    disbursed, spent = disbursed_total(project), spent_total(project)
    balance = disbursed - spent
    accepted = passed_acceptance(project)
    if handling not in allowed_handling(rules_for(project.program.code), accepted=accepted, balance=balance):
        raise ValidationError(_("按规定该结余不能这样处理（未通过验收或终止的项目结余须收回）。This handling is not "
                                "allowed: the balance of a project not accepted is returned."))
    record = ClosureBalance.objects.create(project=project, disbursed=disbursed, spent=spent, balance=balance,
                                           handling=handling, note=note, decided_by=actor)
    audit.record(actor, "closure_balance", record, after=audit.snapshot(record))
    return record

