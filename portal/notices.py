"""The notices the portal runs itself (platform recognitions, subsidy lists): opened by an officer
with their window and lines, closed by an officer once the window is over and every objection to
a line is resolved. Audited like every other state change (DESIGN.md rule 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core import audit
from core.permissions import require
from core.workflow import transition
from ip.models import SubsidyApplication
from projects.models import Objection
from registries.models import Platform

from . import permissions as perms
from .models import NoticeItem, PublicNotice
from .workflow import NOTICE_TRANSITIONS

# Platforms not yet recognised, and subsidy claims not yet refused or withdrawn, may be put to notice.
PLATFORM_STATES = (Platform.Status.CULTIVATING, Platform.Status.BUILDING)
SUBSIDY_STATES = (SubsidyApplication.Status.SUBMITTED, SubsidyApplication.Status.APPROVED)


def platform_candidates() -> QuerySet:
    return Platform.objects.filter(status__in=PLATFORM_STATES).select_related("host").order_by("name")


def subsidy_candidates() -> QuerySet:
    """Only claims under a policy that requires publication (SubsidyPolicy.requires_notice)."""
    return (
        SubsidyApplication.objects.filter(status__in=SUBSIDY_STATES, policy__requires_notice=True)
        .select_related("patent", "policy").order_by("patent__number")
    )


def _lines(kind: str, records: Iterable) -> list[NoticeItem]:
    records = list(records)
    if not records:
        raise ValidationError(_("请选择公示条目。Choose the items to put to notice."))
    allowed = platform_candidates() if kind == PublicNotice.Kind.PLATFORM else subsidy_candidates()
    outside = {r.pk for r in records} - set(allowed.filter(pk__in=[r.pk for r in records]).values_list("pk", flat=True))
    if outside:
        raise ValidationError(_("所选条目不能公示（状态不符或资助政策不要求公示）。"
                                "Some items cannot be put to notice."))
    field = "platform" if kind == PublicNotice.Kind.PLATFORM else "subsidy"
    return [NoticeItem(**{field: record}) for record in records]


def open_notice(actor, *, kind: str, title: str, starts_at: dt.datetime, ends_at: dt.datetime,
                records: Iterable) -> PublicNotice:
    require(perms.can_publish(actor))
    if kind not in PublicNotice.Kind.values:
        raise ValidationError(_("公示类别不正确。Unknown notice kind."))
    if not title.strip():
        raise ValidationError(_("请填写标题。A title is required."))
    if ends_at <= starts_at:
        raise ValidationError(_("公示截止须晚于公示开始。The notice must end after it starts."))
    lines = _lines(kind, records)
    with transaction.atomic():
        notice = PublicNotice.objects.create(kind=kind, title=title.strip(), starts_at=starts_at, ends_at=ends_at)
        for line in lines:
            line.notice = notice
        NoticeItem.objects.bulk_create(lines)
        audit.record(actor, "portal.notice_opened", notice, after={
            "kind": kind, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "items": len(lines),
        })
    return notice


def objections_of(notice: PublicNotice) -> QuerySet:
    return Objection.objects.filter(target_type=ContentType.objects.get_for_model(NoticeItem),
                                    target_id__in=notice.items.values("pk")).order_by("resolved_at", "-recorded_at")


def open_objections(notice: PublicNotice) -> QuerySet:
    return objections_of(notice).unresolved()


def close_notice(actor, notice: PublicNotice) -> PublicNotice:
    """End a notice (workflow.NOTICE_TRANSITIONS refuses it early or over an open objection)."""
    return transition(notice, "close", actor, NOTICE_TRANSITIONS)
