"""Every scoring rule, the rank, the veto condition and the grade, on plain numbers."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from assessment import scoring

SCHEME = SimpleNamespace(excellent_min=D(80), pass_min=D(60), grade_excellent="先进", grade_pass="合格",
                         grade_fail="不合格")


@pytest.mark.parametrize(("value", "expected"), [
    (None, D("0")), (D("-1"), D("0")), (D("0.5"), D("0")), (D("1.25"), D("5.00")), (D("2"), D("10.00")),
    (D("9"), D("10.00")),
])
def test_linear_from_floor_to_target(value, expected):
    assert scoring.linear(value, D(10), D("0.5"), D("2")) == expected


def test_linear_lower_is_better():
    # credit events: 3 or more → 0, none → full weight, 1 → two thirds
    assert scoring.linear(D(0), D(4), D(3), D(0)) == D("4.00")
    assert scoring.linear(D(1), D(4), D(3), D(0)) == D("2.67")
    assert scoring.linear(D(5), D(4), D(3), D(0)) == D("0")


def test_yes_no():
    assert scoring.yes_no(D(1), D(2)) == D("2.00")
    assert scoring.yes_no(D(0), D(2)) == D("0")
    assert scoring.yes_no(None, D(2)) == D("0")


@pytest.mark.parametrize(("value", "expected"), [
    (D("0.4"), D("0")), (D("0.5"), D("4.00")), (D("1.2"), D("7.00")), (D("1.5"), D("10.00")), (None, D("0")),
])
def test_tiers_highest_threshold_reached(value, expected):
    assert scoring.tiers(value, D(10), [[1.5, 1], [1.0, 0.7], [0.5, 0.4]]) == expected


def test_competition_ranks_ties_share_a_place_missing_last():
    assert scoring.ranks({"a": D(5), "b": D(9), "c": D(5), "d": D(1), "e": None}) == {
        "b": 1, "a": 2, "c": 2, "d": 4, "e": 5,
    }


def test_by_rank_first_full_last_zero_even_between():
    scores = scoring.by_rank({"a": D(30), "b": D(20), "c": D(10)}, D(10))
    assert scores == {"a": D("10.00"), "b": D("5.00"), "c": D("0.00")}


def test_by_rank_single_county_and_missing_value():
    assert scoring.by_rank({"a": D(3)}, D(8)) == {"a": D("8.00")}
    assert scoring.by_rank({"a": D(3), "b": None}, D(8)) == {"a": D("8.00"), "b": D("0")}


def test_veto_conditions():
    assert scoring.veto_passes("gte", D("1.0"), D("1.0"), None)
    assert not scoring.veto_passes("gte", D("0.9"), D("1.0"), None)
    assert scoring.veto_passes("gte", D("8"), None, D("8"))  # growth not below revenue growth
    assert not scoring.veto_passes("gte", D("7.9"), None, D("8"))
    assert scoring.veto_passes("yes", D(1), None, None)
    assert not scoring.veto_passes("yes", D(0), None, None)
    assert not scoring.veto_passes("gte", None, D(1), None)  # not reported → fails


def test_grade_bands_and_veto_caps_the_grade():
    assert scoring.grade(D(80), False, SCHEME) == "先进"
    assert scoring.grade(D("79.99"), False, SCHEME) == "合格"
    assert scoring.grade(D(59), False, SCHEME) == "不合格"
    assert scoring.grade(D(99), True, SCHEME) == "合格"  # a vetoed county is never 先进
    assert scoring.grade(D(40), True, SCHEME) == "不合格"
