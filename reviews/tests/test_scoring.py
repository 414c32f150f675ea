"""Score arithmetic: weighted sheets, aggregation methods, ranking, MAD outliers."""

from decimal import Decimal

import pytest

from reviews import scoring


def test_weighted_total_on_a_hundred_point_scale():
    rows = [(Decimal(8), Decimal("0.4"), 10), (Decimal(15), Decimal("0.6"), 20)]
    # 0.8*0.4 + 0.75*0.6 = 0.77
    assert scoring.weighted_total(rows) == Decimal("77.00")
    with pytest.raises(ValueError):
        scoring.weighted_total([])


def test_trimmed_mean_drops_extremes_only_with_four_or_more():
    assert scoring.trimmed_mean([10, 80, 82, 84, 100]) == pytest.approx(82)
    assert scoring.trimmed_mean([10, 80, 90]) == pytest.approx(60)


def test_normalisation_corrects_a_harsh_reviewer():
    # expert H is 20 points harsher on everything; after normalisation A and B tie as they should
    sheets = [("A", "L", 90), ("B", "L", 70), ("A", "H", 70), ("B", "H", 50), ("A", "M", 80), ("B", "M", 60)]
    plain = scoring.aggregate("mean", sheets)
    fixed = scoring.aggregate("normalised", sheets)
    assert plain["A"] > plain["B"]
    assert fixed["A"] > fixed["B"]
    # item C reviewed only by the harsh expert is lifted relative to its raw score
    sheets2 = [("A", "L", 90), ("B", "L", 70), ("A", "H", 60), ("C", "H", 60), ("B", "H", 40)]
    assert scoring.aggregate("normalised", sheets2)["C"] > 60
    with pytest.raises(ValueError):
        scoring.aggregate("median", sheets)


def test_rank_with_ties_and_funding_line():
    ranked = scoring.rank({"a": 90, "b": 85, "c": 85, "d": 70}, funding_count=2)
    assert [(r[0], r[2], r[3]) for r in ranked] == [("a", 1, True), ("b", 2, True), ("c", 2, True), ("d", 4, False)]


def test_outliers_by_median_absolute_deviation():
    assert scoring.outliers({"e1": 80, "e2": 82, "e3": 79, "e4": 81, "e5": 20}) == {"e5"}
    assert scoring.outliers({"e1": 80, "e2": 82, "e3": 79}) == set()
    assert scoring.outliers({"e1": 80, "e2": 80, "e3": 80, "e4": 80, "e5": 30}) == {"e5"}
    assert scoring.outliers({"e1": 80, "e2": 20}) == set()


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        ({"e1": 85, "e2": 85, "e3": 10}, {"e3"}),  # two agree exactly: the old rule capped z at 2.39
        ({"e1": 90, "e2": 70, "e3": 10}, {"e3"}),
        ({"e1": 88, "e2": 90, "e3": 98}, set()),  # within a few points: not implausible
        ({"e1": 80, "e2": 80, "e3": 80, "e4": 74}, set()),  # agreeing panel, small gap
        ({"e1": 90, "e2": 60, "e3": 30}, set()),  # no majority: nobody is the odd one out
    ],
)
def test_small_panels_flag_an_extreme_score(panel, expected):
    assert scoring.outliers(panel) == expected
