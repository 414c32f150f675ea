"""Exhaustive optima, the yardsticks of the solver tests (tiny instances only)."""

import math
from collections.abc import Iterator
from itertools import combinations

import numpy as np

from reviews.solver import Problem


def _per_proposal_sums(problem: Problem) -> Iterator[list[float]]:
    """Every feasible assignment, as its list of per-proposal affinity sums."""
    n_p, n_e = problem.shape
    options = []
    for p in range(n_p):
        allowed = [e for e in range(n_e) if not problem.forbidden[p, e]]
        options.append(list(combinations(allowed, int(problem.k[p]))))
    load = np.zeros(n_e, dtype=np.int64)
    sums: list[float] = []

    def rec(p: int) -> Iterator[list[float]]:
        if p == n_p:
            yield sums
            return
        for combo in options[p]:
            idx = list(combo)
            if (load[idx] >= problem.caps[idx]).any():
                continue
            load[idx] += 1
            sums.append(float(problem.affinity[p, idx].astype(np.float64).sum()))
            yield from rec(p + 1)
            sums.pop()
            load[idx] -= 1

    yield from rec(0)


def brute_force_optimum(problem: Problem) -> float:
    """Exhaustive optimum of the total affinity (-inf when infeasible)."""
    return max((sum(sums) for sums in _per_proposal_sums(problem)), default=-math.inf)


def brute_force_maxmin(problem: Problem) -> float:
    """Exhaustive max-min of the per-proposal affinity (-inf when infeasible)."""
    return max((min(sums, default=0.0) for sums in _per_proposal_sums(problem)), default=-math.inf)
