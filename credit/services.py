"""The credit ledger's services; calls, draws and subsidies ask `is_blacklisted`.

Public interface used by other apps (keep these signatures):
  record_event(actor, subject, *, area, points, reason, evidence="", confirmed=True, expires_on=None, ...)
  record_kind(actor, subject, kind, *, source=None, evidence="", confirmed=True)   — points from KINDS
  is_blacklisted(subject), grade_of(subject), score_of(subject)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.permissions import require
from core.workflow import transition

from . import permissions as perms
from .models import Appeal, CreditEvent
from .workflow import APPEAL_TRANSITIONS, EVENT_TRANSITIONS

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django.forms import BaseForm

    from accounts.models import User

BASE_SCORE = 100
# Grade thresholds on BASE_SCORE + the sum of confirmed, unexpired points.
GRADE_THRESHOLDS = (("A", 90), ("B", 75), ("C", 60))
BLACKLIST = "blacklist"
GRADE_LABELS = {
    "A": gettext_lazy("A 守信"),
    "B": gettext_lazy("B 基本守信"),
    "C": gettext_lazy("C 失信警示"),
    BLACKLIST: gettext_lazy("黑名单"),
}


@dataclass(frozen=True)
class Kind:
    area: str
    points: int
    label: str
    years: int = 3  # the event expires after this many years
    severe: bool = False


A = CreditEvent.Area
# The catalogue of event kinds: one place for the points each behaviour costs.
KINDS: dict[str, Kind] = {
    # projects lifecycle
    "late_report": Kind(A.IMPLEMENTATION, -5, gettext_lazy("逾期提交报告")),
    "termination_for_fault": Kind(A.IMPLEMENTATION, -20, gettext_lazy("因承担方过错终止项目")),
    "failed_acceptance": Kind(A.ACCEPTANCE, -10, gettext_lazy("验收不通过")),
    "false_application": Kind(A.APPLICATION, -40, gettext_lazy("申报材料弄虚作假"), years=5, severe=True),
    "funds_misuse": Kind(A.FUNDS, -40, gettext_lazy("截留、挪用科研经费"), years=5, severe=True),
    # review behaviour (automatic, pending until an officer confirms)
    "review_declined_after_accept": Kind(A.REVIEW, -5, gettext_lazy("接受邀请后拒评"), years=2),
    "review_late": Kind(A.REVIEW, -3, gettext_lazy("逾期未完成评审"), years=2),
    "review_undeclared_conflict": Kind(A.REVIEW, -20, gettext_lazy("隐瞒利益冲突"), years=3),
    "review_outlier": Kind(A.REVIEW, -5, gettext_lazy("评分多次严重偏离专家组"), years=2),
    "review_misconduct": Kind(A.REVIEW, -40, gettext_lazy("评审中徇私舞弊"), years=5, severe=True),
}


def _subject_filter(subject: models.Model) -> Q:
    return Q(subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk))


def record_event(
    actor: User,
    subject: models.Model,
    *,
    area: str,
    points: int,
    reason: str,
    evidence: str = "",
    confirmed: bool = True,
    expires_on: dt.date | None = None,
    kind: str = "",
    severe: bool = False,
    source: models.Model | None = None,
    automatic: bool = False,
) -> CreditEvent:
    """Write one ledger entry (and its audit entry). Callers are services; the actor may be None."""
    if area not in CreditEvent.Area.values:
        raise ValidationError(_("未知的信用领域：%s") % area)
    with transaction.atomic():
        event = CreditEvent.objects.create(
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=str(subject.pk),
            subject_repr=str(subject)[:200],
            kind=kind,
            area=area,
            points=points,
            severe=severe,
            reason=reason,
            evidence=evidence,
            automatic=automatic,
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=str(source.pk) if source is not None else "",
            status=CreditEvent.Status.CONFIRMED if confirmed else CreditEvent.Status.PENDING,
            expires_on=expires_on,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(actor, "credit_event", subject, after=audit.snapshot(event), note=reason)
    return event


def record_kind(
    actor: User,
    subject: models.Model,
    kind: str,
    *,
    source: models.Model | None = None,
    evidence: str = "",
    confirmed: bool = True,
    automatic: bool = False,
    on: dt.date | None = None,
) -> CreditEvent:
    """Record an event of a catalogued kind: area, points, severity and expiry come from KINDS."""
    if kind not in KINDS:
        raise ValidationError(_("未知的信用事件类型：%s") % kind)
    spec = KINDS[kind]
    day = on or timezone.localdate()
    return record_event(
        actor,
        subject,
        area=spec.area,
        points=spec.points,
        reason=str(spec.label),
        evidence=evidence,
        confirmed=confirmed,
        expires_on=day.replace(year=day.year + spec.years),
        kind=kind,
        severe=spec.severe,
        source=source,
        automatic=automatic,
    )


def record_pending(
    actor: User | None, subject: models.Model, kind: str, *, source: models.Model, evidence: str
) -> CreditEvent:
    """A catalogued event found automatically, pending until an officer confirms or dismisses it."""
    return record_kind(actor, subject, kind, source=source, evidence=evidence, confirmed=False, automatic=True)


def _in_force(subject: models.Model, on: dt.date | None) -> QuerySet[CreditEvent]:
    day = on or timezone.localdate()
    return CreditEvent.objects.filter(_subject_filter(subject), status=CreditEvent.Status.CONFIRMED).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=day)
    )


def score_of(subject: models.Model, on: dt.date | None = None) -> int:
    total = _in_force(subject, on).aggregate(total=Sum("points"))["total"]
    return BASE_SCORE + (total or 0)


def grade_of(subject: models.Model, on: dt.date | None = None) -> str:
    if _in_force(subject, on).filter(severe=True).exists():
        return BLACKLIST
    score = score_of(subject, on)
    for grade, threshold in GRADE_THRESHOLDS:
        if score >= threshold:
            return grade
    return BLACKLIST


def is_blacklisted(subject: models.Model, on: dt.date | None = None) -> bool:
    return grade_of(subject, on) == BLACKLIST


def grades_of(subjects: list[models.Model], on: dt.date | None = None) -> dict[int, str]:
    """Grades of many subjects of one model in two queries (the affinity matrix needs thousands)."""
    if not subjects:
        return {}
    day = on or timezone.localdate()
    ctype = ContentType.objects.get_for_model(subjects[0])
    rows = (
        CreditEvent.objects.filter(
            subject_type=ctype,
            subject_id__in=[str(s.pk) for s in subjects],
            status=CreditEvent.Status.CONFIRMED,
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=day))
        .values("subject_id")
        .annotate(
            total=Sum("points"),
            severe=models.Max(
                models.Case(models.When(severe=True, then=1), default=0, output_field=models.IntegerField())
            ),
        )
    )
    by_id = {row["subject_id"]: row for row in rows}
    result = {}
    for subject in subjects:
        row = by_id.get(str(subject.pk))
        if row and row["severe"]:
            result[subject.pk] = BLACKLIST
            continue
        score = BASE_SCORE + (row["total"] if row else 0)
        result[subject.pk] = next((g for g, t in GRADE_THRESHOLDS if score >= t), BLACKLIST)
    return result


# --- confirming automatic events; appeals -----------------------------------------------------


def decide_event(actor: User, event: CreditEvent, action: str, comment: str = "") -> CreditEvent:
    """Confirm or dismiss a pending (automatic) event; the officer's reason is kept."""
    if action not in ("confirm", "dismiss"):
        raise ValidationError(_("未知操作。Unknown action."))
    return transition(event, action, actor, EVENT_TRANSITIONS, comment=comment)


def file_appeal(actor: User, event: CreditEvent, statement: str) -> Appeal:
    require(perms.can_appeal(actor, event), _("只能对本人或本单位已确认的信用事件申诉一次。"))
    if not statement.strip():
        raise ValidationError(_("请填写申诉理由。A statement is required."))
    with transaction.atomic():
        appeal = Appeal.objects.create(event=event, statement=statement.strip(), filed_by=actor)
        audit.record(actor, "credit_appeal", event, after=audit.snapshot(appeal), note=statement[:200])
    return appeal


def decide_appeal(actor: User, appeal: Appeal, action: str, comment: str = "") -> Appeal:
    if action not in ("uphold", "reject"):
        raise ValidationError(_("未知操作。Unknown action."))
    return transition(appeal, action, actor, APPEAL_TRANSITIONS, comment=comment)


def save_manual_event(actor: User, form: BaseForm, instance: Model | None = None) -> CreditEvent:
    """An officer records an event by hand (the edit page and the API both come here)."""
    require(perms.can_decide(actor))
    data = form.cleaned_data
    subject = data.get("person") or data.get("organisation")
    return record_kind(actor, subject, data["kind"], evidence=data["evidence"])
