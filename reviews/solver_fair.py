"""The ``fair`` mode of the assignment solver: max-min of per-proposal affinity, with a certified bound.

Maximising the lowest per-proposal sum is NP-hard in general, so the mode combines

1. a certified **upper bound** ``U`` on that max-min (two relaxations, the smaller one counts):
   each proposal alone can get at most the sum of its ``k`` best eligible affinities (caps
   ignored), and the lowest sum can be at most the average, i.e. the exact optimum total
   (certified by :func:`solver.solve_optimal`) over the number of proposals;
2. a **floor** found by bisection: the highest pair threshold ``tau`` such that every proposal can
   receive its ``k`` reviewers among pairs scoring ``>= tau`` (a max-flow feasibility check over
   every eligible pair above the threshold).  Any such assignment serves each proposal at least
   ``k * tau``;
3. the **total** under that floor: the exact (certified) optimum of the problem restricted to pairs
   ``>= tau``.  When that total falls below ``min_total_share`` of the optimum, ``tau`` is
   lowered by bisection towards the optimal solution's own lowest pair;
4. **Lagrangian rounds** (:func:`_reweigh`): a pair floor does not protect a proposal's *sum*
   (a crowded discipline's proposals may all need out-of-field experts), so the worst-served
   proposals then gain weight in a weighted optimum, as long as the minimum rises.

Of the optimal, floored and reweighted solutions, the result is the one with the highest minimum (then
the highest total) whose total keeps ``min_total_share``; the optimum always qualifies, so
``fair`` is never worse than ``optimal`` on the minimum.  ``stats["upper_bound"]`` is ``U``.
"""

from __future__ import annotations

import numpy as np

from reviews import solver

BISECTION_STEPS = 12  # threshold steps of the feasibility search (cheap: a max flow each)
TOTAL_STEPS = 3  # threshold steps that re-solve the floored optimum (a full solve each)
MIN_TOTAL_SHARE = 0.98
REWEIGH_ROUNDS = 12  # weighted re-solves on the candidate arcs (no certificate: a heuristic)
REWEIGH_QUANTILES = (0.01, 0.5)  # proposals below this quantile of the sums gain weight (alternating)


def per_proposal_bound(problem: solver.Problem) -> np.ndarray:
    """Each proposal's best possible sum on its own: its ``k`` best eligible affinities."""
    n_p, n_e = problem.shape
    kmax = int(problem.k.max()) if n_p else 0
    best = np.zeros(n_p)
    if kmax == 0:
        return best
    for start in range(0, n_p, solver.ROW_BLOCK):
        stop = min(start + solver.ROW_BLOCK, n_p)
        block = np.where(problem.forbidden[start:stop], -np.inf, problem.affinity[start:stop].astype(np.float64))
        top = (
            -np.sort(-np.partition(block, n_e - kmax, axis=1)[:, n_e - kmax :], axis=1)
            if kmax < n_e
            else -np.sort(-block, axis=1)
        )
        sums = np.concatenate([np.zeros((stop - start, 1)), np.cumsum(top, axis=1)], axis=1)
        best[start:stop] = sums[np.arange(stop - start), problem.k[start:stop]]
    return best


def upper_bound(problem: solver.Problem, optimal: solver.Assignment) -> float:
    """A certified upper bound on the lowest per-proposal affinity of any feasible assignment."""
    n_p = problem.shape[0]
    alone = float(per_proposal_bound(problem).min())
    # The certified optimum is exact for integer costs rint(a * scale); the true optimum exceeds
    # the found total by at most one unit of 1/scale per assigned pair.
    slack = int(problem.k.sum()) / solver._scale_of(problem)
    average = (optimal.total_affinity + slack) / n_p if optimal.stats.get("certified") else np.inf
    return min(alone, average) + 1e-9


def _feasible_above(problem: solver.Problem, floors: np.ndarray) -> bool:
    """Can every proposal p get its k reviewers among eligible pairs scoring >= floors[p]?"""
    n_p = problem.shape[0]
    rows, cols = np.nonzero((problem.affinity >= floors[:, None]) & ~problem.forbidden)
    if (np.bincount(rows, minlength=n_p) < problem.k).any():
        return False  # a proposal has too few pairs above its floor: no flow needed
    return bool((solver.max_flow_served(problem, rows, cols) >= problem.k).all())


def _floored_optimum(problem: solver.Problem, floors: np.ndarray) -> solver.Assignment:
    """The exact (certified) optimum total when proposal p may only use pairs >= floors[p]."""
    restricted = solver.Problem(
        affinity=problem.affinity,
        k=problem.k,
        caps=problem.caps,
        forbidden=problem.forbidden | (problem.affinity < floors[:, None]),
    )
    result = solver.solve_optimal(restricted)
    return solver._result(problem, result.pairs, "fair", result.stats)


def _floor_search(
    problem: solver.Problem, optimal: solver.Assignment, base: np.ndarray, need: float, history: list
) -> solver.Assignment | None:
    """Floors ``base - delta``: bisection for the smallest feasible ``delta`` (max flow), then the
    floored optimum, with ``delta`` raised again while its total is below ``need``."""
    lowest = np.full(problem.shape[0], np.inf)
    pairs = optimal.pairs
    np.minimum.at(lowest, pairs[:, 0], problem.affinity[pairs[:, 0], pairs[:, 1]].astype(np.float64))
    slack = float(np.max(base - np.where(np.isfinite(lowest), lowest, base), initial=0.0))  # feasible
    tight, loose = 0.0, slack
    for _ in range(BISECTION_STEPS):
        if loose - tight < 1e-4:
            break
        middle = (tight + loose) / 2
        if _feasible_above(problem, base - middle):
            loose = middle
        else:
            tight = middle
    best = None
    for _ in range(TOTAL_STEPS + 1):
        if loose >= slack:
            break
        trial = _floored_optimum(problem, base - loose)
        history.append((round(loose, 6), trial.min_proposal_affinity, trial.total_affinity))
        if trial.total_affinity >= need - 1e-9:
            best = trial
            break
        loose = (loose + slack) / 2  # too costly in total: lower floors
    return best


def _better(a: solver.Assignment, b: solver.Assignment) -> bool:
    return (a.min_proposal_affinity, a.total_affinity) > (b.min_proposal_affinity, b.total_affinity)


def _reweigh(
    problem: solver.Problem,
    optimal: solver.Assignment,
    best: solver.Assignment,
    need: float,
    history: list,
) -> solver.Assignment:
    """Lagrangian rounds: the worst-served proposals weigh more in a weighted optimum.

    Proposals below a quantile of the per-proposal sums gain weight in proportion to their
    shortfall (multiplicatively).  The quantile alternates between the very worst (enough when a
    few proposals lag, as on the clustered benchmark) and the median (needed when a whole crowded
    discipline lags, as on the sparse CSV instance).  A trial is kept when its minimum is higher
    (its total keeping ``need``), otherwise the step halves.  The rounds reuse the optimal solve's candidate arcs
    (plus the pairs of the best solution) and skip the certificate: they are a heuristic, the
    bound does not depend on them.
    """
    rows = np.concatenate([optimal.arcs[0], best.pairs[:, 0]])
    cols = np.concatenate([optimal.arcs[1], best.pairs[:, 1]])
    keys = np.unique(rows * problem.shape[1] + cols)
    arcs = (keys // problem.shape[1], keys % problem.shape[1])
    weights, step = np.ones(problem.shape[0]), 1.0
    for round_no in range(REWEIGH_ROUNDS):
        per = best.per_proposal
        target = float(np.quantile(per, REWEIGH_QUANTILES[round_no % len(REWEIGH_QUANTILES)]))
        spread = max(target - float(per.min()), 1e-9)
        trial_weights = weights * (1.0 + step * np.clip((target - per) / spread, 0.0, 1.0))
        trial = solver.solve_optimal(problem, weights=trial_weights / trial_weights.max(), arcs=arcs, certify=False)
        history.append(("reweigh", trial.min_proposal_affinity, trial.total_affinity))
        if trial.total_affinity >= need - 1e-9 and _better(trial, best):
            best, weights = trial, trial_weights
        else:
            step /= 2
    return best


def solve_fair(problem: solver.Problem, min_total_share: float = MIN_TOTAL_SHARE) -> solver.Assignment:
    """Raise the worst-served proposal, keep ``min_total_share`` of the optimum total; see the module."""
    optimal = solver.solve_optimal(problem)
    bound = upper_bound(problem, optimal)
    need = min_total_share * optimal.total_affinity
    best, history = optimal, [("optimal", optimal.min_proposal_affinity, optimal.total_affinity)]
    # One floor for every pair.  (A floor relative to each proposal's own best k was tried on the
    # benchmark instances and never won: like any pair floor, it cannot protect a sum.)
    top = float(np.max(problem.affinity, where=~problem.forbidden, initial=0.0))
    trial = _floor_search(problem, optimal, np.full(problem.shape[0], top), need, history)
    if trial is not None and _better(trial, best):
        best = trial
    best = _reweigh(problem, optimal, best, need, history)
    best.mode = "fair"
    best.stats = {
        **best.stats,
        "certified": bool(optimal.stats.get("certified")),  # the optimum and the bound built on it
        "upper_bound": bound,
        "optimal_total": optimal.total_affinity,
        "optimal_min": optimal.min_proposal_affinity,
        "history": history,
    }
    return best
