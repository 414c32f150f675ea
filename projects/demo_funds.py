"""Demo documents and money: issued notices and task books, disbursements against milestones,
expenditure by category, an adjustment waiting for the officer, settled balances."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from . import workflow as wf
from .documents.models import DocumentKind
from .documents.services import issue_approved_list, issue_project_document
from .funds import queries as fund_queries
from .funds import services as funds
from .funds.models import ExpenditureLine
from .models import Call, Disbursement, Milestone, Project, Report
from .workflow import State

EXECUTING = (State.IN_PROGRESS, State.MIDTERM_PASSED, State.ACCEPTANCE_APPLIED, State.ACCEPTED, State.CLOSED)


def seed(rng, limit: int = 24) -> str:
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None:
        return "no admin user: no documents"
    base = Project.objects.filter(budget_lines__isnull=False, milestones__isnull=False).distinct()
    base = base.select_related("program").order_by("pk")
    projects = list(base.filter(status__in=EXECUTING[:-1])[: limit * 2 // 3])
    projects += list(base.filter(status=State.CLOSED)[: limit // 3])
    documents = sum(_documents(admin, project) for project in projects[: limit // 2])
    call = Call.objects.filter(projects__status__in=wf.PROJECT_STATES).order_by("pk").first()
    if call is not None:
        issue_approved_list(admin, call)
        documents += 1
    _payments(rng)
    for project in projects:
        _money(project, rng)
    _adjustment_waiting()
    balances = sum(_balance(admin, project) for project in projects if project.status == State.CLOSED)
    return f"{documents} documents, expenditure of {len(projects)} projects, {balances} balances"


def _documents(admin, project: Project) -> int:
    kinds = [DocumentKind.APPLICATION, DocumentKind.APPROVAL_NOTICE, DocumentKind.TASK_BOOK]
    if project.status in (State.ACCEPTED,):
        kinds.append(DocumentKind.ACCEPTANCE)
    if project.signed_at is None:
        Project.objects.filter(pk=project.pk).update(signed_at=project.approved_at)
        project.refresh_from_db()
    for kind in kinds:
        issue_project_document(admin, project, kind)
    return len(kinds)


def _payments(rng) -> int:
    """Most milestones of approved projects paid, a few days either side of their date; about one
    in eight left unpaid, so the finance overview has late payments to show."""
    payments = []
    milestones = Milestone.objects.filter(payment__gt=0, project__status__in=wf.PROJECT_STATES).exclude(
        project__disbursements__isnull=False).select_related("project")
    for milestone in milestones.iterator(chunk_size=2000):
        if rng.random() < 0.88:
            payments.append(Disbursement(project=milestone.project, amount=milestone.payment, voucher="演示",
                                         paid_on=milestone.due_date + dt.timedelta(days=rng.randint(-10, 40))))
    Disbursement.objects.bulk_create(payments, batch_size=2000)
    return len(payments)


def _money(project: Project, rng) -> None:
    """Spending reported by category: a share of what was paid, spread like the budget."""
    milestone = project.milestones.order_by("due_date").first()
    if project.status in (State.ACCEPTED, State.CLOSED):
        rest = (project.approved_funding or 0) - fund_queries.disbursed_total(project)
        if rest > 0:
            Disbursement.objects.create(project=project, amount=rest, paid_on=milestone.due_date, voucher="演示")
    paid, lines = fund_queries.disbursed_total(project), list(project.budget_lines.all())
    budget = sum((line.amount for line in lines), Decimal("0"))
    if not paid or not budget:
        return
    share = paid * Decimal(rng.randint(50, 95)) / 100 / budget
    report = Report.objects.create(project=project, kind=Report.Kind.EXPENDITURE, due_date=milestone.due_date,
                                   content="按科目报送经费支出。", submitted_at=project.approved_at)
    spending = [ExpenditureLine(report=report, project=project, category=line.category,
                                amount=(line.amount * share).quantize(Decimal("0.01"))) for line in lines]
    ExpenditureLine.objects.bulk_create(spending)
    Report.objects.filter(pk=report.pk).update(spent=sum((line.amount for line in spending), Decimal("0")))


def _adjustment_waiting() -> None:
    """The demo applicant asks to move money into equipment: the officer's to-do shows it."""
    project = Project.objects.filter(pi__username="applicant", status__in=wf.CHANGEABLE_STATES,
                                     budget_lines__category="materials").first()
    if project is not None:
        funds.request_adjustment(project.pi, project, source="materials", target="equipment", amount="20000",
                                 reason="增购检测设备一台。")


def _balance(admin, project: Project) -> int:
    if fund_queries.disbursed_total(project) <= fund_queries.spent_total(project):
        return 0
    handling = "retained" if fund_queries.passed_acceptance(project) else "returned"
    funds.settle_balance(admin, project, handling=handling, note="演示数据")
    return 1
