"""Assignment of review experts to proposals (pure Python + numpy + OR-Tools; no Django).

Problem: a dense affinity matrix ``A`` (proposals x experts), a set of forbidden pairs
(conflicts of interest, blacklisted experts), ``k[p]`` reviewers per proposal and a load cap
``cap[e]`` per expert.  Every proposal receives exactly ``k[p]`` distinct eligible experts and
no expert exceeds its cap.

Modes
-----
``optimal``  maximise the total affinity.  It is a min-cost flow
             (source -> proposal [cap k_p] -> expert [cap 1, cost -a_pe] -> sink [cap cap_e]),
             solved with OR-Tools on integer-scaled costs.
``fair``     first raise the worst-served proposal (minimum per-proposal affinity), then the
             total, with a certified upper bound on the max-min: see :mod:`reviews.solver_fair`.
``random``   see :func:`draw_random` — a replayable draw (随机抽取) from eligible experts.

Large instances: candidate sparsification with an exactness certificate
----------------------------------------------------------------------
A 10000 x 5000 instance has 50 M pairs; a flow network of that size is too slow.  We build the
network on candidate arcs only: the top-L experts of every proposal plus the top-M proposals of
every expert (the latter keeps every expert's capacity reachable, so the sparse network stays
feasible when a discipline cluster's own experts run out).  If the sparse network is infeasible,
L and M are doubled, ending with all eligible pairs (the true feasibility test).

The sparse optimum is then *certified* against the full problem with LP duality: the node
potentials ``d`` of the optimal residual network (shortest distances, computed by a vectorised
Bellman-Ford) make every residual arc's reduced cost non-negative.  A left-out pair (p, e) could
improve the solution only if its reduced cost ``-q_pe + d_p - d_e`` is negative.  We scan all
left-out eligible pairs in row blocks; if none is negative, the sparse optimum is the optimum of
the full network (no negative cycle can use a left-out arc), otherwise the violating arcs are
added and the flow is re-solved (column generation).  So the result of ``optimal`` is exact for
the integer-scaled costs, on every size; the scaling error is at most ``0.5 / scale`` per
assigned pair (scale = 10^6 for affinities in [0, 1]).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

# Affinities are scaled to integers so that |affinity| max maps to this value.
COST_SCALE = 1_000_000
ROW_BLOCK = 1024  # rows per block when scanning the dense matrix (memory bound)


class InfeasibleError(ValueError):
    """No assignment satisfies k, caps and conflicts; ``detail`` says why."""

    def __init__(self, message: str, detail: dict | None = None):
        super().__init__(message)
        self.detail = detail or {}


@dataclass
class Problem:
    """An assignment instance in index space (proposal i, expert j)."""

    affinity: np.ndarray  # (P, E) float
    k: np.ndarray  # (P,) int, reviewers per proposal
    caps: np.ndarray  # (E,) int, load cap per expert
    forbidden: np.ndarray = field(default=None)  # (P, E) bool, True = not allowed

    @classmethod
    def build(
        cls,
        affinity,
        k: int | Sequence[int],
        caps: int | Sequence[int],
        conflicts: Iterable[tuple[int, int]] | np.ndarray | None = None,
    ) -> Problem:
        a = np.asarray(affinity, dtype=np.float32)
        if a.ndim != 2:
            raise ValueError("affinity must be a 2-D matrix (proposals x experts)")
        n_p, n_e = a.shape
        k_arr = _broadcast_int(k, n_p, "k")
        cap_arr = _broadcast_int(caps, n_e, "caps")
        forbidden = np.zeros((n_p, n_e), dtype=bool)
        if conflicts is not None:
            pairs = np.asarray(list(conflicts) if not isinstance(conflicts, np.ndarray) else conflicts)
            if pairs.size:
                pairs = pairs.reshape(-1, 2).astype(np.int64)
                forbidden[pairs[:, 0], pairs[:, 1]] = True
        forbidden |= ~np.isfinite(a)
        return cls(affinity=a, k=k_arr, caps=cap_arr, forbidden=forbidden)

    @property
    def shape(self) -> tuple[int, int]:
        return self.affinity.shape


@dataclass
class Assignment:
    """The result: assigned (proposal, expert) index pairs and quality figures."""

    pairs: np.ndarray  # (n, 2) int
    mode: str
    total_affinity: float
    min_proposal_affinity: float
    per_proposal: np.ndarray  # (P,) sum of affinities of the assigned experts
    stats: dict = field(default_factory=dict)
    arcs: tuple | None = field(default=None, repr=False)  # candidate arcs used (reused by fair)


def _broadcast_int(value, n: int, name: str) -> np.ndarray:
    arr = np.asarray(value, dtype=np.int64)
    if arr.ndim == 0:
        arr = np.full(n, int(arr), dtype=np.int64)
    if arr.shape != (n,):
        raise ValueError(f"{name} must be a scalar or have length {n}")
    if (arr < 0).any():
        raise ValueError(f"{name} must not be negative")
    return arr


# --------------------------------------------------------------------------- quality checks


def evaluate(problem: Problem, pairs: np.ndarray) -> dict:
    """Independent check of a solution: totals and every violated constraint."""
    n_p, n_e = problem.shape
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    per = np.zeros(n_p)
    np.add.at(per, pairs[:, 0], problem.affinity[pairs[:, 0], pairs[:, 1]].astype(np.float64))
    per_count = np.bincount(pairs[:, 0], minlength=n_p)
    load = np.bincount(pairs[:, 1], minlength=n_e)
    duplicates = len(pairs) - np.unique(pairs[:, 0] * n_e + pairs[:, 1]).size
    return {
        "total_affinity": float(per.sum()),
        "min_proposal_affinity": float(per.min()) if n_p else 0.0,
        "per_proposal": per,
        "conflicts_violated": int(problem.forbidden[pairs[:, 0], pairs[:, 1]].sum()),
        "caps_violated": int((load > problem.caps).sum()),
        "k_violated": int((per_count != problem.k).sum()),
        "duplicates": int(duplicates),
    }


def _result(problem: Problem, pairs: np.ndarray, mode: str, stats: dict) -> Assignment:
    ev = evaluate(problem, pairs)
    return Assignment(
        pairs=pairs,
        mode=mode,
        total_affinity=ev["total_affinity"],
        min_proposal_affinity=ev["min_proposal_affinity"],
        per_proposal=ev["per_proposal"],
        stats=stats,
    )


# --------------------------------------------------------------------------- flow network


def _scale_of(problem: Problem) -> float:
    a = problem.affinity
    finite = np.isfinite(a)
    top = max(float(np.max(a, where=finite, initial=0.0)), -float(np.min(a, where=finite, initial=0.0)))
    return COST_SCALE / max(top, 1.0)


def _quantise(values: np.ndarray, scale: float) -> np.ndarray:
    """Integer costs. float32 input is scaled in float32 so that the arc costs and the
    certificate's block scan round identically (same operation on the same values)."""
    if values.dtype == np.float32:
        return np.rint(values * np.float32(scale)).astype(np.int64)
    return np.rint(values.astype(np.float64) * scale).astype(np.int64)


def _check_capacity(problem: Problem) -> None:
    """Cheap necessary conditions, so the common mistakes get a clear message."""
    demand = int(problem.k.sum())
    supply = int(problem.caps.sum())
    if supply < demand:
        raise InfeasibleError(
            f"total expert capacity {supply} is below the {demand} reviews needed",
            {"demand": demand, "capacity": supply},
        )
    eligible_per_row = (~problem.forbidden & (problem.caps > 0)[None, :]).sum(axis=1)
    short = np.flatnonzero(eligible_per_row < problem.k)
    if short.size:
        raise InfeasibleError(
            f"{short.size} proposal(s) have fewer eligible experts than reviewers required",
            {"proposals": short.tolist()},
        )


def _solve_flow(problem: Problem, rows: np.ndarray, cols: np.ndarray, costs: np.ndarray):
    """Max flow with min cost on the candidate arcs; returns (assigned mask over arcs, feasible)."""
    n_p, n_e = problem.shape
    source, sink = n_p + n_e, n_p + n_e + 1
    demand = int(problem.k.sum())
    smcf = min_cost_flow.SimpleMinCostFlow()
    p_nodes = np.arange(n_p, dtype=np.int64)
    e_nodes = np.arange(n_e, dtype=np.int64) + n_p
    zeros_p = np.zeros(n_p, dtype=np.int64)
    zeros_e = np.zeros(n_e, dtype=np.int64)
    smcf.add_arcs_with_capacity_and_unit_cost(np.full(n_p, source, dtype=np.int64), p_nodes, problem.k, zeros_p)
    first_pair_arc = n_p
    smcf.add_arcs_with_capacity_and_unit_cost(
        rows.astype(np.int64), cols.astype(np.int64) + n_p, np.ones(len(rows), dtype=np.int64), costs
    )
    smcf.add_arcs_with_capacity_and_unit_cost(e_nodes, np.full(n_e, sink, dtype=np.int64), problem.caps, zeros_e)
    smcf.set_node_supply(source, demand)
    smcf.set_node_supply(sink, -demand)
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise InfeasibleError(f"min-cost flow failed with status {status}")
    arc_ids = np.arange(first_pair_arc, first_pair_arc + len(rows), dtype=np.int64)
    flows = smcf.flows(arc_ids)
    return flows > 0, smcf.maximum_flow() == demand


def max_flow_served(problem: Problem, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Reviewers each proposal gets in a maximum flow over the given arcs (no costs: fast)."""
    n_p, n_e = problem.shape
    source, sink = n_p + n_e, n_p + n_e + 1
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(np.full(n_p, source), np.arange(n_p), problem.k)
    flow.add_arcs_with_capacity(rows.astype(np.int64), cols.astype(np.int64) + n_p, np.ones(rows.size, dtype=np.int64))
    flow.add_arcs_with_capacity(np.arange(n_e) + n_p, np.full(n_e, sink), problem.caps)
    status = flow.solve(source, sink)
    if status != flow.OPTIMAL:
        raise InfeasibleError(f"max flow failed with status {status}")
    return flow.flows(np.arange(n_p))  # the source arcs come first


def _top_candidates(problem: Problem, row_l: int, col_m: int) -> tuple[np.ndarray, np.ndarray]:
    """Union of top-``row_l`` experts per proposal and top-``col_m`` proposals per expert."""
    n_p, n_e = problem.shape
    masked = problem.affinity
    chosen = np.zeros((n_p, n_e), dtype=bool)
    l_eff = min(row_l, n_e)
    for start in range(0, n_p, ROW_BLOCK):
        block = np.where(problem.forbidden[start : start + ROW_BLOCK], -np.inf, masked[start : start + ROW_BLOCK])
        if l_eff < n_e:
            idx = np.argpartition(-block, l_eff - 1, axis=1)[:, :l_eff]
        else:
            idx = np.broadcast_to(np.arange(n_e), block.shape)
        rr = np.repeat(np.arange(block.shape[0]), idx.shape[1]) + start
        chosen[rr, idx.ravel()] = True
    m_eff = min(col_m, n_p)
    for start in range(0, n_e, ROW_BLOCK):
        # one contiguous (experts x proposals) block: partitioning along rows is much faster
        cols = slice(start, start + ROW_BLOCK)
        block = np.where(problem.forbidden[:, cols].T, -np.inf, masked[:, cols].T)
        if m_eff < n_p:
            idx = np.argpartition(-block, m_eff - 1, axis=1)[:, :m_eff]
        else:
            idx = np.broadcast_to(np.arange(n_p), block.shape)
        cc = np.repeat(np.arange(block.shape[0]), idx.shape[1]) + start
        chosen[idx.ravel(), cc] = True
    chosen &= ~problem.forbidden
    rows, cols = np.nonzero(chosen)
    return rows, cols


def _with_short_rows(problem: Problem, rows, cols, served) -> tuple[np.ndarray, np.ndarray]:
    """The candidate arcs plus every eligible arc of the proposals the flow left short."""
    short = np.flatnonzero(served < problem.k)
    in_graph = np.zeros((short.size, problem.shape[1]), dtype=bool)
    position = np.full(problem.shape[0], -1, dtype=np.int64)
    position[short] = np.arange(short.size)
    mine = position[rows] >= 0
    in_graph[position[rows[mine]], cols[mine]] = True
    extra_r, extra_c = np.nonzero(~problem.forbidden[short] & ~in_graph)
    return np.concatenate([rows, short[extra_r]]), np.concatenate([cols, extra_c])


def _potentials(problem: Problem, rows, cols, costs, assigned) -> np.ndarray:
    """Shortest-path node potentials of the optimal residual network (vectorised Bellman-Ford).

    Nodes: proposals 0..P-1, experts P..P+E-1, source, sink.  A virtual root reaches every node
    at cost 0, so all distances start at 0 and only decrease.
    """
    n_p, n_e = problem.shape
    source, sink = n_p + n_e, n_p + n_e + 1
    e_nodes = cols + n_p
    load = np.bincount(cols[assigned], minlength=n_e)
    ex = np.arange(n_e) + n_p
    tails = [
        rows[~assigned],  # proposal -> expert, unused pair arc
        e_nodes[assigned],  # expert -> proposal, reverse of a used pair arc
        np.arange(n_p),  # proposal -> source, reverse of the (saturated) source arc
        ex[load < problem.caps],  # expert -> sink, spare capacity
        np.full(int((load > 0).sum()), sink),  # sink -> expert, reverse of used capacity
    ]
    heads = [
        e_nodes[~assigned],
        rows[assigned],
        np.full(n_p, source),
        np.full(int((load < problem.caps).sum()), sink),
        ex[load > 0],
    ]
    weights = [
        costs[~assigned],
        -costs[assigned],
        np.zeros(n_p, dtype=np.int64),
        np.zeros(len(heads[3]), dtype=np.int64),
        np.zeros(len(heads[4]), dtype=np.int64),
    ]
    u = np.concatenate(tails).astype(np.int64)
    v = np.concatenate(heads).astype(np.int64)
    w = np.concatenate(weights).astype(np.int64)
    order = np.argsort(v, kind="stable")
    u, v, w = u[order], v[order], w[order]
    heads_unique, starts = np.unique(v, return_index=True)
    dist = np.zeros(n_p + n_e + 2, dtype=np.int64)
    for _ in range(n_p + n_e + 2):
        best = np.minimum.reduceat(dist[u] + w, starts)
        improved = best < dist[heads_unique]
        if not improved.any():
            return dist
        dist[heads_unique[improved]] = best[improved]
    raise RuntimeError("negative cycle in an optimal residual network")  # cannot happen


def _violations(
    problem: Problem,
    scale: float,
    dist: np.ndarray,
    in_graph: np.ndarray,
    weights: np.ndarray | None = None,
    limit: int = 2_000_000,
):
    """Left-out eligible pairs with negative reduced cost (they could improve the solution)."""
    n_p, n_e = problem.shape
    d_e = dist[n_p : n_p + n_e]
    found_r, found_c = [], []
    for start in range(0, n_p, ROW_BLOCK):
        stop = min(start + ROW_BLOCK, n_p)
        block = problem.affinity[start:stop]
        if weights is not None:
            block = block.astype(np.float64) * weights[start:stop, None]
        # Cheap float screen first (one unit of slack covers rounding), exact integers after.
        bound = (dist[start:stop, None] - d_e[None, :]).astype(np.float64)
        maybe = (block * scale > bound - 1.0) & ~problem.forbidden[start:stop] & ~in_graph[start:stop]
        r, c = np.nonzero(maybe)
        exact = _quantise(block[r, c], scale) > (dist[r + start] - d_e[c])
        found_r.append(r[exact] + start)
        found_c.append(c[exact])
    rows = np.concatenate(found_r)
    cols = np.concatenate(found_c)
    return rows[:limit], cols[:limit]


def solve_optimal(
    problem: Problem,
    row_l: int | None = None,
    col_m: int | None = None,
    weights: np.ndarray | None = None,
    arcs: tuple[np.ndarray, np.ndarray] | None = None,
    certify: bool = True,
) -> Assignment:
    """Maximise total (optionally proposal-weighted) affinity; exact, certified by duality.

    ``arcs`` reuses a feasible candidate set from an earlier solve; ``certify=False`` skips the
    full-matrix duality scan (the fair mode's inner rounds, which are heuristic anyway).
    """
    _check_capacity(problem)
    n_p, n_e = problem.shape
    kmax = int(problem.k.max()) if n_p else 0
    row_l = row_l or max(3 * kmax, kmax + 10)
    col_m = col_m or max(2 * int(problem.caps.max()) if n_e else 0, 4)
    scale = _scale_of(problem)
    rows, cols = arcs if arcs is not None else _top_candidates(problem, row_l, col_m)
    stats = {"widenings": 0, "certificate_rounds": 0, "added_arcs": 0}
    served = max_flow_served(problem, rows, cols)
    if (served < problem.k).any():
        # Repair before any costly solve: every eligible arc of the proposals a maximum flow leaves
        # short.  A crowded cluster's proposals then reach the experts with spare capacity
        # directly, which is usually enough, at the price of a few dense rows instead of a
        # doubled network.
        rows, cols = _with_short_rows(problem, rows, cols, served)
        stats["repairs"] = 1
    while True:
        costs = _arc_costs(problem, rows, cols, scale, weights)
        assigned, feasible = _solve_flow(problem, rows, cols, costs)
        if feasible:
            break
        if row_l >= n_e and col_m >= n_p:
            raise InfeasibleError("no assignment satisfies k, caps and conflicts together")
        row_l, col_m = min(row_l * 2, n_e), min(col_m * 2, n_p)
        stats["widenings"] += 1
        rows, cols = _top_candidates(problem, row_l, col_m)
    while certify:
        dist = _potentials(problem, rows, cols, costs, assigned)
        in_graph = np.zeros((n_p, n_e), dtype=bool)
        in_graph[rows, cols] = True
        extra_r, extra_c = _violations(problem, scale, dist, in_graph, weights)
        if extra_r.size == 0:
            break
        stats["certificate_rounds"] += 1
        stats["added_arcs"] += int(extra_r.size)
        rows, cols = np.concatenate([rows, extra_r]), np.concatenate([cols, extra_c])
        costs = _arc_costs(problem, rows, cols, scale, weights)
        assigned, feasible = _solve_flow(problem, rows, cols, costs)
        if not feasible:  # adding arcs never removes flow: reaching this is a solver bug
            raise RuntimeError("min-cost flow lost feasibility after adding certificate arcs")
    stats.update(candidate_arcs=int(rows.size), row_l=row_l, col_m=col_m, certified=certify)
    pairs = np.stack([rows[assigned], cols[assigned]], axis=1)
    result = _result(problem, pairs, "optimal", stats)
    result.arcs = (rows, cols)
    return result


def _arc_costs(problem: Problem, rows, cols, scale: float, weights: np.ndarray | None) -> np.ndarray:
    values = problem.affinity[rows, cols]
    if weights is not None:
        values = values.astype(np.float64) * weights[rows]
    return -_quantise(values, scale)


def solve(problem: Problem, mode: str = "optimal") -> Assignment:
    if mode == "optimal":
        return solve_optimal(problem)
    if mode == "fair":
        from reviews.solver_fair import solve_fair  # it builds on this module

        return solve_fair(problem)
    raise ValueError(f"unknown mode {mode!r}; use optimal, fair, or draw_random()")


# --------------------------------------------------------------------------- random draw


def draw_key(seed: str, proposal_id: str, expert_id: str) -> str:
    """The lottery ticket of one expert for one proposal.

    A SHA-256 of public values, so a supervisor can recompute every ticket by hand and the
    draw does not depend on library versions or on the order of the candidate list.
    """
    return hashlib.sha256(f"{seed}|{proposal_id}|{expert_id}".encode()).hexdigest()


@dataclass
class DrawRecord:
    """Everything needed to replay a random draw."""

    seed: str
    k: dict[str, int]
    caps: dict[str, int]
    exclusions: dict[str, list[str]]  # proposal id -> excluded expert ids
    candidates: dict[str, list[str]]  # proposal id -> eligible expert ids at draw time
    chosen: dict[str, list[str]]  # proposal id -> drawn expert ids
    order: list[str]  # proposals in draw order


def draw_random(
    proposals: Sequence[str],
    experts: Sequence[str],
    k: int | dict[str, int],
    caps: int | dict[str, int],
    exclusions: dict[str, Iterable[str]] | None,
    seed: str,
) -> DrawRecord:
    """Draw ``k`` eligible experts per proposal: the lowest tickets among those with capacity left.

    Proposals are drawn in sorted id order, so capacity use is reproducible too.
    """
    exclusions = {str(p): sorted(set(map(str, ex))) for p, ex in (exclusions or {}).items()}
    k_map = {p: (k[p] if isinstance(k, dict) else int(k)) for p in proposals}
    cap_map = {e: (caps.get(e, 0) if isinstance(caps, dict) else int(caps)) for e in experts}
    load = dict.fromkeys(experts, 0)
    record = DrawRecord(seed=str(seed), k=k_map, caps=cap_map, exclusions={}, candidates={}, chosen={}, order=[])
    for p in sorted(map(str, proposals)):
        excluded = set(exclusions.get(p, []))
        pool = sorted(e for e in experts if e not in excluded and load[e] < cap_map[e])
        if len(pool) < k_map[p]:
            raise InfeasibleError(
                f"proposal {p}: only {len(pool)} eligible experts with capacity left, {k_map[p]} needed",
                {"proposal": p},
            )
        drawn = sorted(pool, key=lambda e, p=p: draw_key(record.seed, p, e))[: k_map[p]]
        for e in drawn:
            load[e] += 1
        record.order.append(p)
        record.exclusions[p] = sorted(excluded)
        record.candidates[p] = pool
        record.chosen[p] = drawn
    return record


def replay_draw(record: DrawRecord) -> list[str]:
    """Recompute a recorded draw; return the proposals whose result differs (empty = verified)."""
    experts = sorted(record.caps)
    again = draw_random(record.order, experts, record.k, record.caps, record.exclusions, record.seed)
    return [p for p in record.order if again.chosen[p] != record.chosen.get(p)]
