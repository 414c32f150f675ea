"""Every state change of the portal (DESIGN.md rule 1): publishing, withdrawing and correcting
pages; public objections filed, followed and resolved; the month-end open-data snapshot."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit
from core import services as core_services
from core.models import Attachment
from core.notifications import notify
from core.permissions import require
from core.uploads import check_upload
from core.workflow import transition
from plans.dashboard import current_value
from plans.models import Indicator, Plan
from projects import services as project_services
from projects import workflow as project_wf
from projects.models import Objection, Project
from projects.services.lifecycle import PARTY_USERS
from reviews.models import AwardNomination
from reviews.services.awards import nomination_action

from . import permissions as perms
from .models import IndicatorSnapshot, Publication, PublicNotice, SnapshotRow
from .workflow import TRANSITIONS

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet
    from django.forms import BaseForm

    from accounts.models import User

NOTICE_STATES = (project_wf.State.IN_NOTICE, project_wf.State.OBJECTION)
AWARD_NOTICE_STATES = (AwardNomination.Status.IN_NOTICE, AwardNomination.Status.OBJECTION)
EVIDENCE_KINDS = ("pdf", "jpg", "png")
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
PUBLICATION_FILE_KINDS = ("pdf", "docx", "doc", "xlsx", "xls", "jpg", "png")
PUBLICATION_FILE_MAX_BYTES = 20 * 1024 * 1024
# Unambiguous letters and digits (no 0/O, 1/I/L): a receipt is read out over the phone.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_RE = re.compile(r"^YY\d{8}-[2-9A-HJKMNP-Z]{10}$")
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


# --- publications --------------------------------------------------------------------------


def save_publication(actor: User, form: BaseForm, instance: Publication | None) -> Publication:
    """Create or edit; an edit of a published page is a correction and must say what changed."""
    require(perms.can_publish(actor))
    changes = {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
    if instance is None:
        return core_services.create(actor, form.save(commit=False))
    # A ModelForm has already copied its data onto `instance`: compare with what is stored.
    stored = Publication.objects.get(pk=instance.pk)
    changed = any(getattr(stored, name) != value for name, value in changes.items())
    if changed and stored.status == Publication.Status.PUBLISHED:
        note = (changes.get("correction_note") or "").strip()
        if not note or note == stored.correction_note:
            raise ValidationError(
                {"correction_note": _("修改已发布的信息须填写更正说明。A published page needs a correction note.")}
            )
        with transaction.atomic():
            changes["corrected_at"] = timezone.now()
            updated = core_services.update(actor, instance, changes)
            audit.record(actor, "portal.correct", updated, note=note)
        return updated
    return core_services.update(actor, instance, changes)


def apply_publication_action(actor: User, publication: Publication, action: str, *, comment: str = "") -> Publication:
    """Publish or withdraw (withdrawing needs the reason the public will read)."""
    return transition(publication, action, actor, TRANSITIONS, comment=comment)


# --- objections ----------------------------------------------------------------------------


def notice_is_open(item, at: dt.datetime | None = None) -> bool:
    """Whether the public may object to this item now: a project, an award nomination or a line
    of a portal notice (platform recognitions, subsidy lists), each inside its own window."""
    at = at or timezone.now()
    if isinstance(item, Project):
        return (
            item.status in NOTICE_STATES
            and item.notice_end is not None
            and (item.notice_start is None or item.notice_start <= at)
            and at <= item.notice_end
        )
    if isinstance(item, AwardNomination):
        return (
            item.status in AWARD_NOTICE_STATES
            and item.notice_end is not None
            and timezone.localdate(at) <= item.notice_end
        )
    notice = item.notice
    return notice.status == PublicNotice.Status.OPEN and notice.starts_at <= at <= notice.ends_at


def item_label(item) -> str:
    """How a noticed item is named on a public page (public columns only)."""
    if isinstance(item, Project):
        return f"{item.number} {item.title}（{item.applicant_org.name}）"
    if isinstance(item, AwardNomination):
        return f"{item.title}（{item.organisation.name}）"
    if item.platform_id:
        return f"{item.platform.name}（{item.platform.host.name}）"
    patent = item.subsidy.patent
    return f"{patent.number} {patent.title}"


def division_of(item) -> int | None:
    """The division whose officers check objections to the item (None: every officer)."""
    return getattr(item, "division_id", None)


def _officers_for(item):
    if isinstance(item, Project):
        return PARTY_USERS[project_wf.NOTIFY_OFFICERS](item)
    officers = get_user_model().objects.filter(role_assignments__role=Role.OFFICER, is_active=True)
    division = division_of(item)
    if division is not None:
        officers = officers.filter(role_assignments__division=division)
    return officers.distinct()


def new_receipt() -> str:
    """Random and unguessable (50 bits): knowing one receipt tells nothing about another."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"YY{timezone.localdate():%Y%m%d}-{code}"


def valid_receipt(value: str) -> bool:
    return bool(RECEIPT_RE.match(value or ""))


def _clean_text(value: str, label: str, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(_("请填写%(label)s。%(label)s is required.") % {"label": label})
    if len(text) > max_length:
        raise ValidationError(_("%(label)s过长（最多 %(max)s 字）。Too long.") % {"label": label, "max": max_length})
    if MARKUP_RE.search(text):
        raise ValidationError(
            _("%(label)s不能包含网页标记（如 <script>）。Markup is not accepted.") % {"label": label}
        )
    return text


def _item_fields(item: Project | AwardNomination | PublicNotice) -> dict:
    if isinstance(item, Project):
        return {"project": item}
    return {"target_type": ContentType.objects.get_for_model(item), "target_id": item.pk}


def file_objection(
    item: Project | AwardNomination | PublicNotice,
    *,
    name: str,
    contact: str,
    content: str,
    evidence: UploadedFile | None = None,
    user: User | None = None,
) -> Objection:
    """A member of the public objects to an item of an open notice; returns it with its receipt."""
    if not notice_is_open(item):
        raise ValidationError(_("该项目不在公示期内，不能提出异议。The notice is not open."))
    fields = {
        "filer_name": _clean_text(name, _("姓名或单位"), 60),
        "filer_contact": _clean_text(contact, _("联系方式"), 100),
        "content": _clean_text(content, _("异议内容"), 4000),
    }
    if evidence is not None:
        check_upload(evidence, allowed=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
    filer = user if getattr(user, "is_authenticated", False) else None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                objection = Objection.objects.create(
                    source=Objection.Source.PUBLIC, receipt=new_receipt(), filed_by=filer,
                    **_item_fields(item), **fields,
                )
                break
        except IntegrityError:  # a receipt collision (about one in 10^15): draw again
            continue
    else:  # pragma: no cover - five collisions in a row do not happen
        raise ValidationError(_("请稍后重试。Please try again."))
    with transaction.atomic():
        if evidence is not None:
            _store_evidence(objection, evidence, filer)
        audit.record(filer, "portal.objection_filed", objection,
                     after={"receipt": objection.receipt, "item": str(item)}, object_repr=objection.receipt)
        for officer in _officers_for(item):
            notify(officer, _("公示异议 %(receipt)s：%(project)s") % {"receipt": objection.receipt, "project": item},
                   f"/public/manage/objections/{objection.pk}/")
    return objection


def _store_evidence(objection: Objection, upload: UploadedFile, filer: User | None) -> Attachment:
    kind = check_upload(upload, allowed=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
    evidence = Attachment.of_upload(objection, upload, kind, "evidence", filer)
    evidence.save()
    return evidence


def attach_to_publication(actor: User, publication: Publication, upload: UploadedFile | None) -> Attachment:
    """An officer attaches a document to a policy or news item; the type is judged by content."""
    require(perms.can_edit_publication(actor, publication))
    if upload is None:
        raise ValidationError(_("请选择文件。Choose a file."))
    kind = check_upload(upload, allowed=PUBLICATION_FILE_KINDS, max_bytes=PUBLICATION_FILE_MAX_BYTES)
    with transaction.atomic():
        attachment = Attachment.of_upload(publication, upload, kind, "publication", actor)
        attachment.save()
        audit.record(actor, "portal.file_attached", publication,
                     after={"attachment": attachment.pk, "name": attachment.original_name, "kind": kind})
    return attachment


def files_of(publication: Publication) -> QuerySet[Attachment]:
    return Attachment.objects.of(publication).order_by("id")


def evidence_of(objection: Objection) -> QuerySet[Attachment]:
    return Attachment.objects.of(objection)


def resolve_objection(actor: User, objection: Objection, *, upheld: bool, resolution: str) -> Objection:
    """The officer answers an objection. One that holds stops the notice: the project goes to
    objection handling (异议处理中), where a leader upholds it (not approved) or dismisses it."""
    if not perms.can_resolve(actor, objection):
        raise PermissionDenied(_("您无权处理此异议。You may not resolve this objection."))
    resolution = _clean_text(resolution, _("处理意见"), 4000)
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.resolved_at is not None:
            raise ValidationError(_("该异议已处理。This objection has already been resolved."))
        before = audit.snapshot(locked)
        locked.upheld, locked.resolution = upheld, resolution
        locked.resolved_at, locked.resolved_by = timezone.now(), actor
        locked.save()
        old, new = audit.diff(before, audit.snapshot(locked))
        audit.record(actor, "portal.objection_resolved", locked, before=old, after=new, note=resolution)
        if upheld:
            _stop_notice(actor, locked, resolution)
        if locked.filed_by_id:
            notify(locked.filed_by, _("您的异议 %(receipt)s 已处理。") % {"receipt": locked.receipt},
                   f"/public/objections/status/?receipt={locked.receipt}")
    return locked


def _stop_notice(actor, objection: Objection, resolution: str) -> None:
    """An objection that holds takes its item out of the notice into objection handling: a project
    or nomination through its own workflow. A portal notice line keeps the upheld objection on record
    (the public reads it there); the recognition or the subsidy is then refused in its own app."""
    item = objection.item
    note = _("网上异议 %(receipt)s 经核查成立：%(text)s") % {"receipt": objection.receipt, "text": resolution}
    if isinstance(item, Project) and item.status == project_wf.State.IN_NOTICE:
        project_services.apply_action(actor, item, project_wf.Action.RAISE_OBJECTION, comment=note)
    elif isinstance(item, AwardNomination) and item.status == AwardNomination.Status.IN_NOTICE:
        nomination_action(actor, item, "raise_objection", comment=note)


def public_status(objection: Objection) -> str:
    """What the filer is told: received, not upheld, or upheld (never the officers' notes)."""
    if objection.resolved_at is None:
        return _("已受理，正在核查")
    return _("异议成立") if objection.upheld else _("异议不成立")


# --- open data -----------------------------------------------------------------------------


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def publish_snapshot(actor: User, plan: Plan, month: dt.date) -> IndicatorSnapshot:
    """Freeze the plan's indicators at a month's end as the open data the public downloads."""
    require(perms.can_publish(actor))
    day = month_end(month)
    if day > timezone.localdate():
        raise ValidationError(_("月份尚未结束，不能发布。The month has not ended yet."))
    if IndicatorSnapshot.objects.filter(plan=plan, month=day).exists():
        raise ValidationError(_("该月数据已发布。This month is already published."))
    indicators = Indicator.objects.filter(plan=plan).select_related("plan").prefetch_related("reports")
    with transaction.atomic():
        snapshot = IndicatorSnapshot.objects.create(plan=plan, month=day, published_by=actor)
        SnapshotRow.objects.bulk_create(_snapshot_row(snapshot, indicator, day) for indicator in indicators)
        audit.record(actor, "portal.snapshot_published", snapshot, after={"plan": plan.pk, "month": day.isoformat(),
                                                                         "rows": snapshot.rows.count()})
    return snapshot


def _snapshot_row(snapshot: IndicatorSnapshot, indicator: Indicator, day: dt.date) -> SnapshotRow:
    value: Any = current_value(indicator, day, list(indicator.reports.all()))
    return SnapshotRow(
        snapshot=snapshot, code=indicator.code, name=indicator.name, unit=indicator.unit,
        target=indicator.firm_target, value=value,
    )
