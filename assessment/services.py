"""Every state change of the county assessment (DESIGN.md rules 1-3): audited, in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core import services as core_services
from core.models import Attachment
from core.permissions import require
from core.services import save_form
from core.uploads import check_upload
from core.workflow import transition

from . import permissions, workflow
from .compute import compute
from .models import (
    Assessment,
    CountyReport,
    CountyResult,
    Figure,
    Indicator,
    IndicatorGroup,
    IndicatorScore,
    ReportedValue,
    Scheme,
    VetoItem,
)
from .queries import county_units

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import Model, QuerySet
    from django.forms import BaseForm

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
    return Attachment.objects.of(value).filter(purpose=EVIDENCE)


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
    attachment = Attachment.of_upload(value, upload, kind, EVIDENCE, actor)
    attachment.save()
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


# --- the officer's scheme pages -----------------------------------------------------------------

MAX_TOTAL_WEIGHT = Decimal(100)  # points: the grade lines (先进 85, 合格 60) are out of 100


def check_scheme_editable(scheme: Scheme) -> None:
    if not scheme.is_draft:
        raise ValidationError(
            _("方案“%(scheme)s”已用于“%(assessment)s”（%(status)s），不能再修改；请复制为新版本后修改。"
              "The scheme is in use by an assessment past its draft; copy it to a new version to change it.")
            % {"scheme": scheme, "assessment": scheme.assessment, "status": scheme.assessment.get_status_display()},
            code="scheme_in_use",
        )


def save_scheme_part(actor: User, form: BaseForm, instance: Model | None = None) -> Model:
    """A draft scheme's indicator group, indicator or veto item, from the officer's edit page:
    the rules of the row (parameters per scoring rule, figures of the same scheme, the total of the
    weights) checked here, the write audited."""
    require(permissions.can_manage(actor))
    obj = form.instance
    scheme = obj.scheme_of()
    if instance is not None and type(obj).objects.get(pk=obj.pk).scheme_of().pk != scheme.pk:
        raise ValidationError(_("不能移到其他方案。A row cannot move to another scheme."), code="other_scheme")
    with transaction.atomic():
        # The scheme row is the lock: two officers' weights cannot together pass the total.
        Scheme.objects.select_for_update().get(pk=scheme.pk)
        check_scheme_editable(scheme)
        CHECKS.get(type(obj), _no_check)(obj, scheme)
        return save_form(actor, form, instance, permissions.can_manage,
                         lambda user, _obj: permissions.can_edit_scheme(user, scheme))


def delete_scheme_part(actor: User, obj) -> None:
    require(permissions.can_manage(actor))
    check_scheme_editable(obj.scheme_of())
    if isinstance(obj, IndicatorGroup) and obj.indicators.exists():
        raise ValidationError(_("指标组中还有指标，请先删除或移走这些指标。The group still has indicators."),
                              code="group_not_empty")
    core_services.delete(actor, obj)


def _no_check(obj, scheme: Scheme) -> None:
    return None


def _check_indicator(indicator: Indicator, scheme: Scheme) -> None:
    errors = _rule_parameter_errors(indicator)
    if indicator.weight is not None and indicator.weight <= 0:
        errors.append(_("分值须大于 0。The weight must be above zero."))
    if indicator.figure_id and indicator.figure.scheme_id != scheme.pk:
        errors.append(_("填报项须属于本方案。The figure must be of this scheme."))
    others = Indicator.objects.filter(group__scheme=scheme).exclude(pk=indicator.pk).aggregate(total=Sum("weight"))
    total = (others["total"] or Decimal(0)) + (indicator.weight or Decimal(0))
    if total > MAX_TOTAL_WEIGHT:
        errors.append(_("各指标分值合计 %(total)s，超过 %(max)s 分。The weights add up to more than %(max)s.")
                      % {"total": total.normalize(), "max": MAX_TOTAL_WEIGHT})
    if errors:
        raise ValidationError(errors)


def _rule_parameter_errors(indicator: Indicator) -> list[str]:
    """Each scoring rule takes its own parameters and no other (a leftover target under 按名次 would
    read as if it counted)."""
    rule, Rule = indicator.rule, Indicator.Rule
    errors = []
    if rule == Rule.LINEAR and None not in (indicator.floor, indicator.target) and indicator.floor == indicator.target:
        errors.append(_("下限与目标不能相同。The floor and the target must differ."))
    if rule != Rule.LINEAR and (indicator.floor is not None or indicator.target is not None):
        errors.append(_("只有线性计分使用下限与目标，请清空。Only linear scoring takes a floor and a target."))
    if rule != Rule.TIERS and indicator.tiers:
        errors.append(_("只有分档计分使用分档，请清空。Only tiered scoring takes tiers."))
    if rule == Rule.TIERS and indicator.tiers:
        thresholds = [str(pair[0]) for pair in indicator.tiers if isinstance(pair, list | tuple) and pair]
        if len(set(thresholds)) != len(thresholds):
            errors.append(_("分档门槛不能重复。Tier thresholds must differ."))
    return errors


def _check_veto(item: VetoItem, scheme: Scheme) -> None:
    errors = []
    figures = [f for f in (item.figure if item.figure_id else None, item.compare_to) if f is not None]
    if any(f.scheme_id != scheme.pk for f in figures):
        errors.append(_("填报项须属于本方案。The figure must be of this scheme."))
    if item.compare_to_id and item.compare_to_id == item.figure_id:
        errors.append(_("对比填报项不能是其本身。Compare with another figure."))
    if item.op == VetoItem.Op.YES and (item.threshold is not None or item.compare_to_id):
        errors.append(_("“须为是”不用标准值或对比项，请清空。A yes/no item takes no threshold."))
    if item.op == VetoItem.Op.YES and item.figure_id and item.figure.type != Figure.Type.YES_NO:
        errors.append(_("“须为是”只能用于是/否填报项。A yes/no item needs a yes/no figure."))
    if item.threshold is not None and item.figure_id:
        try:
            item.figure.check_value(item.threshold)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)


CHECKS = {Indicator: _check_indicator, VetoItem: _check_veto}
