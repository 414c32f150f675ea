"""The lifecycle: the workflow table turned into core Rules, its guards, inputs, effects,
notifications and credit consequences. Every status change goes through `apply_action`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Role
from core import audit
from core import services as core_services
from core.permissions import region_prefix
from core.workflow import TransitionError, transition

from .. import workflow as wf
from ..models import BudgetLine, Call, Objection, Project
from ..workflow import Guard, State

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import QuerySet

    from accounts.models import User

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


def _guard_call_open(project: Project, actor: User, data: dict) -> None:
    if project.call is None or not project.call.is_open(timezone.now()):
        raise TransitionError(_("申报通知不在开放期内（已截止或未开始）。The call is not open."), code="call_closed")


def _guard_eligible(project: Project, actor: User, data: dict) -> None:
    problems = eligibility_problems(project)
    if problems:
        raise TransitionError(problems, code="ineligible")


def _guard_quota(project: Project, actor: User, data: dict) -> None:
    if project.call is None:
        return
    # The call row is the lock that serialises recommendations: without it two recommenders
    # counting at the same moment both see a free place.
    call = Call.objects.select_for_update().get(pk=project.call_id)
    key = recommender_key(actor, project)
    quota = call.quota_for(key)
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


def _guard_score(project: Project, actor: User, data: dict) -> None:
    if project.review_score is None:
        raise TransitionError(_("尚无专家评审分数。No review score yet."), code="no_score")


def _guard_notice_over(project: Project, actor: User, data: dict) -> None:
    if project.notice_end is None or project.notice_end > timezone.now():
        raise TransitionError(_("公示期未满，不能批准立项。The public notice has not ended."), code="notice")


def _guard_no_open_objection(project: Project, actor: User, data: dict) -> None:
    # An objection filed on the portal stays open until an officer resolves it; the notice
    # cannot be closed by an approval over it.
    if project.objections.unresolved().exists():
        raise TransitionError(
            _("有未处理的公示异议，不能批准立项。An objection to this notice is still unresolved."),
            code="open_objection",
        )


def _guard_funding(project: Project, actor: User, data: dict) -> None:
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


def _guard_budget(project: Project, actor: User, data: dict) -> None:
    problem = budget_problem(project)
    if problem:
        raise TransitionError(problem, code="budget")


def _guard_outcomes(project: Project, actor: User, data: dict) -> None:
    if not project.outcomes.exists():
        raise TransitionError(_("请先填报项目成果。Record the outcomes first."), code="outcomes")


GUARD_CHECKS = {
    Guard.CALL_OPEN: _guard_call_open,
    Guard.APPLICANT_ELIGIBLE: _guard_eligible,
    Guard.WITHIN_QUOTA: _guard_quota,
    Guard.HAS_REVIEW_SCORE: _guard_score,
    Guard.NOTICE_WINDOW_OVER: _guard_notice_over,
    Guard.NO_OPEN_OBJECTION: _guard_no_open_objection,
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
    problems += agency_problems(project)
    from .application_parts import application_problems  # the parts module builds on this one

    return problems + application_problems(project)


def budget_problem(project: Project) -> str:
    return budget_mismatch(list(project.budget_lines.all()), project.planned_total)


def budget_mismatch(lines: list[BudgetLine], planned: Decimal) -> str:
    if not lines:
        return _("任务书没有预算明细。The task book has no budget lines.")
    total = sum((line.amount for line in lines), Decimal("0"))
    if total != planned:
        return _("预算明细合计 %(total)s 元，与总预算 %(planned)s 元不符。Budget lines do not add up.") % {
            "total": total,
            "planned": planned,
        }
    return ""


# --- what a step does (the `Step` hooks of workflow.TRANSITIONS) -------------------------

# Inputs a row may require besides the comment: parsed here, then stored on the project.
_INPUT_PARSERS = {
    "proposed_funding": lambda v: parse_amount(v, _("拟资助金额")),
    "approved_funding": lambda v: parse_amount(v, _("批准资助金额")),
    "notice_end": _parse_when,
}


def _clean_inputs(step: wf.Step, data: dict) -> dict:
    cleaned: dict[str, Any] = {}
    for name in step.inputs:
        if data.get(name) in (None, ""):
            label = Project._meta.get_field(name).verbose_name
            raise TransitionError(_("请填写：%(field)s。Required.") % {"field": label}, code="missing")
        cleaned[name] = _INPUT_PARSERS[name](data[name])
    return cleaned


def _notice_opens(project: Project, actor: User, comment: str, cleaned: dict, now: dt.datetime) -> None:
    if cleaned["notice_end"] <= now:
        raise TransitionError(_("公示截止时间须在将来。The notice must end in the future."), code="notice_end")
    project.notice_start = now


def _objection_raised(project: Project, actor: User, comment: str, cleaned: dict, now: dt.datetime) -> None:
    objection = Objection.objects.create(project=project, content=comment, recorded_by=actor)
    audit.record(actor, "create", objection, after=audit.snapshot(objection), object_repr=child_repr(objection))


def _resolve_objections(project: Project, actor: User, *, upheld: bool, resolution: str, at: dt.datetime) -> None:
    for objection in project.objections.unresolved().select_for_update():
        changes = {"upheld": upheld, "resolution": resolution, "resolved_at": at, "resolved_by": actor}
        core_services.update(actor, objection, changes, object_repr=child_repr(objection))


def _stamp(field_name: str) -> Callable[..., None]:
    def effect(project: Project, actor: User, comment: str, cleaned: dict, now: dt.datetime) -> None:
        setattr(project, field_name, now)

    return effect


# Step.effect → what the step writes besides the status, its inputs and the comment.
EFFECTS = {
    "submitted": _stamp("submitted_at"),
    "recommended": lambda project, actor, *rest: setattr(project, "recommender", recommender_key(actor, project)),
    "notice": _notice_opens,
    "objection": _objection_raised,
    "objection_dismissed": lambda project, actor, comment, cleaned, now: _resolve_objections(
        project, actor, upheld=False, resolution=comment, at=now
    ),
    "objection_upheld": lambda project, actor, comment, cleaned, now: _resolve_objections(
        project, actor, upheld=True, resolution=comment, at=now
    ),
    "approved": _stamp("approved_at"),
    "signed": _stamp("signed_at"),
    "closed": _stamp("closed_at"),
}


def prepare(step: wf.Step, project: Project, actor: User, comment: str, data: dict) -> None:
    """A row's `before` hook: parse the inputs, check the guards, write the effects."""
    cleaned = _clean_inputs(step, data)
    for guard in step.guards:
        GUARD_CHECKS[guard](project, actor, {**data, **cleaned})
    now = timezone.now()
    for name, value in cleaned.items():
        setattr(project, name, value)
    project.status_changed_at = now
    if comment:
        project.feedback = comment
    if step.effect:
        EFFECTS[step.effect](project, actor, comment, cleaned, now)


def child_repr(obj: Any) -> str:
    """How the log names a record that belongs to a project: the project first, so the entry is
    found by the project's number."""
    return f"{obj.project.number} / {obj}"[:255]


def apply_action(actor: User, project: Project, action: str, *, comment: str = "", **data: Any) -> Project:
    """Move a project along its lifecycle; refuses with a clear message and writes nothing."""
    return transition(project, action, actor, wf.TRANSITIONS, comment=comment, **data)


# --- who is told ------------------------------------------------------------------------


def _users_with(role: str, **scope: Any) -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(
            role_assignments__role=role,
            is_active=True,
            **{f"role_assignments__{k}": v for k, v in scope.items()},
        )
        .distinct()
    )


def _county_users(project: Project) -> list[User]:
    code = project.applicant_org.region.code
    return [u for u in _users_with(Role.COUNTY) if any(code.startswith(region_prefix(own)) for own in u.region_codes)]


def _officer_users(project: Project) -> QuerySet[User]:
    if project.division_id:
        return _users_with(Role.OFFICER, division=project.division_id)
    return _users_with(Role.OFFICER)


def pi_users(project: Project) -> list:
    """The PI's account, if any: historical and imported projects carry only a PI name."""
    return [project.pi] if project.pi_id else []


PARTY_USERS = {
    wf.NOTIFY_PI: pi_users,
    wf.NOTIFY_OFFICERS: _officer_users,
    wf.NOTIFY_ORG: lambda project: _users_with(Role.ORG_ADMIN, organisation=project.applicant_org_id),
    wf.NOTIFY_COUNTY: _county_users,
    wf.NOTIFY_LEADERS: lambda project: [project.leader] if project.leader_id else _users_with(Role.LEADER),
}


def recommender_key(actor: User, project: Project) -> str:
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


def check_agency(project: Project) -> None:
    """A blacklisted agency cannot be named on an application (issue 17): the agencies app's
    own rule, imported here lazily because agencies imports projects."""
    if project.prepared_by_id:
        from agencies.services import check_not_blacklisted

        check_not_blacklisted(project.prepared_by)


def agency_problems(project: Project) -> list[str]:
    """An agency blacklisted after it was named still blocks the submission."""
    try:
        check_agency(project)
    except ValidationError as error:
        return list(error.messages)
    return []


# kind (workflow.CreditFault.kind, or "late_report") → credit area, points, reason
CREDIT_RULES = {
    "termination_for_fault": ("implementation", -20, gettext_lazy("项目因承担方过错被终止")),
    "failed_acceptance": ("acceptance", -15, gettext_lazy("项目验收不通过")),
    "late_report": ("implementation", -5, gettext_lazy("逾期提交项目报告")),
}


def _credit_subjects(project: Project) -> list:
    person = getattr(project.pi, "person", None) if project.pi_id else None
    return [s for s in (project.applicant_org, person) if s is not None]


def record_credit_event(actor: User, project: Project, kind: str, note: str) -> None:
    """A late report, a failed acceptance or a termination for fault count against PI and organisation."""
    from credit import services as credit

    area, points, reason = CREDIT_RULES[kind]
    for subject in _credit_subjects(project):
        credit.record_event(
            actor, subject, area=area, points=points, reason=f"{reason}：{project}"[:300], evidence=note
        )


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_("日期格式不正确：%(value)s。Not a valid date.") % {"value": value}) from None


def attachment_purposes(project: Project) -> set[str]:

    from core.models import Attachment

    return set(Attachment.objects.of(project).values_list("purpose", flat=True))
