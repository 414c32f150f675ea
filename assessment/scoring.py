"""Scoring rules, the veto and the grade: pure functions over numbers, tested one by one.

Every indicator scores between 0 and its weight:

* linear — 0 at or below the floor, the full weight at or above the target, proportional in
  between (a target below the floor means "lower is better", e.g. credit events);
* rank — counties ranked by value, highest first, ties sharing a place; first place gets the
  weight, last place 0, evenly in between (a single county gets the weight);
* yes/no — the weight for "yes" (any value above 0), else 0;
* tiers — the share of the weight of the highest threshold reached ([[20, 1], [10, 0.6]]).

A missing value scores 0.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def linear(value: Decimal | None, weight: Decimal, floor: Decimal, target: Decimal) -> Decimal:
    if value is None:
        return ZERO
    share = (value - floor) / (target - floor)
    return _cents(weight * min(max(share, ZERO), Decimal(1)))


def yes_no(value: Decimal | None, weight: Decimal) -> Decimal:
    return _cents(weight) if value is not None and value > 0 else ZERO


def tiers(value: Decimal | None, weight: Decimal, table: list) -> Decimal:
    if value is None:
        return ZERO
    reached = [Decimal(str(share)) for threshold, share in table if value >= Decimal(str(threshold))]
    return _cents(weight * max(reached)) if reached else ZERO


def ranks(values: dict, higher_is_better: bool = True) -> dict:
    """Competition ranking (1, 2, 2, 4) of the keys by value; missing values come last."""
    present = {key: value for key, value in values.items() if value is not None}
    ordered = sorted(present.values(), reverse=higher_is_better)
    result = {key: ordered.index(value) + 1 for key, value in present.items()}
    last = len(present) + 1
    result.update({key: last for key in values if key not in present})
    return result


def by_rank(values: dict, weight: Decimal) -> dict:
    """Each key's score from its rank among all the keys."""
    places = ranks(values)
    count = len(values)
    if count <= 1:
        return {key: (_cents(weight) if values[key] is not None else ZERO) for key in values}
    return {
        key: (_cents(weight * Decimal(count - places[key]) / Decimal(count - 1)) if values[key] is not None else ZERO)
        for key in values
    }


def veto_passes(op: str, value: Decimal | None, threshold: Decimal | None, other: Decimal | None) -> bool:
    """A missing figure fails its veto item: the county must show it meets the condition."""
    if value is None:
        return False
    if op == "yes":
        return value > 0
    bar = threshold if threshold is not None else other
    return bar is not None and value >= bar


def grade(score: Decimal, vetoed: bool, scheme) -> str:
    """先进 / 合格 / 不合格 (or the scheme's names); a vetoed county is never in the top grade."""
    if score >= scheme.excellent_min and not vetoed:
        return scheme.grade_excellent
    if score >= scheme.pass_min:
        return scheme.grade_pass
    return scheme.grade_fail
