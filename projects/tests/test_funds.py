"""Fund supervision: expenditure by category, adjustment rules and their lifecycle, closure
balances, overdue payments and the finance overview."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import Role
from core.models import AuditEntry, StatusLog
from core.workflow import TransitionError
from projects.funds import services
from projects.funds.models import AdjustmentState, ClosureBalance, ExpenditureLine
from projects.funds.queries import budget_vs_actual, finance_overview, overdue_payments
from projects.funds.rules import APPROVAL, DEFAULT_RULES, DIRECT, RuleError, adjustment_path, allowed_handling
from projects.models import BudgetLine, Disbursement, Milestone, Project, Report
from projects.workflow import State

from .helpers import make_project

D = Decimal
BUDGET = {"materials": D("300000"), "testing": D("100000"), "travel": D("50000"), "equipment": D("100000"),
          "overhead": D("50000")}


@pytest.fixture
def project(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    project.budget_lines.all().delete()
    for category, amount in BUDGET.items():
        BudgetLine.objects.create(project=project, category=category, amount=amount)
    return project


def _path(source="materials", target="testing", amount="10000", available="300000"):
    return adjustment_path(DEFAULT_RULES, source=source, target=target, amount=D(amount), available=D(available),
                           total_budget=D("600000"))


# --- the rules, without a database ------------------------------------------------------


def test_rules_small_adjustment_is_direct_larger_needs_approval():
    assert _path(amount="60000") == DIRECT  # exactly 10% of the total budget
    assert _path(amount="60000.01") == APPROVAL
    assert _path(target="equipment", amount="1") == APPROVAL  # equipment always approved


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"target": "overhead"}, "may not be increased"),
    ({"target": "materials"}, "two different"),
    ({"amount": "300000.01"}, "unspent"),
    ({"amount": "0"}, "more than zero"),
])
def test_rules_forbidden_adjustments(kwargs, message):
    with pytest.raises(RuleError, match=message):
        _path(**kwargs)


def test_balance_handling_rules():
    assert allowed_handling(DEFAULT_RULES, accepted=True, balance=D("1")) == {"returned", "retained"}
    assert allowed_handling(DEFAULT_RULES, accepted=False, balance=D("1")) == {"returned"}
    assert allowed_handling(DEFAULT_RULES, accepted=True, balance=D("-1")) == set()


# --- expenditure by category ------------------------------------------------------------


def test_expenditure_report_by_category(users, project):
    pi = users[Role.APPLICANT]
    today = timezone.localdate()
    first = services.submit_expenditure(pi, project, due_date=today, content="一季度", lines={"materials": "1000"})
    second = services.submit_expenditure(pi, project, due_date=today, content="二季度",
                                         lines={"materials": "2000", "travel": "500", "testing": ""})
    assert first.kind == Report.Kind.EXPENDITURE and first.spent == D("1000")
    assert second.spent == D("3500")  # cumulative
    rows = {row.category: row for row in budget_vs_actual(project)}
    assert rows["materials"].actual == D("3000") and rows["materials"].remaining == D("297000")
    assert rows["travel"].percent == 1
    assert AuditEntry.objects.filter(action="expenditure").count() == 2


@pytest.mark.parametrize("lines", [{"travel": "50000.01"}, {"labour": "1"}, {"bogus": "1"}, {"travel": ""}])
def test_bad_expenditure_is_refused_and_nothing_written(users, project, lines):
    with pytest.raises(ValidationError):
        services.submit_expenditure(users[Role.APPLICANT], project, due_date=timezone.localdate(), content="x",
                                    lines=lines)
    assert not Report.objects.exists() and not ExpenditureLine.objects.exists()


def test_only_the_pi_reports_expenditure(users, project):
    with pytest.raises(PermissionDenied):
        services.submit_expenditure(users[Role.OFFICER], project, due_date=timezone.localdate(), content="x",
                                    lines={"travel": "1"})


# --- adjustments ------------------------------------------------------------------------


def _amounts(project):
    return dict(project.budget_lines.values_list("category", "amount"))


def test_small_adjustment_is_applied_at_once_and_audited(users, project):
    adjustment = services.request_adjustment(users[Role.APPLICANT], project, source="materials", target="travel",
                                             amount="20000", reason="调研增加")
    assert adjustment.status == AdjustmentState.APPROVED and not adjustment.needs_approval
    amounts = _amounts(project)
    assert amounts["materials"] == D("280000") and amounts["travel"] == D("70000")
    assert sum(amounts.values()) == D("600000")
    assert AuditEntry.objects.filter(action="budget_adjusted", note="调研增加").exists()


def test_large_adjustment_waits_for_the_officer(users, project):
    pi, officer = users[Role.APPLICANT], users[Role.OFFICER]
    adjustment = services.request_adjustment(pi, project, source="materials", target="labour", amount="100000",
                                             reason="增加劳务")
    assert adjustment.status == AdjustmentState.PENDING and _amounts(project)["materials"] == D("300000")
    with pytest.raises(PermissionDenied):
        services.decide_adjustment(pi, adjustment, "approve")
    services.decide_adjustment(officer, adjustment, "approve", comment="同意")
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentState.APPROVED
    assert _amounts(project)["labour"] == D("100000") and _amounts(project)["materials"] == D("200000")
    assert AuditEntry.objects.filter(action="transition:approve", object_id=str(adjustment.pk)).exists()
    assert StatusLog.objects.filter(object_id=str(adjustment.pk), action="approve").exists()
    with pytest.raises(TransitionError):  # decided once only
        services.decide_adjustment(officer, adjustment, "reject", comment="晚了")


def test_reject_needs_a_comment_and_withdraw_is_the_pis(users, project):
    pi, officer = users[Role.APPLICANT], users[Role.OFFICER]
    adjustment = services.request_adjustment(pi, project, source="materials", target="equipment", amount="1000",
                                             reason="购置")
    with pytest.raises(TransitionError):
        services.decide_adjustment(officer, adjustment, "reject")
    with pytest.raises(PermissionDenied):
        services.decide_adjustment(officer, adjustment, "withdraw")
    services.decide_adjustment(pi, adjustment, "withdraw")
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentState.WITHDRAWN and _amounts(project)["equipment"] == D("100000")


def test_approval_rechecks_the_rules_against_spending_since(users, project):
    pi = users[Role.APPLICANT]
    adjustment = services.request_adjustment(pi, project, source="testing", target="labour", amount="90000",
                                             reason="增加劳务")
    services.submit_expenditure(pi, project, due_date=timezone.localdate(), content="测试", lines={"testing": "20000"})
    with pytest.raises(ValidationError, match="unspent"):
        services.decide_adjustment(users[Role.OFFICER], adjustment, "approve")
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentState.PENDING and "labour" not in _amounts(project)


@pytest.mark.parametrize("kwargs", [
    {"target": "overhead", "amount": "1"},
    {"target": "travel", "amount": "1", "reason": " "},
    {"target": "nothing", "amount": "1"},
])
def test_bad_adjustments_write_nothing(users, project, kwargs):
    kwargs = {"source": "materials", "reason": "理由", **kwargs}
    with pytest.raises(ValidationError):
        services.request_adjustment(users[Role.APPLICANT], project, **kwargs)
    assert not project.budget_adjustments.exists() and _amounts(project) == BUDGET


# --- closure balance --------------------------------------------------------------------


def _finish(project, status):
    Disbursement.objects.create(project=project, amount=D("100000"), paid_on=timezone.localdate())
    services.submit_expenditure(project.pi, project, due_date=timezone.localdate(), content="x",
                                lines={"materials": "70000"})
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return project


def test_balance_of_a_terminated_project_is_returned(users, project):
    project = _finish(project, State.TERMINATED)
    finance = users[Role.FINANCE]
    with pytest.raises(ValidationError):
        services.settle_balance(finance, project, handling="retained")
    record = services.settle_balance(finance, project, handling="returned", note="已缴回")
    assert (record.disbursed, record.spent, record.balance) == (D("100000"), D("70000"), D("30000"))
    assert AuditEntry.objects.filter(action="closure_balance").exists()
    with pytest.raises(ValidationError):
        services.settle_balance(finance, project, handling="returned")


def test_balance_of_an_accepted_project_may_be_retained(users, project):
    project = _finish(project, State.ACCEPTED)
    with pytest.raises(PermissionDenied):
        services.settle_balance(users[Role.OFFICER], project, handling="retained")
    assert services.settle_balance(users[Role.FINANCE], project, handling="retained").handling == "retained"


def test_balance_before_the_end_is_refused(users, project):
    with pytest.raises(ValidationError):
        services.settle_balance(users[Role.FINANCE], project, handling="returned")
    assert not ClosureBalance.objects.exists()


# --- alerts and the overview ------------------------------------------------------------


def test_overdue_payment_alert_at_its_boundary(users, project):
    due = dt.date(2008, 6, 30)
    Milestone.objects.create(project=project, title="第一笔", due_date=due, payment=D("200000"))
    projects = Project.objects.all()
    assert overdue_payments(projects, today=due) == []  # due today: not yet overdue
    [alert] = overdue_payments(projects, today=due + dt.timedelta(days=1))
    assert alert.days == 1 and alert.planned == D("200000") and alert.paid == 0
    Disbursement.objects.create(project=project, amount=D("200000"), paid_on=due + dt.timedelta(days=3))
    assert overdue_payments(projects, today=due + dt.timedelta(days=5)) == []


def test_finance_overview_and_export(users, project):
    Milestone.objects.create(project=project, title="第一笔", due_date=dt.date(2008, 3, 1), payment=D("200000"))
    Disbursement.objects.create(project=project, amount=D("200000"), paid_on=dt.date(2008, 3, 11))
    services.submit_expenditure(users[Role.APPLICANT], project, due_date=timezone.localdate(), content="x",
                                lines={"materials": "50000"})
    [row] = finance_overview(project.year, today=dt.date(2008, 12, 31))
    assert (row.projects, row.appropriated, row.disbursed, row.spent) == (1, D("500000"), D("200000"), D("50000"))
    assert row.balance == D("150000") and row.average_delay == 10 and row.overdue == 0
    client = Client()
    client.force_login(users[Role.FINANCE])
    page = client.get(reverse("projects:finance_overview"), {"year": project.year})
    assert page.status_code == 200 and "15.00" in page.content.decode()  # balance in 万元
    sheet = client.get(reverse("projects:finance_overview"), {"year": project.year, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == project.program.name and D(str(rows[1][5])) == D("150000")
    assert client.get(reverse("projects:finance_overview"), {"year": "abc"}).status_code == 200
    applicant = Client()
    applicant.force_login(users[Role.APPLICANT])
    assert applicant.get(reverse("projects:finance_overview")).status_code == 403


def test_pages_post_expenditure_and_adjustment(users, project):
    client = Client()
    client.force_login(users[Role.APPLICANT])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="expenditure-form"' in page and 'id="adjustment-form"' in page
    client.post(reverse("projects:project_expenditure", args=[project.pk]),
                {"due_date": timezone.localdate().isoformat(), "content": "一季度", "cat_materials": "0.1"})
    assert ExpenditureLine.objects.get().amount == D("1000")  # typed in 万元, kept in yuan
    client.post(reverse("projects:budget_adjust", args=[project.pk]),
                {"source": "materials", "target": "labour", "amount": "10", "reason": "增加劳务"})
    adjustment = project.budget_adjustments.get()
    officer = Client()
    officer.force_login(users[Role.OFFICER])
    officer.post(reverse("projects:adjustment_decide", args=[adjustment.pk]), {"action": "approve"})
    adjustment.refresh_from_db()
    assert adjustment.status == AdjustmentState.APPROVED


def test_the_plain_report_form_no_longer_takes_expenditure(users, project):
    client = Client()
    client.force_login(users[Role.APPLICANT])
    client.post(reverse("projects:project_report", args=[project.pk]),
                {"kind": "expenditure", "due_date": timezone.localdate().isoformat(), "content": "x", "spent": "1"})
    assert not Report.objects.exists()
    client.post(reverse("projects:project_report", args=[project.pk]),
                {"kind": "annual", "due_date": timezone.localdate().isoformat(), "content": "年度进展"})
    assert Report.objects.get().kind == Report.Kind.ANNUAL
