"""Exhaustive optimum of the total affinity, the yardstick of the solver tests (tiny instances only)."""

import math
from itertools import combinations

import numpy as np

from reviews.solver import Problem


def brute_force_optimum(problem: Problem) -> float:
    """Exhaustive optimum of the total affinity; only for tiny instances (tests)."""
    n_p, n_e = problem.shape
    best = -math.inf
    options = []
    for p in range(n_p):
        allowed = [e for e in range(n_e) if not problem.forbidden[p, e]]
        options.append(list(combinations(allowed, int(problem.k[p]))))

    def rec(p: int, load: np.ndarray, acc: float) -> None:
        nonlocal best
        if p == n_p:
            best = max(best, acc)
            return
        for combo in options[p]:
            idx = list(combo)
            if (load[idx] >= problem.caps[idx]).any():
                continue
            load[idx] += 1
            rec(p + 1, load, acc + float(problem.affinity[p, idx].astype(np.float64).sum()))
            load[idx] -= 1

    rec(0, np.zeros(n_e, dtype=np.int64), 0.0)
    return best
