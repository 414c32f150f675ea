"""The numbers behind the home page: each indicator's current value (from its data source or its
manual reports), its standing on a day, the progress curve, and the overdue milestones.

Read-only; computed from live records on every request (DESIGN.md rule 6).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Attachment
from core.permissions import get_visible_or_404

from . import progress, sources
from .models import Indicator, Milestone, Plan, ProgressReport

BINARY_KINDS = progress.BINARY_KINDS
STATUS_LABELS = {
    "achieved": _("已完成"),
    "on_track": _("正常推进"),
    "at_risk": _("存在风险"),
    "behind": _("滞后"),
    "no_data": _("暂无数据"),
}
RATE_UNITS = sources.RATE_UNITS


@dataclass
class Row:
    indicator: Indicator
    standing: progress.Standing
    mine: bool
    source_label: str
    latest_report: ProgressReport | None = None  # a manual indicator's figure shown, if any
    evidence: list = field(default_factory=list)  # that report's attachments

    @property
    def short_name(self) -> str:
        return short_name(self.indicator.name)

    @property
    def status(self) -> str:
        return self.standing.status


def parse_day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def chosen_plan(user, plan_id: str | None) -> Plan | None:
    """The plan asked for (404 outside scope), else this year's confirmed plan, else the latest
    confirmed one (the page says it is not this year's), else (for those who prepare it) the latest
    draft."""
    if plan_id and str(plan_id).isdigit():
        return get_visible_or_404(Plan, user, pk=int(plan_id))
    visible = Plan.objects.visible_to(user)
    confirmed = visible.filter(status=Plan.Status.CONFIRMED)
    return confirmed.filter(year=timezone.localdate().year).first() or confirmed.first() or visible.first()


def as_of_for(plan: Plan, requested: dt.date | None = None) -> dt.date:
    """The day the dashboard shows: today, capped to the plan year (a past plan shows year-end)."""
    day = requested or timezone.localdate()
    return min(max(day, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


def goal_of(indicator: Indicator) -> progress.Goal:
    return progress.Goal(
        kind=indicator.kind,
        target=indicator.firm_target,
        baseline=indicator.baseline,
        deadline=indicator.deadline,
        quarterly=indicator.quarterly,
        whole=indicator.unit in sources.COUNT_UNITS,
    )


def _same_day_last_year(day: dt.date) -> dt.date:
    last_day = calendar.monthrange(day.year - 1, day.month)[1]
    return dt.date(day.year - 1, day.month, min(day.day, last_day))


def _year_on_year(indicator: Indicator, source: sources.DataSource) -> bool:
    """A rate indicator on a count source compares the year so far with the same period of last year."""
    return indicator.kind in progress.RATE_KINDS and source.unit not in RATE_UNITS


def wanted(indicator: Indicator, days: list[dt.date]) -> list[sources.Wanted]:
    """The source figures the indicator's value on each of `days` is made of (none if manual)."""
    source = sources.find(indicator.source_key) if indicator.source_key else None
    if source is None:
        return []
    year = indicator.plan.year
    figures = [(source.key, year, day) for day in days]
    if _year_on_year(indicator, source):
        figures += [(source.key, year - 1, _same_day_last_year(day)) for day in days]
    return figures


def source_value(indicator: Indicator, day: dt.date, known: dict | None = None) -> Decimal | None:
    """The registered source's value converted to the indicator's unit; rates are year on year
    (the year so far against the same period of last year). `known` holds figures already fetched
    together (`sources.values`); without it the indicator's own are fetched."""
    source = sources.find(indicator.source_key)
    if source is None:
        return None
    if known is None:
        known = sources.values(wanted(indicator, [day]))
    year = indicator.plan.year
    raw = known[(source.key, year, day)]
    if _year_on_year(indicator, source):
        # a count source: compare with the same period of last year, in the source's own unit
        previous = known[(source.key, year - 1, _same_day_last_year(day))]
        if indicator.kind == Indicator.Kind.GROWTH_RATE:
            return progress.rate_from_values(raw, previous)
        return raw - previous
    return sources.convert(raw, source.unit, indicator.unit)


def manual_value(reports: list[ProgressReport], day: dt.date) -> Decimal | None:
    """The latest report on or before `day` (reports are cumulative figures for the year)."""
    report = latest_report(reports, day)
    return report.value if report else None


def current_value(
    indicator: Indicator, day: dt.date, reports: list[ProgressReport] | None = None, known: dict | None = None
):
    if indicator.is_manual:
        if reports is None:
            reports = list(indicator.reports.all())
        return manual_value(reports, day)
    return source_value(indicator, day, known)


def indicator_queryset(plan: Plan) -> QuerySet:
    return (
        Indicator.objects.filter(plan=plan)
        .select_related("plan", "division", "leader")
        .prefetch_related(Prefetch("reports", queryset=ProgressReport.objects.order_by("as_of", "pk")))
    )


def rows_for(indicators, user, day: dt.date) -> list[Row]:
    """One row per indicator; the user's own (as leader or division) first, then plan order."""
    indicators = list(indicators)
    # every source figure of the page at once: the sources of a family share one grouped query
    known = sources.values(figure for indicator in indicators for figure in wanted(indicator, [day]))
    rows = []
    for indicator in indicators:
        reports = list(indicator.reports.all())
        value = current_value(indicator, day, reports, known)
        standing = progress.standing(goal_of(indicator), value, day, indicator.plan.year)
        source = sources.find(indicator.source_key) if indicator.source_key else None
        # the label in the request's language once, not a lazy translation rendered again by each use
        row = Row(indicator, standing, is_mine(indicator, user), str(source.label) if source else "")
        if indicator.is_manual:
            row.latest_report = latest_report(reports, day)
        rows.append(row)
    _attach_evidence(rows)
    rows.sort(key=lambda r: (not r.mine, r.indicator.order, r.indicator.pk))
    return rows


def latest_report(reports: list[ProgressReport], day: dt.date) -> ProgressReport | None:
    dated = [r for r in reports if r.as_of <= day]
    return max(dated, key=lambda r: (r.as_of, r.pk)) if dated else None


def _attach_evidence(rows: list[Row]) -> None:
    """The latest reports' attachments, in one query for the whole page."""
    by_report = {str(r.latest_report.pk): r for r in rows if r.latest_report is not None}
    if not by_report:
        return
    kind = ContentType.objects.get_for_model(ProgressReport)
    for attachment in Attachment.objects.filter(content_type=kind, object_id__in=by_report).order_by("pk"):
        by_report[attachment.object_id].evidence.append(attachment)


# Words that open a target's name but do not tell targets apart on a chart axis.
_LEADING = re.compile(
    r"^(?:在[^，,。]{0,20}?(?:等)?领域|组织实施|实施|培育|开发|支持|新建|建设|开展|争取|申报|突破|选育)+"
)
SHORT_NAME_LENGTH = 8


def short_name(name: str) -> str:
    """A chart axis label: the name without its opening verb or field phrase, at most 8 characters
    ("在盾构机、节能环保设备等领域实施科技项目" → "科技项目")."""
    short = _LEADING.sub("", name) or name
    return short if len(short) <= SHORT_NAME_LENGTH else short[: SHORT_NAME_LENGTH - 1] + "…"


def is_mine(indicator: Indicator, user) -> bool:
    if indicator.leader_id is not None and indicator.leader_id == user.pk:
        return True
    return indicator.division_id is not None and indicator.division_id in getattr(user, "division_ids", ())


def summary(rows: list[Row]) -> dict[str, int]:
    counts = dict.fromkeys(progress.STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def month_ends(year: int, day: dt.date) -> list[dt.date]:
    ends = [dt.date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]
    return [d for d in ends if d <= day] or [day]


def series(indicator: Indicator, day: dt.date) -> dict:
    """The progress curve for the indicator's chart: actual values at month ends (or at each
    manual report), the schedule's expected values, and the forecast at year end."""
    year = indicator.plan.year
    goal = goal_of(indicator)
    if indicator.is_manual:
        reports = [r for r in indicator.reports.order_by("as_of", "pk") if r.as_of <= day]
        actual = [(r.as_of, r.value) for r in reports]
    else:
        days = month_ends(year, day)
        known = sources.values(wanted(indicator, days))  # one pass of the source's family for all month-ends
        actual = [(d, source_value(indicator, d, known)) for d in days]
    expected = []
    for d in month_ends(year, dt.date(year, 12, 31)):
        fraction = progress.scheduled_fraction(goal, d, year)
        if goal.target is not None:
            start = progress.start_value(goal)
            target = goal.target if goal.kind in progress.RATE_KINDS else start + (goal.target - start) * fraction
            expected.append((d, target.quantize(Decimal("0.01"))))
    standing = progress.standing(goal, actual[-1][1] if actual else None, day, year)
    return {
        "actual": [[d.isoformat(), _num(v)] for d, v in actual if v is not None],
        "expected": [[d.isoformat(), _num(v)] for d, v in expected],
        "forecast": _num(standing.forecast),
        "target": _num(goal.target),
        "stretch": _num(indicator.stretch_target),
        "unit": indicator.unit,
    }


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def overdue_milestones(plan: Plan, day: dt.date) -> QuerySet:
    return (
        Milestone.objects.filter(work_item__plan=plan, done_on__isnull=True, due__lt=day)
        .select_related("work_item", "work_item__division", "work_item__leader")
        .order_by("due")
    )


def milestones_by_item(plan: Plan) -> dict[int, list[Milestone]]:
    grouped = defaultdict(list)
    for milestone in Milestone.objects.filter(work_item__plan=plan).order_by("due"):
        grouped[milestone.work_item_id].append(milestone)
    return grouped


def drill_down(indicator: Indicator, user, day: dt.date) -> QuerySet | None:
    """The records that count towards a source-backed indicator, limited to what `user` may see."""
    source = sources.find(indicator.source_key)
    if source is None or source.records is None:
        return None
    records = source.records(indicator.plan.year, day)
    manager = records.model._default_manager
    if hasattr(manager, "visible_to"):
        visible = manager.visible_to(user)
        # a reader who sees every record (leader, admin) needs no filter: "id IN (every id)" would
        # cost a semi-join over the whole table (a million patents) for nothing
        if visible.query.where:
            records = records.filter(pk__in=visible.values("pk"))
    return records
