"""Every state change of programs, calls and projects (DESIGN.md rule 1).

Lifecycle moves go through :func:`apply_action`, which turns the data table in
``workflow.py`` into core ``Rule`` objects and calls core's ``transition()`` (row lock,
state check, status log, audit entry, inbox notification — one transaction).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.roles import Role
from core import audit
from core.permissions import region_prefix, require
from core.workflow import Rule, TransitionError, transition

from . import permissions as perms
from . import workflow as wf
from .models import (
    BudgetLine,
    Call,
    ChangeRequest,
    Disbursement,
    Milestone,
    Objection,
    Outcome,
    Program,
    Project,
    Report,
)
from .workflow import Action, Guard, State

# An amount above this is a typing error, not a grant (the largest city programs are a few 千万).
ABSURD_AMOUNT = Decimal("1000000000")
EXECUTING_STATES = frozenset({State.IN_PROGRESS, State.MIDTERM_CHECK, State.MIDTERM_PASSED})


# --- small validators -------------------------------------------------------------------


def parse_amount(value: Any, label: str) -> Decimal:
    """A money amount in yuan: a number, not negative, not absurd, at most two decimals."""
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(label)s不是有效金额。Not a valid amount.") % {"label": label}) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError(_("%(label)s不能为负数。Amount must not be negative.") % {"label": label})
    if amount >= ABSURD_AMOUNT:
        raise ValidationError(_("%(label)s金额过大，请核对单位（元）。Amount is implausibly large.") % {"label": label})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("%(label)s最多两位小数。At most two decimals.") % {"label": label})
    return amount


def _parse_when(value: Any) -> dt.datetime:
    when = value if isinstance(value, dt.datetime) else parse_datetime(str(value or ""))
    if when is None and value:
        try:
            when = dt.datetime.combine(dt.date.fromisoformat(str(value)), dt.time(23, 59, 59))
        except ValueError:
            when = None
    if when is None:
        raise ValidationError(_("日期时间格式不正确。Not a valid date/time."))
    return timezone.make_aware(when) if timezone.is_naive(when) else when


# --- guards -----------------------------------------------------------------------------


def _guard_call_open(project: Project, actor, data: dict) -> None:
    if project.call is None or not project.call.is_open(timezone.now()):
        raise TransitionError(_("申报通知不在开放期内（已截止或未开始）。The call is not open."), code="call_closed")


def _guard_eligible(project: Project, actor, data: dict) -> None:
    problems = eligibility_problems(project)
    if problems:
        raise TransitionError(problems, code="ineligible")


def _guard_quota(project: Project, actor, data: dict) -> None:
    key = recommender_key(actor, project)
    quota = project.call.quota_for(key) if project.call else None
    if quota is None:
        return
    used = (
        Project.objects.filter(call=project.call, recommender=key)
        .exclude(pk=project.pk)
        .exclude(status__in=[State.DRAFT, State.SUBMITTED, State.ENDORSED, State.WITHDRAWN])
        .count()
    )
    if used >= quota:
        raise TransitionError(
            _("推荐名额已用完（%(quota)s 项）。The recommendation quota is used up.") % {"quota": quota},
            code="quota",
        )


def _guard_score(project: Project, actor, data: dict) -> None:
    if project.review_score is None:
        raise TransitionError(_("尚无专家评审分数。No review score yet."), code="no_score")


def _guard_notice_over(project: Project, actor, data: dict) -> None:
    if project.notice_end is None or project.notice_end > timezone.now():
        raise TransitionError(_("公示期未满，不能批准立项。The public notice has not ended."), code="notice")


def _guard_funding(project: Project, actor, data: dict) -> None:
    amount = data.get("approved_funding", data.get("proposed_funding"))
    if amount is None:
        return  # the required-input check reports the missing amount
    program = project.program
    if program.funding_max and not program.funding_min <= amount <= program.funding_max:
        raise TransitionError(
            _("资助金额须在 %(low)s–%(high)s 元之间。Funding outside the program's range.")
            % {"low": program.funding_min, "high": program.funding_max},
            code="funding_range",
        )


def _guard_budget(project: Project, actor, data: dict) -> None:
    problem = budget_problem(project)
    if problem:
        raise TransitionError(problem, code="budget")


def _guard_outcomes(project: Project, actor, data: dict) -> None:
    if not project.outcomes.exists():
        raise TransitionError(_("请先填报项目成果。Record the outcomes first."), code="outcomes")


GUARD_CHECKS = {
    Guard.CALL_OPEN: _guard_call_open,
    Guard.APPLICANT_ELIGIBLE: _guard_eligible,
    Guard.WITHIN_QUOTA: _guard_quota,
    Guard.HAS_REVIEW_SCORE: _guard_score,
    Guard.NOTICE_WINDOW_OVER: _guard_notice_over,
    Guard.FUNDING_IN_RANGE: _guard_funding,
    Guard.BUDGET_BALANCED: _guard_budget,
    Guard.HAS_OUTCOMES: _guard_outcomes,
}


def eligibility_problems(project: Project) -> list[str]:
    """Why this application may not be submitted (empty list: it may)."""
    from directory.models import Organisation

    problems = []
    program = project.program
    if (
        program.needs_academic_partner
        and not project.partners.filter(kind__in=[Organisation.Kind.UNIVERSITY, Organisation.Kind.INSTITUTE]).exists()
    ):
        problems.append(
            _(
                "产学研合作项目须至少有一家高校或科研院所合作单位。"
                "A university or research-institute partner is required."
            )
        )
    missing = [name for name in program.required_fields if not getattr(project, name, None)]
    if missing:
        labels = "、".join(str(Project._meta.get_field(name).verbose_name) for name in missing)
        problems.append(_("请填写：%(fields)s。Required fields are missing.") % {"fields": labels})
    missing_files = set(program.required_attachments) - attachment_purposes(project)
    if missing_files:
        problems.append(
            _("请上传附件：%(files)s。Required attachments are missing.") % {"files": "、".join(sorted(missing_files))}
        )
    blocked = credit_block_reason(project)
    if blocked:
        problems.append(blocked)
    return problems


def budget_problem(project: Project) -> str:
    return _budget_mismatch(list(project.budget_lines.all()), project.planned_total)


def _budget_mismatch(lines: list[BudgetLine], planned: Decimal) -> str:
    if not lines:
        return _("任务书没有预算明细。The task book has no budget lines.")
    total = sum((line.amount for line in lines), Decimal("0"))
    if total != planned:
        return _("预算明细合计 %(total)s 元，与总预算 %(planned)s 元不符。Budget lines do not add up.") % {
            "total": total,
            "planned": planned,
        }
    return ""


# --- rule assembly ----------------------------------------------------------------------

# Inputs a row may require that are not the comment: parsed here, then stored by _effects.
_INPUT_PARSERS = {
    "proposed_funding": lambda v: parse_amount(v, _("拟资助金额")),
    "approved_funding": lambda v: parse_amount(v, _("批准资助金额")),
    "notice_end": _parse_when,
}
_COMMENT_INPUTS = {"reason", "comment"}


def _clean_inputs(row: wf.Transition, comment: str, data: dict) -> dict:
    cleaned: dict[str, Any] = {}
    for name in row.requires:
        if name in _COMMENT_INPUTS:
            if not comment.strip():
                raise TransitionError(_("请填写意见或理由。A comment or reason is required."), code="comment")
            continue
        if data.get(name) in (None, ""):
            label = Project._meta.get_field(name).verbose_name
            raise TransitionError(_("请填写：%(field)s。Required.") % {"field": label}, code="missing")
        cleaned[name] = _INPUT_PARSERS[name](data[name])
    return cleaned


def _effects(row: wf.Transition, project: Project, actor, comment: str, cleaned: dict, data: dict) -> None:
    """What a transition writes besides the status (one place, keyed by action)."""
    now = timezone.now()
    for name, value in cleaned.items():
        setattr(project, name, value)
    project.status_changed_at = now
    if comment:
        project.feedback = comment
    action = row.action
    if action == Action.SUBMIT:
        project.submitted_at = now
    elif action == Action.RECOMMEND:
        project.recommender = recommender_key(actor, project)
    elif action == Action.PUBLISH_NOTICE and cleaned["notice_end"] <= now:
        raise TransitionError(_("公示截止时间须在将来。The notice must end in the future."), code="notice_end")
    elif action == Action.APPROVE:
        project.approved_at = now
    elif action == Action.SIGN_TASKBOOK:
        project.signed_at = now
    elif action == Action.CLOSE:
        project.closed_at = now
    elif action == Action.RAISE_OBJECTION:
        Objection.objects.create(project=project, content=comment, recorded_by=actor)
    elif action in (Action.DISMISS_OBJECTION, Action.UPHOLD_OBJECTION):
        project.objections.filter(resolved_at__isnull=True).update(
            upheld=action == Action.UPHOLD_OBJECTION, resolution=comment, resolved_at=now
        )


def _before(row: wf.Transition):
    def hook(project: Project, actor, comment: str = "", **data: Any) -> None:
        cleaned = _clean_inputs(row, comment, data)
        for guard in row.guards:
            GUARD_CHECKS[guard](project, actor, {**data, **cleaned})
        _effects(row, project, actor, comment, cleaned, data)

    return hook


def _after(row: wf.Transition):
    def hook(project: Project, actor, comment: str = "", at_fault: bool = True, **data: Any) -> None:
        # A termination can be for cause outside the team's control; only fault costs credit.
        if row.credit_event and (row.action != Action.TERMINATE or at_fault):
            record_credit_event(actor, project, row.credit_event, comment)

    return hook if row.credit_event else None


def _notify(row: wf.Transition):
    def recipients(project: Project) -> Iterable:
        users = {}
        for party in row.notify:
            for user in PARTY_USERS[party](project):
                users[user.pk] = user
        return users.values()

    return recipients if row.notify else None


@functools.cache
def rules() -> dict[tuple[str, str], Rule]:
    """The lifecycle table in core's form (built once per process)."""
    return {
        key: Rule(
            row.target,
            allowed=perms.may_apply(row),
            label=str(Action(row.action).label),
            before=_before(row),
            after=_after(row),
            notify=_notify(row),
        )
        for key, row in wf.TRANSITIONS.items()
    }


def apply_action(actor, project: Project, action: str, *, comment: str = "", **data: Any) -> Project:
    """Move a project along its lifecycle; refuses with a clear message and writes nothing."""
    return transition(project, action, actor, rules(), comment=comment, **data)


def available_actions(actor, project: Project) -> list[wf.Transition]:
    return [
        wf.TRANSITIONS[key]
        for key, rule in rules().items()
        if key[0] == project.status and rule.allowed(actor, project)
    ]


# --- who is told ------------------------------------------------------------------------


def _users_with(role: str, **scope):
    return (
        get_user_model()
        .objects.filter(
            role_assignments__role=role,
            is_active=True,
            **{f"role_assignments__{k}": v for k, v in scope.items()},
        )
        .distinct()
    )


def _county_users(project: Project):
    code = project.applicant_org.region.code
    return [u for u in _users_with(Role.COUNTY) if any(code.startswith(region_prefix(own)) for own in u.region_codes)]


def _officer_users(project: Project):
    if project.division_id:
        return _users_with(Role.OFFICER, division=project.division_id)
    return _users_with(Role.OFFICER)


PARTY_USERS = {
    wf.NOTIFY_PI: lambda project: [project.pi],
    wf.NOTIFY_OFFICERS: _officer_users,
    wf.NOTIFY_ORG: lambda project: _users_with(Role.ORG_ADMIN, organisation=project.applicant_org_id),
    wf.NOTIFY_COUNTY: _county_users,
    wf.NOTIFY_LEADERS: lambda project: [project.leader] if project.leader_id else _users_with(Role.LEADER),
}


def recommender_key(actor, project: Project) -> str:
    """Quotas are per recommender: the county office's region code, or the bureau division."""
    code = project.applicant_org.region.code
    for own in getattr(actor, "region_codes", []):
        if code.startswith(region_prefix(own)):
            return own
    return f"division:{project.division_id or 0}"


# --- credit -----------------------------------------------------------------------------


def credit_block_reason(project: Project) -> str:
    """A blacklisted PI or organisation may not apply (the credit ledger decides)."""
    from credit import services as credit

    for subject in _credit_subjects(project):
        if credit.is_blacklisted(subject):
            return _("%(who)s 在科研诚信黑名单中，不能申报。The applicant is on the credit blacklist.") % {
                "who": subject
            }
    return ""


# kind (workflow.Transition.credit_event, or "late_report") → credit area, points, reason
CREDIT_RULES = {
    "termination_for_fault": ("implementation", -20, _lazy("项目因承担方过错被终止")),
    "failed_acceptance": ("acceptance", -15, _lazy("项目验收不通过")),
    "late_report": ("implementation", -5, _lazy("逾期提交项目报告")),
}


def _credit_subjects(project: Project) -> list:
    person = getattr(project.pi, "person", None) if project.pi_id else None
    return [s for s in (project.applicant_org, person) if s is not None]


def record_credit_event(actor, project: Project, kind: str, note: str) -> None:
    """A late report, a failed acceptance or a termination for fault count against PI and organisation."""
    from credit import services as credit

    area, points, reason = CREDIT_RULES[kind]
    for subject in _credit_subjects(project):
        credit.record_event(
            actor, subject, area=area, points=points, reason=f"{reason}：{project}"[:300], evidence=note
        )


# --- applications -----------------------------------------------------------------------

APPLICATION_FIELDS = ("title", "field", "level", "summary", "goals", "start_date", "end_date")


@transaction.atomic
def create_application(actor, call: Call, data: dict[str, Any]) -> Project:
    """A PI starts an application in an open call, for their own organisation."""
    require(perms.can_create_application(actor))
    if not call.is_open():
        raise ValidationError(_("申报通知不在开放期内。The call is not open."))
    org_ids = actor.scope_ids(Role.APPLICANT, "organisation")
    if not org_ids:
        raise ValidationError(_("您的账号未关联单位。Your account has no organisation."))
    project = Project(
        call=call,
        program=call.program,
        year=call.year,
        division=call.program.division,
        pi=actor,
        applicant_org_id=min(org_ids),
        number=_next_number(call.year, call.program.code),
    )
    _set_application_fields(project, data)
    project.full_clean()
    project.save()
    project.partners.set(data.get("partners", []))
    audit.record(actor, "create", project, after=audit.snapshot(project))
    return project


@transaction.atomic
def update_application(actor, project: Project, data: dict[str, Any]) -> Project:
    require(perms.can_edit_application(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = audit.snapshot(project)
    _set_application_fields(project, data)
    project.full_clean()
    project.save()
    if "partners" in data:
        project.partners.set(data["partners"])
    old, new = audit.diff(before, audit.snapshot(project))
    audit.record(actor, "update", project, before=old, after=new)
    return project


def _set_application_fields(project: Project, data: dict[str, Any]) -> None:
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    for name in ("requested_funding", "self_funding"):
        if name in data:
            setattr(project, name, parse_amount(data[name], str(Project._meta.get_field(name).verbose_name)))
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError(_("结束日期早于开始日期。End date is before start date."))


def _next_number(year: int, program_code: str) -> str:
    prefix = f"{year}-{program_code.upper()[:8]}-"
    count = Project.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


# --- review, task book, money, reports, outcomes ----------------------------------------


@transaction.atomic
def record_review_score(actor, project: Project, score: Any, comment: str = "", source: str = "manual") -> Project:
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
    before = audit.snapshot(project)
    project.review_score, project.review_source = value.quantize(Decimal("0.01")), source
    project.save(update_fields=["review_score", "review_source", "updated_at"])
    old, new = audit.diff(before, audit.snapshot(project))
    audit.record(actor, "review_score", project, before=old, after=new, note=comment)
    return project


@transaction.atomic
def save_taskbook(actor, project: Project, *, goals: str, budget: list[dict], milestones: list[dict]) -> Project:
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
            due_date=_as_date(item["due_date"]),
            payment=parse_amount(item.get("payment", 0), _("拨款计划")),
        )
        for item in milestones
    ]
    problem = _budget_mismatch(lines, project.planned_total)
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


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_("日期格式不正确：%(value)s。Not a valid date.") % {"value": value}) from None


@transaction.atomic
def record_disbursement(actor, project: Project, *, amount: Any, paid_on: Any, voucher: str = "") -> Disbursement:
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
        project=project, amount=value, paid_on=_as_date(paid_on), voucher=voucher, recorded_by=actor
    )
    audit.record(actor, "disburse", payment, after=audit.snapshot(payment))
    return payment


@transaction.atomic
def submit_report(actor, project: Project, *, kind: str, due_date: Any, content: str, spent: Any = None) -> Report:
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
        due_date=_as_date(due_date),
        content=content,
        submitted_at=timezone.now(),
        spent=None if spent in (None, "") else parse_amount(spent, _("支出")),
    )
    audit.record(actor, "report", report, after=audit.snapshot(report))
    if report.is_late:
        record_credit_event(actor, project, "late_report", str(report))
    return report


OUTCOME_STATES = frozenset({State.MIDTERM_PASSED, State.ACCEPTANCE_APPLIED})


@transaction.atomic
def record_outcome(
    actor, project: Project, *, kind: str, title: str, reference: str = "", amount: Any = None
) -> Outcome:
    require(perms.is_pi(actor, project) or perms.is_officer_of(actor, project))
    if project.status not in OUTCOME_STATES:
        raise ValidationError(_("验收前填报成果。Outcomes are recorded before acceptance."))
    if kind not in Outcome.Kind.values or not title.strip():
        raise ValidationError(_("请填写成果类型和名称。Kind and title are required."))
    outcome = Outcome.objects.create(
        project=project,
        kind=kind,
        title=title,
        reference=reference,
        amount=None if amount in (None, "") else parse_amount(amount, _("金额")),
    )
    audit.record(actor, "outcome", outcome, after=audit.snapshot(outcome))
    return outcome


# --- change requests --------------------------------------------------------------------


@transaction.atomic
def request_change(
    actor,
    project: Project,
    *,
    kind: str,
    reason: str,
    new_end_date: Any = None,
    new_pi=None,
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
        change.new_end_date = _as_date(new_end_date)
        if project.end_date and change.new_end_date <= project.end_date:
            raise ValidationError(_("延期日期须晚于原结束日期。The new end date must be later."))
    change.full_clean()
    change.save()
    audit.record(actor, "change_request", change, after=audit.snapshot(change))
    return change


def _change_allowed(row: wf.Transition):
    def allowed(user, change: ChangeRequest) -> bool:
        if row.roles == frozenset({Role.APPLICANT}):
            return perms.is_pi(user, change.project)
        return perms.can_decide_change(user, change.project)

    return allowed


def _apply_change(change: ChangeRequest, actor, comment: str = "", **data: Any) -> None:
    project = change.project
    before = audit.snapshot(project)
    if change.kind == wf.ChangeKind.EXTENSION:
        project.end_date = change.new_end_date
    elif change.kind == wf.ChangeKind.PI and change.new_pi_id:
        project.pi_id = change.new_pi_id
    project.save()
    old, new = audit.diff(before, audit.snapshot(project))
    audit.record(actor, "change_applied", project, before=old, after=new, note=comment)


@functools.cache
def change_rules() -> dict[tuple[str, str], Rule]:
    return {
        key: Rule(
            row.target,
            allowed=_change_allowed(row),
            label=str(wf.ChangeAction(row.action).label),
            comment_required=bool(set(row.requires) & _COMMENT_INPUTS),
            after=_apply_change if row.target == wf.ChangeState.APPROVED else None,
            notify=lambda change: [change.project.pi],
        )
        for key, row in wf.CHANGE_TRANSITIONS.items()
    }


def decide_change(actor, change: ChangeRequest, action: str, *, comment: str = "") -> ChangeRequest:
    return transition(change, action, actor, change_rules(), comment=comment)


# --- programs and calls -----------------------------------------------------------------


@transaction.atomic
def save_call(actor, call: Call) -> Call:
    require(perms.can_manage_programs(actor))
    if call.closes_at <= call.opens_at:
        raise ValidationError(_("截止时间须晚于开始时间。The call must close after it opens."))
    before = audit.snapshot(Call.objects.get(pk=call.pk)) if call.pk else None
    call.full_clean()
    call.save()
    old, new = audit.diff(before, audit.snapshot(call))
    audit.record(actor, "update" if before else "create", call, before=old, after=new)
    return call


@transaction.atomic
def save_program(actor, program: Program) -> Program:
    require(perms.can_manage_programs(actor))
    if program.funding_max and program.funding_max < program.funding_min:
        raise ValidationError(_("资助上限低于下限。The maximum is below the minimum."))
    before = audit.snapshot(Program.objects.get(pk=program.pk)) if program.pk else None
    program.full_clean()
    program.save()
    old, new = audit.diff(before, audit.snapshot(program))
    audit.record(actor, "update" if before else "create", program, before=old, after=new)
    return program


def attachment_purposes(project: Project) -> set[str]:
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment

    return set(
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Project), object_id=str(project.pk)
        ).values_list("purpose", flat=True)
    )


# --- form-backed saves (pages, API and import share them) -------------------------------


def save_program_form(actor, form, instance: Program | None = None) -> Program:
    return save_program(actor, form.save(commit=False))


def save_call_form(actor, form, instance: Call | None = None) -> Call:
    return save_call(actor, form.save(commit=False))


def save_application_form(actor, form, instance: Project | None = None, call: Call | None = None) -> Project:
    data = dict(form.cleaned_data)
    data["partners"] = list(data.get("partners") or [])
    if instance is None:
        return create_application(actor, call, data)
    return update_application(actor, instance, data)


def import_historical(actor, form) -> Project:
    """One row of the historical sheet, already validated; the status is taken as recorded."""
    require(perms.can_import(actor))
    data = form.cleaned_data
    program = data["program"]
    project = Project(
        number=data["number"],
        title=data["title"],
        program=program,
        year=data["year"],
        field=data.get("field", ""),
        applicant_org=data["applicant_org"],
        pi_name=data["pi_name"],
        status=data["status"],
        division=program.division,
        approved_funding=data.get("approved_funding"),
        requested_funding=data.get("approved_funding") or 0,
        start_date=data.get("start_date"),
        end_date=data.get("end_date"),
    )
    if project.status in wf.PROJECT_STATES:
        project.approved_at = timezone.make_aware(dt.datetime(project.year, 6, 30))
    project.full_clean()
    project.save()
    audit.record(actor, "import", project, after=audit.snapshot(project))
    return project


@transaction.atomic
def assign_leader(actor, project: Project, leader, division) -> Project:
    """Major special projects: a responsible leader and division (分工负责)."""
    require(actor.has_role(Role.ADMIN, Role.LEADER))
    if not project.program.is_major_special:
        raise ValidationError(_("只有重大专项实行局领导分工负责。Only major special projects have a leader."))
    if not leader.has_role(Role.LEADER):
        raise ValidationError(_("所选用户不是局领导。The user is not a leader."))
    project = Project.objects.select_for_update().get(pk=project.pk)
    before = audit.snapshot(project)
    project.leader, project.division = leader, division
    project.save(update_fields=["leader", "division", "updated_at"])
    old, new = audit.diff(before, audit.snapshot(project))
    audit.record(actor, "assign_leader", project, before=old, after=new)
    return project


@transaction.atomic
def add_attachment(actor, project: Project, *, purpose: str, upload):
    """A file for an application, checked by content (core.uploads) before it is stored."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Attachment
    from core.uploads import check_upload

    require(perms.can_edit_application(actor, project) or perms.can_edit_taskbook(actor, project))
    kind = check_upload(upload)
    if not purpose.strip():
        raise ValidationError(_("请填写附件名称。Name the attachment."))
    attachment = Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk),
        purpose=purpose.strip(),
        file=upload,
        original_name=upload.name[:255],
        kind=kind,
        size=upload.size,
        uploaded_by=actor,
    )
    audit.record(
        actor,
        "attach",
        project,
        after={"attachment": attachment.original_name, "kind": kind, "purpose": attachment.purpose},
    )
    return attachment
