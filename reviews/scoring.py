"""Score arithmetic (pure Python): weighted sheets, aggregation, ranking, MAD outliers.

* weighted_total: each criterion's value / its max score, weighted, on a 0–100 scale.
* mean; trimmed mean (drop one highest and one lowest when there are at least 4 scores);
  normalised: each expert's scores in the round become z-scores against that expert's own mean
  and spread (a harsh reviewer's 60 may equal a lenient one's 85), then the item's mean z is mapped
  back onto the round's overall mean and spread.
* outliers: modified z = 0.6745 (x - median) / MAD (Iglewicz & Hoaglin) of a score against the
  rest of its panel (leave-one-out, so that small panels can flag at all), |z| > 3.5 and at least
  20 points away from the others' median.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

OUTLIER_Z = 3.5
OUTLIER_POINTS = 20.0  # score points on the 0-100 scale
MIN_SPREAD = 5.0  # score points; see outliers()
TWO_PLACES = Decimal("0.01")


def weighted_total(values: Iterable[tuple[Decimal, Decimal, int]]) -> Decimal:
    """(value, weight, max_score) per criterion → 0–100, rounded half-up to 2 places."""
    rows = list(values)
    weight_sum = sum((w for _, w, _ in rows), Decimal(0))
    if not rows or weight_sum == 0:
        raise ValueError("a score sheet needs at least one weighted criterion")
    total = sum((Decimal(v) / Decimal(m) * w for v, w, m in rows), Decimal(0)) / weight_sum * 100
    return total.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(scores: list[float]) -> float:
    return statistics.fmean(scores)


def trimmed_mean(scores: list[float]) -> float:
    if len(scores) < 4:
        return statistics.fmean(scores)
    ordered = sorted(scores)
    return statistics.fmean(ordered[1:-1])


def normalised_means(sheets: list[tuple[str, str, float]]) -> dict[str, float]:
    """sheets: (item, expert, score). Returns item → score corrected for harsh/lenient experts."""
    by_expert: dict[str, list[float]] = defaultdict(list)
    for _, expert, score in sheets:
        by_expert[expert].append(score)
    all_scores = [s for _, _, s in sheets]
    centre = statistics.fmean(all_scores)
    spread = statistics.pstdev(all_scores) or 1.0
    stats = {}
    for expert, values in by_expert.items():
        sd = statistics.pstdev(values) if len(values) > 1 else 0.0
        stats[expert] = (statistics.fmean(values), sd or spread)
    z_by_item: dict[str, list[float]] = defaultdict(list)
    for item, expert, score in sheets:
        mu, sd = stats[expert]
        # An expert with a single sheet has no own scale: compare with the round instead.
        z_by_item[item].append((score - mu) / sd if len(by_expert[expert]) > 1 else (score - centre) / spread)
    return {item: centre + spread * statistics.fmean(zs) for item, zs in z_by_item.items()}


def aggregate(method: str, sheets: list[tuple[str, str, float]]) -> dict[str, float]:
    """Item → aggregated score with the round's method ("mean", "trimmed", "normalised")."""
    if not sheets:
        return {}
    if method == "normalised":
        return normalised_means(sheets)
    per_item: dict[str, list[float]] = defaultdict(list)
    for item, _, score in sheets:
        per_item[item].append(score)
    func = trimmed_mean if method == "trimmed" else mean
    if method not in ("mean", "trimmed"):
        raise ValueError(f"unknown aggregation method {method!r}")
    return {item: func(values) for item, values in per_item.items()}


def rank(scores: dict[str, float], funding_count: int) -> list[tuple[str, float, int, bool]]:
    """(item, score, rank, above the funding line), best first; ties share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    result = []
    previous, previous_rank = None, 0
    for position, (item, score) in enumerate(ordered, start=1):
        current = previous_rank if previous is not None and round(score, 6) == round(previous, 6) else position
        result.append((item, score, current, current <= funding_count))
        previous, previous_rank = score, current
    return result


def outliers(scores: dict[str, float], threshold: float = OUTLIER_Z) -> set[str]:
    """Experts (keys) whose score on one item is far from the rest of its panel (needs >= 3 scores).

    Each score is compared with the *other* scores only (leave-one-out). Measured with the
    candidate inside the sample, a single extreme score inflates the spread it is judged by: on a
    three-expert panel where two agree exactly (85, 85, 10) the modified z of the 10 can never
    exceed 3 / 1.2533 = 2.39, so the usual rule stays silent exactly where it matters. Against the
    others, the 10 sits 75 points below their median.

    The others' spread is floored at ``MIN_SPREAD`` points, so that two experts agreeing exactly do
    not turn any small difference into an infinite z; and a flag also needs a gap of at least
    ``OUTLIER_POINTS`` on the 0-100 scale, a difference an officer would call implausible.
    """
    if len(scores) < 3:
        return set()
    flagged = set()
    for key, value in scores.items():
        others = [v for k, v in scores.items() if k != key]
        centre = statistics.median(others)
        mad = statistics.median(abs(v - centre) for v in others)
        spread = max(mad / 0.6745, MIN_SPREAD)
        gap = abs(value - centre)
        if gap >= OUTLIER_POINTS and gap / spread > threshold:
            flagged.add(key)
    return flagged
