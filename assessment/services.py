"""Every state change of the county assessment (DESIGN.md rules 1-3): audited, in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core import services as core_services
from core.models import Attachment
from core.permissions import require
from core.uploads import check_upload
from core.workflow import transition

from . import permissions, workflow
from .compute import compute
from .models import Assessment, CountyReport, CountyResult, Figure, IndicatorScore, ReportedValue, Scheme
from .queries import county_units

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import Model, QuerySet

    from accounts.models import User

EVIDENCE = "evidence"


def create_assessment(actor: User, scheme: Scheme, title: str = "", due_date: dt.date | None = None) -> Assessment:
    """The year's assessment with an empty report for every county-level unit valid at year end."""
    require(permissions.can_manage(actor))
    with transaction.atomic():
        title = title or _("%(year)s年度县（市、区）科技进步考核") % {"year": scheme.year}
        assessment = core_services.create(actor, Assessment(scheme=scheme, title=title, due_date=due_date))
        regions = county_units(dt.date(scheme.year, 12, 31))
        CountyReport.objects.bulk_create([CountyReport(assessment=assessment, region=r) for r in regions])
        audit.record(actor, "create_reports", assessment, after={"regions": [r.code for r in regions]})
    return assessment


def assessment_action(actor: User, assessment: Assessment, action: str, comment: str = "", **data: Any) -> Assessment:
    return transition(assessment, action, actor, workflow.ASSESSMENT_TRANSITIONS, comment=comment, **data)


def report_action(actor: User, report: CountyReport, action: str, comment: str = "") -> CountyReport:
    return transition(report, action, actor, workflow.REPORT_TRANSITIONS, comment=comment)


# --- the county's figures ---------------------------------------------------------------------


def evidence_of(value: ReportedValue) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(ReportedValue), object_id=str(value.pk), purpose=EVIDENCE
    )


def save_values(
    actor: User, report: CountyReport, entries: dict[Figure, tuple], contact: str | None = None,
) -> CountyReport:
    """Save the county's figures: `entries` maps a figure to (value or None, note, upload or None).

    All or nothing: a value out of range, a file of the wrong kind, or a figure that needs
    evidence and has none refuses the whole form with every reason."""
    require(permissions.can_fill(actor, report))
    errors = _check_entries(report, entries)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = CountyReport.objects.select_for_update().get(pk=report.pk)
        require(permissions.can_fill(actor, locked))
        before = _values_snapshot(locked)
        if contact is not None and contact != locked.contact:
            locked.contact = contact
            locked.save(update_fields=["contact", "updated_at"])
        for figure, (value, note, upload) in entries.items():
            if value is None:
                continue
            row, _created = ReportedValue.objects.update_or_create(
                report=locked, figure=figure, defaults={"value": value, "note": note}
            )
            if upload is not None:
                _attach(actor, row, upload)
        after = _values_snapshot(locked)
        old, new = audit.diff(before, after)
        if new:
            audit.record(actor, "save_values", locked, before=old, after=new)
    return locked


def _check_entries(report: CountyReport, entries: dict[Figure, tuple]) -> list[str]:
    existing = {v.figure_id: v for v in report.values.all()}
    errors = []
    for figure, (value, _note, upload) in entries.items():
        try:
            if value is not None:
                figure.check_value(Decimal(value))
            if upload is not None:
                check_upload(upload)
            elif value is not None and figure.requires_evidence and not _has_evidence(existing.get(figure.pk)):
                raise ValidationError(
                    _("“%(name)s”须上传佐证材料。Evidence is required.") % {"name": figure.name}, code="evidence"
                )
        except ValidationError as exc:
            errors.extend(f"{figure.name}：{message}" if figure.name not in message else message
                          for message in exc.messages)
    return errors


def _has_evidence(value: ReportedValue | None) -> bool:
    return value is not None and evidence_of(value).exists()


def _attach(actor: User, value: ReportedValue, upload: UploadedFile) -> Attachment:
    kind = check_upload(upload)
    attachment = Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(ReportedValue), object_id=str(value.pk), purpose=EVIDENCE,
        file=upload, original_name=upload.name[:255], kind=kind, size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor, "attach", value, after={"file": attachment.original_name, "kind": kind})
    return attachment


def _values_snapshot(report: CountyReport) -> dict:
    values = {v.figure.code: str(v.value) for v in report.values.select_related("figure")}
    return {**values, "contact": report.contact}


def check_complete(report: CountyReport) -> None:
    """Before a report goes to the bureau: every figure given, with evidence where required."""
    values = {v.figure_id: v for v in report.values.all()}
    missing = []
    for figure in report.assessment.scheme.figures.all():
        value = values.get(figure.pk)
        if value is None:
            missing.append(_("“%(name)s”未填写") % {"name": figure.name})
        elif figure.requires_evidence and not _has_evidence(value):
            missing.append(_("“%(name)s”缺少佐证材料") % {"name": figure.name})
    if missing:
        raise ValidationError(
            _("不能报送：%(list)s。The report is incomplete.") % {"list": "；".join(missing)}, code="incomplete"
        )


# --- computing and freezing ---------------------------------------------------------------------


def freeze(assessment: Assessment, snapshot_date: dt.date | None = None) -> list[CountyResult]:
    """Compute at `snapshot_date` and store every value with the query that made it.

    Called by the `compute` transition; what is stored does not change when records are added
    later (the pages, exports and JSON read these rows once the assessment is computed)."""
    pending = assessment.reports.exclude(status=CountyReport.Status.ACCEPTED).select_related("region")
    if pending.exists():
        names = "、".join(report.region.name for report in pending)
        raise ValidationError(
            _("以下县区的填报尚未受理：%(names)s。Every county report must be accepted first.") % {"names": names},
            code="pending",
        )
    day = snapshot_date or timezone.localdate()
    discard_results(assessment)
    results = []
    for row in compute(assessment, day):
        result = CountyResult.objects.create(
            assessment=assessment, region=row.region, score=row.score, rank=row.rank, grade=row.grade,
            vetoed=row.vetoed, veto_items=row.veto_items,
        )
        IndicatorScore.objects.bulk_create([
            IndicatorScore(result=result, indicator=line.indicator, value=line.value, score=line.score,
                           query=line.query)
            for line in row.lines
        ])
        results.append(result)
    assessment.snapshot_date = day
    assessment.computed_at = timezone.now()
    return results


def discard_results(assessment: Assessment) -> None:
    assessment.results.all().delete()
    assessment.snapshot_date = None
    assessment.computed_at = None


# --- schemes ------------------------------------------------------------------------------------


def copy_scheme(actor: User, scheme: Scheme, year: int) -> Scheme:
    """A new version of `scheme` for `year` (the next free version number), rows and all."""
    require(permissions.can_manage(actor))
    with transaction.atomic():
        version = (Scheme.objects.filter(year=year).order_by("-version").values_list("version", flat=True).first()
                   or 0) + 1
        copy = Scheme.objects.get(pk=scheme.pk)
        copy.pk, copy.year, copy.version = None, year, version
        copy.save()
        figures = {}
        for figure in scheme.figures.all():
            old_pk = figure.pk
            figure.pk, figure.scheme = None, copy
            figure.save()
            figures[old_pk] = figure
        _copy_groups(scheme, copy, figures)
        for item in scheme.veto_items.all():
            item.pk, item.scheme = None, copy
            item.figure = figures[item.figure_id]
            item.compare_to = figures.get(item.compare_to_id)
            item.save()
        audit.record(actor, "copy_scheme", copy, after={"from": scheme.pk, "year": year, "version": version})
    return copy


def _copy_groups(scheme: Scheme, copy: Scheme, figures: dict) -> None:
    for group in scheme.groups.all():
        indicators = list(group.indicators.all())
        group.pk, group.scheme = None, copy
        group.save()
        for indicator in indicators:
            indicator.pk, indicator.group = None, group
            indicator.figure = figures.get(indicator.figure_id)
            indicator.save()


def save_scheme_row(actor: User, obj: Model) -> None:
    """A scheme, figure, group, indicator or veto item edited by an officer (the admin's save)."""
    require(permissions.can_manage(actor))
    if obj.pk is None:
        core_services.create(actor, obj)
        return
    before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
    with transaction.atomic():
        obj.full_clean()
        obj.save()
        old, new = audit.diff(before, audit.snapshot(obj))
        if new:
            audit.record(actor, "update", obj, before=old, after=new)


def delete_scheme_row(actor: User, obj: Model) -> None:
    require(permissions.can_manage(actor))
    core_services.delete(actor, obj)
