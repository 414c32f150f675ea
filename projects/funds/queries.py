"""Read side of fund supervision: budget against actual, disbursement delays, the finance overview."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from core.workflow import status_log

from .. import workflow as wf
from ..models import BudgetLine, Disbursement, Milestone, Project

ZERO = Decimal("0")


def budget_by_category(project: Project) -> dict[str, Decimal]:
    rows = BudgetLine.objects.filter(project=project).values("category").annotate(total=Sum("amount"))
    return {row["category"]: row["total"] or ZERO for row in rows}


def actual_by_category(project: Project) -> dict[str, Decimal]:
    from .models import ExpenditureLine

    rows = ExpenditureLine.objects.filter(project=project).values("category").annotate(total=Sum("amount"))
    return {row["category"]: row["total"] or ZERO for row in rows}


def spent_total(project: Project) -> Decimal:
    return sum(actual_by_category(project).values(), ZERO)


def disbursed_total(project: Project) -> Decimal:
    return Disbursement.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO


def passed_acceptance(project: Project) -> bool:
    """Accepted now, or closed after an acceptance (a closed project may also have failed it)."""
    if project.status == wf.State.ACCEPTED:
        return True
    return project.status == wf.State.CLOSED and status_log(project).filter(action=wf.Action.ACCEPT).exists()


@dataclass
class CategoryRow:
    category: str
    label: str
    budget: Decimal
    actual: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.actual

    @property
    def percent(self) -> int:
        return int(self.actual * 100 / self.budget) if self.budget else 0


def budget_vs_actual(project: Project) -> list[CategoryRow]:
    budget, actual = budget_by_category(project), actual_by_category(project)
    return [CategoryRow(c, str(label), budget.get(c, ZERO), actual.get(c, ZERO))
            for c, label in BudgetLine.Category.choices if c in budget or c in actual]


@dataclass
class OverduePayment:
    milestone: Milestone
    planned: Decimal  # cumulative payments planned up to this milestone
    paid: Decimal  # cumulative payments made so far
    days: int


def payment_delays(project: Project, milestones, payments, today: dt.date) -> list[tuple[Milestone, int, bool]]:
    """(milestone, days late, still unpaid) for each milestone with a payment due by today: late
    is the days from its due date until the disbursements reached the cumulative plan."""
    result, planned = [], ZERO
    for milestone in milestones:
        if milestone.payment <= 0:
            continue
        planned += milestone.payment
        if milestone.due_date > today:
            break
        reached, paid = None, ZERO
        for payment in payments:
            paid += payment.amount
            if paid >= planned:
                reached = payment.paid_on
                break
        end = reached or today
        result.append((milestone, max((end - milestone.due_date).days, 0), reached is None))
    return result


def overdue_payments(projects, today: dt.date | None = None) -> list[OverduePayment]:
    """Milestones whose planned payment is past due and not yet disbursed (the finance alert)."""
    today = today or timezone.localdate()
    projects = projects.filter(status__in=wf.PROJECT_STATES - {wf.State.CLOSED, wf.State.TERMINATED})
    projects = projects.filter(milestones__payment__gt=0, milestones__due_date__lt=today).distinct()
    alerts = []
    for project in projects.prefetch_related("milestones", "disbursements")[:2000]:
        milestones, payments = list(project.milestones.all()), list(project.disbursements.all())
        paid = sum((p.amount for p in payments), ZERO)
        planned = ZERO
        for milestone, days, unpaid in payment_delays(project, milestones, payments, today):
            planned += milestone.payment
            if unpaid and days > 0:
                alerts.append(OverduePayment(milestone, planned, paid, days))
    return sorted(alerts, key=lambda a: -a.days)


@dataclass
class ProgramFinance:
    program: str
    projects: int = 0
    appropriated: Decimal = ZERO
    disbursed: Decimal = ZERO
    spent: Decimal = ZERO
    delays: list = field(default_factory=list)
    overdue: int = 0

    @property
    def balance(self) -> Decimal:
        return self.disbursed - self.spent

    @property
    def average_delay(self) -> int:
        return round(sum(self.delays) / len(self.delays)) if self.delays else 0


def finance_overview(year: int, today: dt.date | None = None) -> list[ProgramFinance]:
    """Per program, the approved projects of `year`: appropriated, disbursed, reported spent,
    balance, the average payment delay (days late, over the payments made) and the overdue count."""
    from .models import ExpenditureLine

    today = today or timezone.localdate()
    projects = Project.objects.filter(year=year, status__in=wf.PROJECT_STATES).select_related("program")
    projects = projects.prefetch_related("milestones", "disbursements").order_by("program__sort_order", "id")
    spent = dict(ExpenditureLine.objects.filter(project__in=projects).values_list("project").annotate(
        total=Sum("amount")))
    rows: dict[int, ProgramFinance] = defaultdict(lambda: ProgramFinance(""))
    for project in projects.iterator(chunk_size=500):
        row = rows[project.program_id]
        row.program = project.program.name
        payments = list(project.disbursements.all())
        row.projects += 1
        row.appropriated += project.approved_funding or ZERO
        row.disbursed += sum((p.amount for p in payments), ZERO)
        row.spent += spent.get(project.pk) or ZERO
        for _milestone, days, unpaid in payment_delays(project, list(project.milestones.all()), payments, today):
            # The average is over payments made; one still owed counts as overdue instead.
            if unpaid:
                row.overdue += int(days > 0)
            else:
                row.delays.append(days)
    return list(rows.values())
