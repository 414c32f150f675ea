"""Patent statistics as officially reported (专利统计口径).

* applications (申请量): patents whose *filing date* falls in the period;
* grants (授权量): patents whose *grant date* falls in the period;
* holdings (拥有量): granted on or before the period end and not lapsed by then
  (a lapse on the end day itself means the patent was no longer in force);
* per 10,000 residents (每万人发明专利拥有量): holdings / population × 10,000;
* growth vs the previous year (同比增长): (current − previous) / previous × 100 %.

Each statistic is defined once, as a *criterion*: a tuple of alternatives,
each a dict of Django-style field lookups (``filing_date__gte`` …).  The same
criterion runs two ways: ``count()`` here over plain Python objects (tests,
small lists) and ``ip.queries`` turns it into ``Q`` objects for a database
aggregate — so the pure tests pin down exactly what the SQL computes.

No Django import at module level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

Lookups = dict[str, Any]
Criterion = tuple[Lookups, ...]  # OR of ANDs


class PatentFacts(Protocol):
    """What the statistics need from a patent record (model or dataclass)."""

    kind: str
    filing_date: dt.date
    grant_date: dt.date | None
    lapse_date: dt.date | None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def previous_year(self) -> Period:
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1))


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _with_kinds(criterion: Criterion, kinds: Sequence[str] | None) -> Criterion:
    if not kinds:
        return criterion
    return tuple({**alt, "kind__in": list(kinds)} for alt in criterion)


def applications(period: Period, kinds: Sequence[str] | None = None) -> Criterion:
    return _with_kinds(({"filing_date__gte": period.start, "filing_date__lte": period.end},), kinds)


def grants(period: Period, kinds: Sequence[str] | None = None) -> Criterion:
    return _with_kinds(({"grant_date__gte": period.start, "grant_date__lte": period.end},), kinds)


def holdings(at: dt.date, kinds: Sequence[str] | None = None) -> Criterion:
    granted = {"grant_date__lte": at}
    return _with_kinds(
        ({**granted, "lapse_date__isnull": True}, {**granted, "lapse_date__gt": at}),
        kinds,
    )


# --- evaluating a criterion over Python objects -------------------------------

_OPS = {
    "exact": lambda v, arg: v == arg,
    "gte": lambda v, arg: v is not None and v >= arg,
    "lte": lambda v, arg: v is not None and v <= arg,
    "gt": lambda v, arg: v is not None and v > arg,
    "lt": lambda v, arg: v is not None and v < arg,
    "in": lambda v, arg: v in arg,
    "isnull": lambda v, arg: (v is None) == bool(arg),
}


def _match_lookup(obj: Any, lookup: str, arg: Any) -> bool:
    field, _, op = lookup.partition("__")
    return _OPS[op or "exact"](getattr(obj, field), arg)


def matches(obj: Any, criterion: Criterion) -> bool:
    return any(all(_match_lookup(obj, k, v) for k, v in alt.items()) for alt in criterion)


def count(records: Iterable[Any], criterion: Criterion) -> int:
    return sum(1 for r in records if matches(r, criterion))


# --- derived figures -----------------------------------------------------------

TWO_PLACES = Decimal("0.01")


def per_10k(holding_count: int, population: int | None) -> Decimal | None:
    """Holdings per 10,000 residents, 2 decimals; None when population unknown."""
    if not population:
        return None
    value = Decimal(holding_count) * Decimal(10000) / Decimal(population)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def growth_percent(current: int | Decimal, previous: int | Decimal) -> Decimal | None:
    """Growth vs the previous figure in percent; None when there is no base."""
    if not previous:
        return None
    value = (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
