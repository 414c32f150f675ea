"""Where an indicator stands: expected-by-today, % complete, status and year-end forecast.

Pure Python (no Django) so the arithmetic is tested on its own and reused by the dashboard,
the Excel export, the API and the benchmark alike.

The model of progress, by kind:

* count-like kinds (reach, at_least, range — a number to achieve within the plan year) start
  at 0 on 1 January; progress is current / target;
* increase_to starts at the baseline (318 家 → 387 家); progress is how much of the distance
  from the baseline has been covered;
* growth_rate and point_increase are measured against the previous year's value, which the
  caller converts to a rate or a point change before calling (see ``rate_from_values``);
* keep_rank and deadline are met (1) or not (0).

A schedule is either linear through the year or four cumulative quarterly milestones, given
as fractions of the target (e.g. 0.1, 0.3, 0.6, 1.0).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ACHIEVED = "achieved"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
BEHIND = "behind"
NO_DATA = "no_data"
STATUSES = (ACHIEVED, ON_TRACK, AT_RISK, BEHIND, NO_DATA)

# Below this share of the expected value an indicator is "behind" rather than "at risk".
AT_RISK_FLOOR = Decimal("0.8")
# Before this share of the year has passed, a year-end forecast is noise.
FORECAST_MIN_FRACTION = Decimal("0.05")
BINARY_KINDS = ("keep_rank", "deadline")
# Year-on-year figures: the caller compares the year so far with the same period last year, so
# the target applies all year round rather than building up.
RATE_KINDS = ("growth_rate", "point_increase")


@dataclass(frozen=True)
class Goal:
    kind: str
    target: Decimal | None  # the firm value (the lower bound of a range)
    baseline: Decimal | None = None
    deadline: dt.date | None = None
    quarterly: tuple[Decimal, Decimal, Decimal, Decimal] | None = None
    whole: bool = False  # counted in whole things (个, 项, 家 …): no "21.36 个" on any page


@dataclass(frozen=True)
class Standing:
    current: Decimal | None
    expected: Decimal | None
    percent: Decimal | None  # % of the target reached, 0–100+
    status: str
    forecast: Decimal | None


def year_fraction(day: dt.date, year: int) -> Decimal:
    """Share of ``year`` elapsed at the end of ``day`` (0 before 1 Jan, 1 after 31 Dec)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day < start:
        return Decimal(0)
    if day >= end:
        return Decimal(1)
    return Decimal((day - start).days + 1) / Decimal((end - start).days + 1)


def scheduled_fraction(goal: Goal, day: dt.date, year: int) -> Decimal:
    """Share of the target due by ``day``: linear, or interpolated between quarter milestones."""
    if goal.kind == "deadline":
        due = goal.deadline or dt.date(year, 12, 31)
        return Decimal(1) if day >= due else Decimal(0)
    if goal.kind == "keep_rank":
        return Decimal(1) if day >= dt.date(year, 12, 31) else Decimal(0)
    if not goal.quarterly:
        return year_fraction(day, year)
    points = [(dt.date(year, 1, 1) - dt.timedelta(days=1), Decimal(0))]
    for quarter, share in enumerate(goal.quarterly, start=1):
        month = quarter * 3
        last = dt.date(year, month, 31 if month in (3, 12) else 30)
        points.append((last, Decimal(share)))
    if day <= points[0][0]:
        return Decimal(0)
    for (d0, f0), (d1, f1) in itertools.pairwise(points):
        if day <= d1:
            return f0 + (f1 - f0) * Decimal((day - d0).days) / Decimal((d1 - d0).days)
    return Decimal(points[-1][1])


def start_value(goal: Goal) -> Decimal:
    return goal.baseline if goal.kind == "increase_to" and goal.baseline is not None else Decimal(0)


def standing(goal: Goal, current: Decimal | None, day: dt.date, year: int) -> Standing:
    """Everything the dashboard shows about one indicator on ``day``."""
    fraction = scheduled_fraction(goal, day, year)
    if goal.target is None or current is None:
        return Standing(current, None, None, NO_DATA, None)
    start = start_value(goal)
    span = goal.target - start
    expected = goal.target if goal.kind in RATE_KINDS else start + span * fraction
    percent = _percent(current, start, span)
    status = _status(goal, current, expected, fraction)
    forecast = _forecast(goal, current, start, day, year)
    if goal.whole and goal.kind not in RATE_KINDS:
        expected, forecast = _whole(expected), _whole(forecast)
    return Standing(current, _q(expected), percent, status, forecast)


def _percent(current: Decimal, start: Decimal, span: Decimal) -> Decimal:
    if span == 0:
        return Decimal(100) if current >= start else Decimal(0)
    return _q((current - start) / span * 100)


def _reached(goal: Goal, current: Decimal) -> bool:
    if goal.kind == "growth_rate" and goal.target < 0:  # a decrease target (能耗下降4%)
        return current <= goal.target
    return current >= goal.target


def _status(goal: Goal, current: Decimal, expected: Decimal, fraction: Decimal) -> str:
    if goal.kind in RATE_KINDS:
        # a rate can fall back, so it is only "achieved" once the year is over
        if _reached(goal, current):
            return ACHIEVED if fraction >= 1 else ON_TRACK
        return BEHIND if fraction >= 1 or goal.target <= 0 else _shortfall(current, Decimal(0), expected)
    if _reached(goal, current):
        return ACHIEVED
    if goal.kind in BINARY_KINDS or fraction >= 1:
        # a yes/no target is on track until its date; any target short at its end is behind
        return BEHIND if fraction >= 1 else ON_TRACK
    start = start_value(goal)
    if current >= expected:
        return ON_TRACK
    return _shortfall(current, start, expected)


def _shortfall(current: Decimal, start: Decimal, expected: Decimal) -> str:
    done, due = current - start, expected - start
    if due > 0 and done >= due * AT_RISK_FLOOR:
        return AT_RISK
    return BEHIND


def _forecast(goal: Goal, current: Decimal, start: Decimal, day: dt.date, year: int) -> Decimal | None:
    """Year-end value if the pace so far (relative to the schedule) continues."""
    if goal.kind in BINARY_KINDS:
        return current
    if goal.kind in RATE_KINDS:
        return current  # already a year-on-year figure
    fraction = scheduled_fraction(Goal(goal.kind, goal.target, quarterly=goal.quarterly), day, year)
    if fraction >= 1:
        return current
    if fraction < FORECAST_MIN_FRACTION:
        return None
    return _q(start + (current - start) / fraction)


def rate_from_values(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Growth in % of this year's value over last year's (None when last year is 0 or unknown)."""
    if current is None or not previous:
        return None
    return _q((current / previous - 1) * 100)


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _whole(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
