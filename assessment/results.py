"""What the result pages, the workbook and the 通报 show: rows by rank, groups, the previous year."""

from .compute import Row, rows_of
from .models import Assessment, CountyResult


def visible_rows(assessment: Assessment, user) -> list[Row]:
    return rows_of(CountyResult.objects.visible_to(user).filter(assessment=assessment))


def previous_assessment(assessment: Assessment) -> Assessment | None:
    done = ("computed", "confirmed", "published")
    return Assessment.objects.filter(scheme__year=assessment.year - 1, status__in=done).select_related("scheme").first()


def previous_by_region(assessment: Assessment, user) -> dict[str, CountyResult]:
    """Last year's result per region code (as far as the user may see it); a region renamed since
    is matched through its successor so that 偃师市 2020 compares with 偃师区 2021."""
    previous = previous_assessment(assessment)
    if previous is None:
        return {}
    result = {}
    for row in CountyResult.objects.visible_to(user).filter(assessment=previous).select_related("region__successor"):
        result[row.region.code] = row
        if row.region.successor_id:
            result.setdefault(row.region.successor.code, row)
    return result


def groups_of(assessment: Assessment) -> list:
    return list(assessment.scheme.groups.prefetch_related("indicators"))


def chart_data(rows: list[Row]) -> dict:
    ordered = sorted(rows, key=lambda row: row.region.code)
    return {
        "names": [row.region.name for row in ordered],
        "scores": [float(row.score) for row in ordered],
        "vetoed": [row.vetoed for row in ordered],
    }
