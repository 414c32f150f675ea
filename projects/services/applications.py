"""Applications, programs and calls, form-backed saves, historical import, attachments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit
from core import services as core_services
from core.numbering import next_number
from core.permissions import require
from core.workflow import transition

from .. import permissions as perms
from .. import workflow as wf
from ..models import Call, CallQuota, Program, Project
from .lifecycle import check_agency, parse_amount

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.forms import BaseForm

    from accounts.models import User
    from core.models import Attachment
    from directory.models import Division

# An amount above this is a typing error, not a grant (the largest city programs are a few 千万).
# --- applications -----------------------------------------------------------------------

APPLICATION_FIELDS = ("title", "field", "level", "summary", "goals", "start_date", "end_date", "prepared_by")
AMOUNT_FIELDS = ("requested_funding", "self_funding")


@transaction.atomic
def create_application(actor: User, call: Call, data: dict[str, Any]) -> Project:
    """A PI starts an application in an open call, for their own organisation."""
    require(perms.can_create_application(actor))
    if call.status == wf.CallState.DRAFT:
        raise ValidationError(_("申报通知尚未发布，不接受申报。The call is a draft and takes no application."))
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
    return core_services.create(actor, project, m2m={"partners": data.get("partners", [])})


@transaction.atomic
def update_application(actor: User, project: Project, data: dict[str, Any]) -> Project:
    require(perms.can_edit_application(actor, project))
    project = Project.objects.get(pk=project.pk)
    _set_application_fields(project, data)
    changes = {name: getattr(project, name) for name in (*APPLICATION_FIELDS, *AMOUNT_FIELDS) if name in data}
    m2m = {"partners": data["partners"]} if "partners" in data else None
    return core_services.update(actor, project, changes, m2m=m2m)


def _set_application_fields(project: Project, data: dict[str, Any]) -> None:
    for name in APPLICATION_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    for name in AMOUNT_FIELDS:
        if name in data:
            setattr(project, name, parse_amount(data[name], str(Project._meta.get_field(name).verbose_name)))
    check_period(project)
    check_agency(project)


def check_period(project: Project) -> None:
    """The project's end may not come before its start (pages, API and import alike)."""
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError(_("结束日期早于开始日期。End date is before start date."))


def _next_number(year: int, program_code: str) -> str:
    prefix = f"{year}-{program_code.upper()[:8]}-"

    def highest_used() -> int:
        # Imported and demo projects were numbered before the counter existed.
        numbers = Project.objects.filter(number__startswith=prefix).values_list("number", flat=True)
        tails = (n[len(prefix):] for n in numbers)
        return max((int(t) for t in tails if t.isdigit()), default=0)

    return f"{prefix}{next_number(f'project:{prefix}', year, start=highest_used):05d}"


# --- programs and calls -----------------------------------------------------------------


@transaction.atomic
def save_call(actor: User, call: Call) -> Call:
    require(perms.can_manage_programs(actor))
    if call.closes_at <= call.opens_at:
        raise ValidationError(_("截止时间须晚于开始时间。The call must close after it opens."))
    return core_services.save(actor, call)


def apply_call_action(actor: User, call: Call, action: str, *, comment: str = "") -> Call:
    """Publish or close a call (the table is `workflow.CALL_TRANSITIONS`); audited by core.workflow."""
    return transition(call, action, actor, wf.CALL_TRANSITIONS, comment=comment)


@transaction.atomic
def save_program(actor: User, program: Program) -> Program:
    require(perms.can_manage_programs(actor))
    if program.funding_max and program.funding_max < program.funding_min:
        raise ValidationError(_("资助上限低于下限。The maximum is below the minimum."))
    return core_services.save(actor, program)


# --- form-backed saves (pages, API and import share them) -------------------------------


def save_program_form(actor: User, form: BaseForm, instance: Program | None = None) -> Program:
    program = form.save(commit=False)
    for name, value in form.settings().items():
        setattr(program, name, value)
    return save_program(actor, program)


@transaction.atomic
def save_call_form(actor: User, form: BaseForm, instance: Call | None = None) -> Call:
    call = save_call(actor, form.save(commit=False))
    quotas = form.cleaned_data.get("quota_overrides") or {}
    current = {q.recommender: q.quota for q in call.quotas.all()}
    if quotas != current:
        call.quotas.all().delete()
        CallQuota.objects.bulk_create(CallQuota(call=call, recommender=k, quota=v) for k, v in quotas.items())
        audit.record(actor, "quotas", call, before={"quotas": current}, after={"quotas": quotas})
    return call


def save_application_form(
    actor: User, form: BaseForm, instance: Project | None = None, call: Call | None = None,
) -> Project:
    data = dict(form.cleaned_data)
    data["partners"] = list(data.get("partners") or [])
    if instance is None:
        return create_application(actor, call, data)
    return update_application(actor, instance, data)


def import_historical(actor: User, form: BaseForm) -> Project:
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
    if project.approved_funding is not None:
        project.approved_funding = parse_amount(project.approved_funding, _("批准资助"))
    if project.status in wf.PROJECT_STATES:
        if not project.approved_funding:
            raise ValidationError(_("已立项项目须填写批准资助。Approved projects need funding."))
        project.approved_at = dt.datetime(project.year, 6, 30, tzinfo=timezone.get_current_timezone())
    check_period(project)
    project.full_clean()
    project.save()
    audit.record(actor, "import", project, after=audit.snapshot(project))
    return project


@transaction.atomic
def assign_leader(actor: User, project: Project, leader: User, division: Division | None) -> Project:
    """Major special projects: a responsible leader and division (分工负责)."""
    require(actor.has_role(Role.ADMIN, Role.LEADER))
    if not project.program.is_major_special:
        raise ValidationError(_("只有重大专项实行局领导分工负责。Only major special projects have a leader."))
    if not leader.has_role(Role.LEADER):
        raise ValidationError(_("所选用户不是局领导。The user is not a leader."))
    changes = {"leader": leader, "division": division}
    return core_services.update(actor, project, changes, action="assign_leader")


@transaction.atomic
def add_attachment(actor: User, project: Project, *, purpose: str, upload: UploadedFile) -> Attachment:
    """A file for an application, checked by content (core.uploads) before it is stored."""

    from core.models import Attachment
    from core.uploads import check_upload

    require(perms.can_edit_application(actor, project) or perms.can_edit_taskbook(actor, project))
    kind = check_upload(upload)
    if not purpose.strip():
        raise ValidationError(_("请填写附件名称。Name the attachment."))
    attachment = Attachment.of_upload(project, upload, kind, purpose.strip(), actor)
    attachment.save()
    audit.record(
        actor,
        "attach",
        project,
        after={"attachment": attachment.original_name, "kind": kind, "purpose": attachment.purpose},
    )
    return attachment
