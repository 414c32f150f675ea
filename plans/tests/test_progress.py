"""Expected-by-today, % complete, status and forecast (pure; runs with -p no:django too)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from plans.progress import (
    ACHIEVED,
    AT_RISK,
    BEHIND,
    NO_DATA,
    ON_TRACK,
    Goal,
    rate_from_values,
    scheduled_fraction,
    standing,
    year_fraction,
)

Y = 2008  # a leap year: 366 days


def test_year_fraction_bounds_and_midyear():
    assert year_fraction(dt.date(2007, 12, 31), Y) == 0
    assert year_fraction(dt.date(2008, 12, 31), Y) == 1
    assert year_fraction(dt.date(2009, 3, 1), Y) == 1
    assert year_fraction(dt.date(2008, 1, 1), Y) == D(1) / D(366)
    assert year_fraction(dt.date(2008, 6, 30), Y) == D(182) / D(366)


def test_linear_count_target_midyear():
    goal = Goal("reach", D(100))
    s = standing(goal, D(40), dt.date(2008, 6, 30), Y)
    assert s.expected == D("49.73")
    assert s.percent == D("40.00")
    assert s.status == AT_RISK  # 40 ≥ 80% of 49.73
    assert s.forecast == D("80.44")  # 40 / (182/366)


@pytest.mark.parametrize(
    ("current", "status"),
    [(D(100), ACHIEVED), (D(130), ACHIEVED), (D(50), ON_TRACK), (D(40), AT_RISK), (D(30), BEHIND)],
)
def test_status_thresholds(current, status):
    assert standing(Goal("at_least", D(100)), current, dt.date(2008, 6, 30), Y).status == status


def test_increase_to_counts_from_the_baseline():
    goal = Goal("increase_to", D(387), baseline=D(318))
    s = standing(goal, D(353), dt.date(2008, 6, 30), Y)
    assert s.percent == D("50.72")  # (353-318)/(387-318)
    assert s.expected == D("352.31")  # 318 + 69 * 182/366
    assert s.status == ON_TRACK
    assert s.forecast == D("388.38")


def test_quarterly_milestones_interpolate():
    goal = Goal("reach", D(100), quarterly=(D("0.1"), D("0.3"), D("0.6"), D("1")))
    assert scheduled_fraction(goal, dt.date(2008, 3, 31), Y) == D("0.1")
    assert scheduled_fraction(goal, dt.date(2008, 6, 30), Y) == D("0.3")
    assert D("0.3") < scheduled_fraction(goal, dt.date(2008, 8, 15), Y) < D("0.6")
    assert scheduled_fraction(goal, dt.date(2008, 12, 31), Y) == 1
    assert scheduled_fraction(goal, dt.date(2007, 12, 1), Y) == 0
    s = standing(goal, D(30), dt.date(2008, 6, 30), Y)
    assert (s.expected, s.status, s.forecast) == (D("30.00"), ON_TRACK, D("100.00"))


def test_short_at_year_end_is_behind_not_at_risk():
    assert standing(Goal("reach", D(100)), D(90), dt.date(2008, 12, 31), Y).status == BEHIND


def test_deadline_and_rank_are_binary():
    goal = Goal("deadline", D(1), deadline=dt.date(2008, 6, 30))
    assert standing(goal, D(0), dt.date(2008, 5, 1), Y).status == ON_TRACK
    assert standing(goal, D(0), dt.date(2008, 7, 1), Y).status == BEHIND
    assert standing(goal, D(1), dt.date(2008, 7, 1), Y).status == ACHIEVED
    rank = Goal("keep_rank", D(1))
    assert standing(rank, D(0), dt.date(2008, 12, 31), Y).status == BEHIND


def test_rates_hold_all_year_and_are_achieved_only_at_year_end():
    goal = Goal("growth_rate", D(20))
    assert standing(goal, D(25), dt.date(2008, 6, 30), Y).status == ON_TRACK
    assert standing(goal, D(25), dt.date(2008, 12, 31), Y).status == ACHIEVED
    assert standing(goal, D(17), dt.date(2008, 6, 30), Y).status == AT_RISK
    assert standing(goal, D(5), dt.date(2008, 6, 30), Y).status == BEHIND
    assert standing(goal, D(17), dt.date(2008, 6, 30), Y).expected == D(20)


def test_decrease_target():
    goal = Goal("growth_rate", D(-4))
    assert standing(goal, D(-5), dt.date(2008, 12, 31), Y).status == ACHIEVED
    assert standing(goal, D(-1), dt.date(2008, 12, 31), Y).status == BEHIND


def test_no_data_and_early_forecast():
    assert standing(Goal("reach", D(10)), None, dt.date(2008, 6, 1), Y).status == NO_DATA
    assert standing(Goal("reach", None), D(3), dt.date(2008, 6, 1), Y).status == NO_DATA
    assert standing(Goal("reach", D(10)), D(1), dt.date(2008, 1, 5), Y).forecast is None


def test_rate_from_values():
    assert rate_from_values(D(120), D(100)) == D("20.00")
    assert rate_from_values(D(90), D(100)) == D("-10.00")
    assert rate_from_values(D(5), D(0)) is None
    assert rate_from_values(None, D(3)) is None
