"""After approval: review scores, task book, disbursements, reports, outcomes, change requests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit, plausibility
from core import services as core_services
from core.permissions import require
from core.workflow import transition

from .. import permissions as perms
from .. import workflow as wf
from ..models import BudgetLine, ChangeRequest, Disbursement, Milestone, Outcome, Project, Report
from ..workflow import State
from .lifecycle import EXECUTING_STATES, as_date, budget_mismatch, child_repr, parse_amount, record_credit_event

if TYPE_CHECKING:
    from accounts.models import User
    from ip.models import Patent
    from registries.models import HighTechProduct

# An amount above this is a typing error, not a grant (the largest city programs are a few 千万).
# --- review, task book, money, reports, outcomes ----------------------------------------


@transaction.atomic
def record_review_score(
    actor: User, project: Project, score: Any, comment: str = "", source: str = "manual",
) -> Project:
    """Officers enter the expert score by hand until the reviews app calls this with source='reviews'."""
    if source == "manual":
        require(perms.can_record_score(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != State.EXPERT_REVIEW:
        raise ValidationError(_("只有专家评审阶段可以录入分数。Scores are recorded during expert review."))
    try:
        value = Decimal(str(score))
    except InvalidOperation:
        raise ValidationError(_("分数不是数字。The score is not a number.")) from None
    if not Decimal("0") <= value <= Decimal("100"):
        raise ValidationError(_("分数须在 0–100 之间。The score must be 0–100."))
    changes = {"review_score": value.quantize(Decimal("0.01")), "review_source": source}
    return core_services.update(actor, project, changes, action="review_score", note=comment)


@transaction.atomic
def save_taskbook(actor: User, project: Project, *, goals: str, budget: list[dict], milestones: list[dict]) -> Project:
    """The PI drafts the task book: goals, budget lines (must add up) and milestones/payments."""
    require(perms.can_edit_taskbook(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != State.APPROVED:
        raise ValidationError(_("只有已立项待填任务书的项目可以编辑任务书。The task book is not editable now."))
    lines = [
        BudgetLine(
            project=project,
            category=_budget_category(item["category"]),
            amount=parse_amount(item["amount"], _("预算金额")),
            note=item.get("note", ""),
        )
        for item in budget
    ]
    steps = [
        Milestone(
            project=project,
            title=item["title"],
            due_date=as_date(item["due_date"]),
            payment=parse_amount(item.get("payment", 0), _("拨款计划")),
        )
        for item in milestones
    ]
    problem = budget_mismatch(lines, project.planned_total)
    if problem:
        raise ValidationError(problem)
    payments = sum((step.payment for step in steps), Decimal("0"))
    if payments > (project.approved_funding or 0):
        raise ValidationError(_("拨款计划超过批准资助。Payments exceed the approved funding."))
    before = audit.snapshot(project)
    project.goals = goals
    project.save(update_fields=["goals", "updated_at"])
    project.budget_lines.all().delete()
    project.milestones.all().delete()
    BudgetLine.objects.bulk_create(lines)
    Milestone.objects.bulk_create(steps)
    audit.record(
        actor,
        "taskbook",
        project,
        before={"goals": before["goals"]},
        after={
            "goals": goals,
            "budget": [[ln.category, ln.amount] for ln in lines],
            "milestones": [[s.title, s.due_date, s.payment] for s in steps],
        },
    )
    return project


def _budget_category(value: str) -> str:
    if value not in BudgetLine.Category.values:
        raise ValidationError(_("未知预算科目：%(value)s。Unknown budget category.") % {"value": value})
    return value


@transaction.atomic
def record_disbursement(actor: User, project: Project, *, amount: Any, paid_on: Any, voucher: str = "") -> Disbursement:
    """Finance pays out; the total may not exceed the approved funding."""
    require(perms.can_disburse(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in EXECUTING_STATES | {State.ACCEPTANCE_APPLIED}:
        raise ValidationError(_("项目不在执行期，不能拨款。The project is not executing."))
    value = parse_amount(amount, _("拨款金额"))
    if value <= 0:
        raise ValidationError(_("拨款金额须大于零。The amount must be positive."))
    paid = project.disbursements.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if paid + value > (project.approved_funding or 0):
        raise ValidationError(_("累计拨款将超过批准资助。Payments would exceed the approved funding."))
    payment = Disbursement.objects.create(
        project=project, amount=value, paid_on=_payment_date(project, paid_on), voucher=voucher, recorded_by=actor
    )
    audit.record(actor, "disburse", payment, after=audit.snapshot(payment))
    return payment


def _payment_date(project: Project, value: Any) -> dt.date:
    """Money is paid to an approved project and recorded after it left: approval (or start) to today."""
    starts = [d for d in (project.start_date, project.approved_at and timezone.localdate(project.approved_at)) if d]
    return plausibility.check_date(
        as_date(value), _("拨付日期"), earliest=min(starts, default=None), until=timezone.localdate()
    )


@transaction.atomic
def submit_report(
    actor: User, project: Project, *, kind: str, due_date: Any, content: str, spent: Any = None
) -> Report:
    """The PI files a report; filing after the due date records a credit event (late report)."""
    require(perms.can_report(actor, project))
    if project.status not in EXECUTING_STATES | {State.SUSPENDED, State.ACCEPTANCE_APPLIED}:
        raise ValidationError(_("项目不在执行期。The project is not executing."))
    if kind not in Report.Kind.values:
        raise ValidationError(_("未知报告类型。Unknown report kind."))
    if not content.strip():
        raise ValidationError(_("报告内容不能为空。The report is empty."))
    report = Report.objects.create(
        project=project,
        kind=kind,
        due_date=as_date(due_date),
        content=content,
        submitted_at=timezone.now(),
        spent=None if spent in (None, "") else parse_amount(spent, _("支出")),
    )
    audit.record(actor, "report", report, after=audit.snapshot(report), object_repr=child_repr(report))
    if report.is_late:
        record_credit_event(actor, project, "late_report", str(report))
    return report


OUTCOME_STATES = frozenset({State.MIDTERM_PASSED, State.ACCEPTANCE_APPLIED})


@transaction.atomic
def record_outcome(
    actor: User, project: Project, *, kind: str, title: str, reference: str = "", amount: Any = None
) -> Outcome:
    require(perms.is_pi(actor, project) or perms.is_officer_of(actor, project))
    if project.status not in OUTCOME_STATES:
        raise ValidationError(_("验收前填报成果。Outcomes are recorded before acceptance."))
    if kind not in Outcome.Kind.values or not title.strip():
        raise ValidationError(_("请填写成果类型和名称。Kind and title are required."))
    patent, product, reference = _registered_record(kind, reference.strip())
    outcome = Outcome.objects.create(
        project=project,
        kind=kind,
        title=title,
        reference=reference,
        amount=None if amount in (None, "") else parse_amount(amount, _("金额")),
        patent=patent,
        product=product,
    )
    audit.record(actor, "outcome", outcome, after=audit.snapshot(outcome), object_repr=child_repr(outcome))
    return outcome


def _registered_record(kind: str, reference: str) -> tuple[Patent | None, HighTechProduct | None, str]:
    """(patent, product, reference): a patent outcome needs a valid application number, stored in
    its canonical form; either kind is linked to the registry record when one exists."""
    from ip import patent_numbers
    from ip.models import Patent
    from registries.models import HighTechProduct

    if kind == Outcome.Kind.PATENT:
        if not reference:
            raise ValidationError(_("专利成果须填写申请号。A patent outcome needs its application number."))
        try:
            reference = patent_numbers.canonical(reference)
        except patent_numbers.PatentNumberError as exc:
            raise ValidationError(str(exc)) from exc
        return Patent.objects.filter(number=reference).first(), None, reference
    if kind == Outcome.Kind.PRODUCT and reference:
        return None, HighTechProduct.objects.filter(certificate_no=reference).first(), reference
    return None, None, reference


# --- change requests --------------------------------------------------------------------


@transaction.atomic
def request_change(
    actor: User,
    project: Project,
    *,
    kind: str,
    reason: str,
    new_end_date: Any = None,
    new_pi: User | None = None,
    budget_changes: dict | None = None,
) -> ChangeRequest:
    require(perms.is_pi(actor, project))
    if project.status not in wf.CHANGEABLE_STATES:
        raise ValidationError(_("项目当前状态不能申请变更。No change requests in this state."))
    if not reason.strip():
        raise ValidationError(_("请填写变更理由。A reason is required."))
    change = ChangeRequest(
        project=project,
        kind=kind,
        reason=reason,
        requested_by=actor,
        new_pi=new_pi,
        budget_changes=budget_changes or {},
    )
    if kind == wf.ChangeKind.EXTENSION:
        change.new_end_date = plausibility.check_date(as_date(new_end_date), _("延期至"))
        if project.end_date and change.new_end_date <= project.end_date:
            raise ValidationError(_("延期日期须晚于原结束日期。The new end date must be later."))
    elif kind == wf.ChangeKind.BUDGET:
        change.budget_changes = {k: str(v) for k, v in _adjusted_budget(project, budget_changes or {}).items()}
    elif kind == wf.ChangeKind.PI and (new_pi is None or not new_pi.has_role(Role.APPLICANT)):
        raise ValidationError(_("请选择新的项目负责人（须有申报人账号）。Choose the new PI."))
    change.full_clean()
    change.save()
    audit.record(actor, "change_request", change, after=audit.snapshot(change))
    return change


def _adjusted_budget(project: Project, changes: dict) -> dict[str, Decimal]:
    """The budget after moving money between categories; the total must stay the same."""
    if not changes:
        raise ValidationError(_("请填写调整后的预算科目和金额。Give the new amounts."))
    amounts = {line.category: line.amount for line in project.budget_lines.all()}
    for category, amount in changes.items():
        amounts[_budget_category(category)] = parse_amount(amount, _("预算金额"))
    lines = [BudgetLine(category=c, amount=a) for c, a in amounts.items()]
    problem = budget_mismatch(lines, project.planned_total)
    if problem:
        raise ValidationError(problem)
    return amounts


def recheck_change(change: ChangeRequest) -> None:
    """A request may wait while the project moves on: approval re-checks it against the project now."""
    project = Project.objects.select_for_update().get(pk=change.project_id)
    if project.status not in wf.CHANGEABLE_STATES:
        raise ValidationError(
            _("项目当前状态为“%(state)s”，不能再批准变更。The project can no longer be changed.")
            % {"state": project.get_status_display()},
            code="project_closed",
        )
    if change.kind == wf.ChangeKind.EXTENSION and project.end_date and change.new_end_date <= project.end_date:
        raise ValidationError(_("延期日期须晚于原结束日期。The new end date must be later."))


def apply_change(change: ChangeRequest, actor: User, comment: str) -> None:
    project, changes = change.project, {}
    if change.kind == wf.ChangeKind.EXTENSION:
        changes["end_date"] = change.new_end_date
    elif change.kind == wf.ChangeKind.PI and change.new_pi_id:
        changes["pi_id"] = change.new_pi_id
    elif change.kind == wf.ChangeKind.BUDGET:
        # Re-checked on approval: lines may have changed since the request.
        amounts = _adjusted_budget(project, change.budget_changes)
        project.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(BudgetLine(project=project, category=c, amount=a) for c, a in amounts.items())
    core_services.update(actor, project, changes, action="change_applied", note=comment)


def decide_change(actor: User, change: ChangeRequest, action: str, *, comment: str = "") -> ChangeRequest:
    return transition(change, action, actor, wf.CHANGE_TRANSITIONS, comment=comment)
