"""Every change to plans goes through here: permission, validation, one transaction, audit entry."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

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

from . import linking, parser, permissions, sources
from .models import Indicator, Milestone, Plan, ProgressReport, WorkItem, WorkItemNote
from .workflow import TRANSITIONS

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import Model, QuerySet
    from django.forms import BaseForm, BaseFormSet

    from accounts.models import User


class SystemActor:
    """The operator at the command line or the demo loader: they hold the shell already, so
    they act with every role; the audit log records them as this name."""

    is_authenticated = False
    pk = None
    assignments = ()
    division_ids = frozenset()

    def __init__(self, name: str = "system") -> None:
        self.name = name

    def has_role(self, *roles: str) -> bool:
        return True

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------- import


def plan_title(text: str, year: int) -> str:
    """The first non-empty line, which in this genre is the title (2008年洛阳市科技工作要点)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return _("%(year)s年科技工作要点") % {"year": year}


def indicators_from_text(plan: Plan, text: str) -> list[Indicator]:
    """Unsaved indicators for every target the parser finds, coded by item: 04-2 = item 4, 2nd."""
    per_section: Counter = Counter()
    result = []
    for order, target in enumerate(parser.extract_targets(text, year=plan.year), start=1):
        section = target.section or 0
        per_section[section] += 1
        result.append(
            _linked(
                Indicator(
                    plan=plan,
                    code=f"{section:02d}-{per_section[section]}",
                    name=target.name[:200] or _("未命名指标"),
                    kind=target.kind,
                    unit=target.unit[:20],
                    target_value=target.value if target.kind not in ("keep_rank", "deadline") else None,
                    target_min=target.min,
                    target_max=target.max,
                    stretch_value=target.stretch,
                    baseline=target.baseline,
                    deadline=dt.date.fromisoformat(target.deadline) if target.deadline else None,
                    section=target.section,
                    excerpt=target.excerpt,
                    source_start=target.start,
                    source_end=target.end,
                    match_start=target.match_start,
                    match_end=target.match_end,
                    order=order,
                )
            )
        )
    return result


def _linked(indicator: Indicator) -> Indicator:
    """Attach the linking's suggestion; make the link when it is confident enough."""
    context = linking.context_of(indicator.excerpt, indicator.source_start, indicator.match_start)
    link = linking.suggest(indicator.name, indicator.unit, indicator.kind, context)
    if link is not None:
        indicator.suggested_source = link.source.key
        indicator.source_confidence = link.confidence
        indicator.source_reason = link.reason[:300]
        if link.confidence >= linking.threshold():
            indicator.source_key = link.source.key
            fill_whole_target(indicator)
    return indicator


def fill_whole_target(indicator: Indicator) -> Indicator:
    """A count target the text gives no figure for ("all counties pass the veto items") aims at
    the linked source's whole population (every county-level unit of the plan year)."""
    source = sources.find(indicator.source_key) if indicator.source_key else None
    if indicator.kind == Indicator.Kind.REACH and indicator.target_value is None and source and source.whole:
        indicator.target_value = source.whole(indicator.plan.year)
    return indicator


def import_plan(actor: User, *, year: int, text: str, source_name: str = "", title: str = "") -> Plan:
    """Create a draft plan with its extracted indicators and numbered work items."""
    require(permissions.can_import_plan(actor))
    text = text.strip()
    if not text:
        raise ValidationError(_("要点原文为空。The plan text is empty."))
    with transaction.atomic():
        plan = Plan(year=year, title=title or plan_title(text, year), source_name=source_name, source_text=text)
        plan.full_clean()
        plan.save()
        indicators = indicators_from_text(plan, text)
        items = [
            WorkItem(plan=plan, number=item.number, title=item.title[:200], body=item.body)
            for item in parser.extract_work_items(text)
        ]
        inherit_from_last_year(plan, indicators, items)
        Indicator.objects.bulk_create(indicators)
        WorkItem.objects.bulk_create(items)
        audit.record(
            actor, "import_plan", plan, after={"indicators": len(indicators), "work_items": len(items)},
            note=source_name,
        )  # fmt: skip
    return plan


def inherit_from_last_year(plan: Plan, indicators: list[Indicator], items: list[WorkItem]) -> None:
    """Targets and work items named as last year keep last year's division, leader and source
    (the officer's decisions then), from the confirmed plan of the year before, else its latest
    draft; what is new is left to the review page."""
    previous = Plan.objects.filter(year=plan.year - 1)
    last = previous.filter(status=Plan.Status.CONFIRMED).first() or previous.first()
    if last is None:
        return
    before = {i.name: i for i in last.indicators.all()}
    for indicator in indicators:
        old = before.get(indicator.name)
        if old is not None:
            indicator.division_id, indicator.leader_id = old.division_id, old.leader_id
            source = sources.find(old.source_key) if old.source_key else None
            if source and not indicator.source_key and sources.fits(source, indicator.unit, indicator.kind):
                indicator.source_key = old.source_key
    tasks = {w.title: w for w in last.work_items.all()}
    for item in items:
        if item.title in tasks:
            item.division_id, item.leader_id = tasks[item.title].division_id, tasks[item.title].leader_id


# ---------------------------------------------------------------------------- lifecycle


def confirm_plan(actor: User, plan: Plan, comment: str = "") -> Plan:
    return transition(plan, "confirm", actor, TRANSITIONS, comment=comment)


def reopen_plan(actor: User, plan: Plan, comment: str = "") -> Plan:
    return transition(plan, "reopen", actor, TRANSITIONS, comment=comment)


def delete_plan(actor: User, plan: Plan) -> None:
    require(permissions.can_delete_plan(actor, plan))
    core_services.delete(actor, plan)


# ---------------------------------------------------------------------------- indicators


def save_indicator(actor: User, form: BaseForm, instance: Indicator | None = None) -> Indicator:
    if instance is None:
        require(permissions.can_edit_plan(actor, form.instance.plan))
        return core_services.create(actor, form.save(commit=False))
    require(permissions.can_edit_indicator(actor, instance))
    return core_services.update(actor, instance, _changes(form))


def delete_indicator(actor: User, indicator: Indicator) -> None:
    require(permissions.can_edit_plan(actor, indicator.plan))
    core_services.delete(actor, indicator)


def review_plan(actor: User, plan: Plan, formset: BaseFormSet) -> dict[str, int]:
    """Apply the review page: corrected rows, deleted rows and added rows, all or nothing."""
    require(permissions.can_edit_plan(actor, plan))
    counts = Counter()
    with transaction.atomic():
        for form in formset.deleted_forms:
            if form.instance.pk:
                core_services.delete(actor, form.instance, note=_("审核时删除"))
                counts["deleted"] += 1
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed():
                continue
            if form.instance.pk:
                core_services.update(actor, form.instance, _changes(form), note=_("审核时更正"))
                counts["updated"] += 1
            else:
                core_services.create(actor, _new_indicator(plan, form), note=_("审核时新增"))
                counts["added"] += 1
    return dict(counts)


def _new_indicator(plan: Plan, form: BaseForm) -> Indicator:
    indicator = form.save(commit=False)
    indicator.plan = plan
    last = plan.indicators.order_by("-order").values_list("order", flat=True).first() or 0
    indicator.order = last + 1
    taken = set(plan.indicators.values_list("code", flat=True))
    number = plan.indicators.count() + 1
    while f"99-{number}" in taken:
        number += 1
    indicator.code = f"99-{number}"  # 99 = added by hand, not found in the text
    return indicator


# ---------------------------------------------------------------------------- progress reports


def add_report(actor: User, form: BaseForm, indicator: Indicator) -> ProgressReport:
    require(permissions.can_report(actor, indicator))
    evidence = form.cleaned_data.get("evidence")
    with transaction.atomic():
        report = form.save(commit=False)
        report.indicator = indicator
        report.reported_by = actor
        report = core_services.create(actor, report)
        if evidence:
            attach(actor, report, evidence, purpose="evidence")
    return report


def delete_report(actor: User, report: ProgressReport) -> None:
    require(permissions.can_delete_report(actor, report))
    core_services.delete(actor, report)


def attach(actor: User, obj: Model, upload: UploadedFile, purpose: str = "") -> Attachment:
    return core_services.create(actor, Attachment.of_upload(obj, upload, check_upload(upload), purpose, actor))


def evidence_of(report: ProgressReport) -> QuerySet[Attachment]:
    return Attachment.objects.of(report)


# ---------------------------------------------------------------------------- work items


def save_work_item(actor: User, form: BaseForm, instance: WorkItem) -> WorkItem:
    require(permissions.can_edit_work_item(actor, instance))
    return core_services.update(actor, instance, _changes(form))


def add_milestone(actor: User, form: BaseForm, work_item: WorkItem) -> Milestone:
    require(permissions.can_update_work_item(actor, work_item))
    milestone = form.save(commit=False)
    milestone.work_item = work_item
    return core_services.create(actor, milestone)


def complete_milestone(actor: User, milestone: Milestone, done_on: dt.date | None = None) -> Milestone:
    require(permissions.can_update_work_item(actor, milestone.work_item))
    if milestone.done_on:
        raise ValidationError(_("该节点已完成。This milestone is already done."))
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(_("完成日期不能晚于今天。The date cannot be in the future."))
    return core_services.update(actor, milestone, {"done_on": day})


def add_note(actor: User, form: BaseForm, work_item: WorkItem) -> WorkItemNote:
    require(permissions.can_update_work_item(actor, work_item))
    note = form.save(commit=False)
    note.work_item = work_item
    note.author = actor
    return core_services.create(actor, note)


def _changes(form: BaseForm) -> dict:
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}


# ---------------------------------------------------------------------------- next year

# What a new year inherits from the last: who is responsible and where the numbers come from,
# never the figures themselves (each year's plan states its own).
CARRIED_FIELDS = ("code", "name", "kind", "unit", "section", "division_id", "leader_id", "schedule",
                  "q1", "q2", "q3", "q4", "source_key", "suggested_source", "source_confidence",
                  "source_reason", "source_note", "order")  # fmt: skip


def _next_year_day(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    return day.replace(year=day.year + 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 1)


def copy_to_next_year(actor: User, plan: Plan) -> Plan:
    """A new draft for plan.year + 1 with the plan's indicators (divisions, leaders, source links,
    schedules; targets left blank for the new figures), work items and their milestones (dates
    moved a year, none done). Refused when any plan for that year exists."""
    require(permissions.can_import_plan(actor))
    year = plan.year + 1
    if Plan.objects.filter(year=year).exists():
        raise ValidationError(
            _("%(year)s 年已有工作要点，不能再从上一年复制。A plan for %(year)s already exists.") % {"year": year}
        )
    with transaction.atomic():
        new = Plan.objects.create(
            year=year, title=_("%(year)s年科技工作要点") % {"year": year},
            source_name=_("由 %(year)s 年要点复制") % {"year": plan.year},
        )  # fmt: skip
        indicators = [
            Indicator(plan=new, deadline=_next_year_day(old.deadline), **{f: getattr(old, f) for f in CARRIED_FIELDS})
            for old in plan.indicators.all()
        ]
        Indicator.objects.bulk_create(indicators)
        milestones = 0
        for old in plan.work_items.prefetch_related("milestones"):
            item = WorkItem.objects.create(
                plan=new, number=old.number, title=old.title, body=old.body,
                division_id=old.division_id, leader_id=old.leader_id,
            )  # fmt: skip
            Milestone.objects.bulk_create(
                Milestone(work_item=item, title=m.title, due=_next_year_day(m.due)) for m in old.milestones.all()
            )
            milestones += old.milestones.count()
        audit.record(
            actor, "copy_plan", new,
            after={"from_plan": plan.pk, "from_year": plan.year, "indicators": len(indicators),
                   "work_items": new.work_items.count(), "milestones": milestones},
        )  # fmt: skip
    return new
