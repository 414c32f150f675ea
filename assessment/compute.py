"""The assessment's computation: values → scores → veto → total, rank, grade, for every county.

`compute(assessment, as_of)` reads live data (computed indicators cut by `queries.belongs_to`,
reported figures from the county reports) and returns plain rows; `services.compute_results`
freezes them. `rows_of(assessment)` reads the frozen rows back in the same shape, so the JSON
command, the pages and the exports print one structure.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from directory.models import Region

from . import scoring
from .models import Assessment, CountyResult, Indicator, ReportedValue, VetoItem
from .queries import QUERIES


@dataclass
class Line:
    indicator: Indicator
    value: Decimal | None
    score: Decimal = Decimal(0)
    query: str = ""


@dataclass
class Row:
    region: Region
    lines: list[Line] = field(default_factory=list)
    veto_items: list[str] = field(default_factory=list)
    score: Decimal = Decimal(0)
    rank: int = 0
    grade: str = ""

    @property
    def vetoed(self) -> bool:
        return bool(self.veto_items)

    def as_json(self) -> dict:
        return {
            "region_code": self.region.code,
            "name": self.region.name,
            "score": float(self.score),
            "rank": self.rank,
            "grade": self.grade,
            "vetoed": self.vetoed,
            "veto_items": self.veto_items,
            "indicators": {
                line.indicator.name: {
                    "value": None if line.value is None else float(line.value),
                    "score": float(line.score),
                }
                for line in self.lines
            },
        }


def reported(assessment: Assessment) -> dict[tuple[int, int], Decimal]:
    """(region id, figure id) → value, from the reports of the assessment."""
    values = ReportedValue.objects.filter(report__assessment=assessment).values_list(
        "report__region_id", "figure_id", "value"
    )
    return {(region_id, figure_id): value for region_id, figure_id, value in values}


def _value(indicator: Indicator, region: Region, year: int, as_of: dt.date, figures: dict) -> tuple:
    if indicator.source_key:
        query = QUERIES[indicator.source_key]
        return query.value(region, year, as_of), query.describe(region, year, as_of)
    text = f"县区填报：{indicator.figure.name}"
    return figures.get((region.pk, indicator.figure_id)), text


def _score_indicator(indicator: Indicator, lines: list[Line]) -> None:
    weight = indicator.weight
    if indicator.rule == Indicator.Rule.RANK:
        scores = scoring.by_rank({i: line.value for i, line in enumerate(lines)}, weight)
        for i, line in enumerate(lines):
            line.score = scores[i]
        return
    for line in lines:
        if indicator.rule == Indicator.Rule.LINEAR:
            line.score = scoring.linear(line.value, weight, indicator.floor, indicator.target)
        elif indicator.rule == Indicator.Rule.YES_NO:
            line.score = scoring.yes_no(line.value, weight)
        else:
            line.score = scoring.tiers(line.value, weight, indicator.tiers)


def vetoes(items: list[VetoItem], region_id: int, figures: dict) -> list[str]:
    """The names of the veto `items` (the scheme's, read once for every county) the region fails."""
    failed = []
    for item in items:
        value = figures.get((region_id, item.figure_id))
        other = figures.get((region_id, item.compare_to_id)) if item.compare_to_id else None
        if not scoring.veto_passes(item.op, value, item.threshold, other):
            failed.append(item.name)
    return failed


def compute(assessment: Assessment, as_of: dt.date) -> list[Row]:
    scheme = assessment.scheme
    regions = [report.region for report in assessment.reports.select_related("region").order_by("region__code")]
    figures = reported(assessment)
    veto_items = list(scheme.veto_items.all())
    rows = [Row(region) for region in regions]
    for indicator in scheme.indicators():
        lines = []
        for row in rows:
            value, query = _value(indicator, row.region, scheme.year, as_of, figures)
            lines.append(Line(indicator, value, query=query))
            row.lines.append(lines[-1])
        _score_indicator(indicator, lines)
    for row in rows:
        row.score = sum((line.score for line in row.lines), Decimal(0))
        row.veto_items = vetoes(veto_items, row.region.pk, figures)
        row.grade = scoring.grade(row.score, row.vetoed, scheme)
    places = scoring.ranks({i: row.score for i, row in enumerate(rows)})
    for i, row in enumerate(rows):
        row.rank = places[i]
    return sorted(rows, key=lambda row: (row.rank, row.region.code))


def rows_of(results) -> list[Row]:
    """Frozen `CountyResult` rows (a queryset) in the shape `compute` returns."""
    rows = []
    for result in results.select_related("region").prefetch_related("scores__indicator"):
        lines = [Line(s.indicator, s.value, s.score, s.query) for s in result.scores.all()]
        rows.append(Row(result.region, lines, list(result.veto_items), result.score, result.rank, result.grade))
    return rows


def frozen_or_live(assessment: Assessment, as_of: dt.date | None = None) -> list[Row]:
    if assessment.status in ("computed", "confirmed", "published"):
        return rows_of(CountyResult.objects.filter(assessment=assessment))
    return compute(assessment, as_of or dt.date(assessment.year, 12, 31))
