"""CSV interchange for the assignment solver (Python + numpy; used by ``manage.py assign_solve``).

scores.csv     ``proposal_id,expert_id,score``   (a pair missing from the file scores ``missing``)
conflicts.csv  ``proposal_id,expert_id,-1``      (any listed pair is forbidden)
caps.csv       ``expert_id,cap``                 (overrides the default cap)
assignment.csv ``proposal_id,expert_id,score``   (output, sorted)

A header row is accepted and skipped when its numeric column does not parse.
"""

from __future__ import annotations

import csv
import json
import resource
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.cells import csv_safe
from reviews import solver, solver_fair


class InterchangeError(ValueError):
    """A malformed input file; the message names the file and the line."""


def _rows(path: Path, width: int):
    """Row by row with the csv module: the general path, and the one that names a bad line."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for line_no, row in enumerate(csv.reader(handle), start=1):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) < width:
                raise InterchangeError(f"{path.name} line {line_no}: expected {width} columns, got {len(row)}")
            cells = [cell.strip() for cell in row[:width]]
            try:
                number = float(cells[-1])
            except ValueError:
                if line_no == 1:
                    continue  # header
                raise InterchangeError(f"{path.name} line {line_no}: {cells[-1]!r} is not a number") from None
            yield line_no, cells, number


def _fast_columns(path: Path, width: int) -> tuple[list[list[str]], np.ndarray] | None:
    """The common plain file (no quotes, no padding, exactly ``width`` cells a line) in one pass
    of str.split, about ten times faster than the csv module on 200k rows.  ``None`` sends
    anything else (and every malformed file) to :func:`_rows`, which also names the bad line."""
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    if any(mark in text for mark in ('"', " ", "\t")):
        return None
    lines = [line for line in text.splitlines() if line]
    cells = ",".join(lines).split(",")
    if len(cells) != width * len(lines):
        return None
    columns = [cells[i::width] for i in range(width)]
    if lines:
        try:
            float(columns[-1][0])
        except ValueError:
            columns = [column[1:] for column in columns]  # header
    try:
        numbers = np.fromiter(map(float, columns[-1]), dtype=np.float64, count=len(columns[-1]))
    except ValueError:
        return None
    return columns[:-1], numbers


def _columns(path: Path, width: int) -> tuple[list[list[str]], np.ndarray]:
    """(id columns, numeric last column) of an interchange file."""
    fast = _fast_columns(path, width)
    if fast is not None:
        return fast
    ids: list[list[str]] = [[] for _ in range(width - 1)]
    numbers: list[float] = []
    for _, cells, number in _rows(path, width):
        for column, cell in zip(ids, cells, strict=False):
            column.append(cell)
        numbers.append(number)
    return ids, np.asarray(numbers, dtype=np.float64)


def _index(values: list[str], index: dict[str, int]) -> np.ndarray:
    """Indices of ``values`` in ``index``, adding unseen ids in order of first appearance."""
    for value in dict.fromkeys(values):  # the distinct ids, in order: a C-speed pass
        if value not in index:
            index[value] = len(index)
    return np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))


@dataclass
class Instance:
    proposals: list[str]
    experts: list[str]
    problem: solver.Problem


def load_instance(
    scores: Path, conflicts: Path | None, k: int, cap: int, caps: Path | None = None, missing: float = 0.0
) -> Instance:
    p_index: dict[str, int] = {}
    e_index: dict[str, int] = {}
    (score_p, score_e), values = _columns(scores, 3)
    rows, cols = _index(score_p, p_index), _index(score_e, e_index)
    conflict_pairs = np.empty((0, 2), dtype=np.int64)
    if conflicts:
        (conf_p, conf_e), _values = _columns(conflicts, 3)
        conflict_pairs = np.stack([_index(conf_p, p_index), _index(conf_e, e_index)], axis=1)
    cap_arr = np.full(len(e_index), cap, dtype=np.int64)
    if caps:
        (cap_e,), cap_values = _columns(caps, 2)
        bad = np.flatnonzero((cap_values < 0) | (cap_values != np.floor(cap_values)))
        if bad.size:
            raise InterchangeError(f"{caps.name}: cap of expert {cap_e[bad[0]]!r} must be a whole number >= 0")
        cap_idx = _index(cap_e, e_index)
        cap_arr = np.concatenate([cap_arr, np.full(len(e_index) - len(cap_arr), cap, dtype=np.int64)])
        cap_arr[cap_idx] = cap_values.astype(np.int64)
    affinity = np.full((len(p_index), len(e_index)), missing, dtype=np.float32)
    affinity[rows, cols] = values
    problem = solver.Problem.build(affinity, k, cap_arr, conflict_pairs)
    return Instance(proposals=list(p_index), experts=list(e_index), problem=problem)


def write_assignment(path: Path, instance: Instance, result: solver.Assignment) -> None:
    a = instance.problem.affinity
    rows = sorted((instance.proposals[p], instance.experts[e], float(a[p, e])) for p, e in result.pairs.tolist())
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["proposal_id", "expert_id", "score"])
        for p, e, s in rows:
            writer.writerow([csv_safe(p), csv_safe(e), f"{s:.6g}"])


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def run(scores, conflicts, k, cap, caps, mode, out, min_total_share: float = solver_fair.MIN_TOTAL_SHARE) -> dict:
    """Load, solve, verify independently, write; return the summary printed as one JSON line."""
    started = time.perf_counter()
    instance = load_instance(Path(scores), Path(conflicts) if conflicts else None, k, cap, Path(caps) if caps else None)
    loaded = time.perf_counter()
    if mode == "fair":
        result = solver_fair.solve_fair(instance.problem, min_total_share)
    else:
        result = solver.solve(instance.problem, mode)
    solved = time.perf_counter()
    check = solver.evaluate(instance.problem, result.pairs)
    write_assignment(Path(out), instance, result)
    return {
        "mode": mode,
        "proposals": len(instance.proposals),
        "experts": len(instance.experts),
        "seconds": round(time.perf_counter() - started, 3),
        "solve_seconds": round(solved - loaded, 3),
        "peak_memory_mb": round(peak_memory_mb(), 1),
        "total_affinity": round(check["total_affinity"], 6),
        "min_proposal_affinity": round(check["min_proposal_affinity"], 6),
        "conflicts_violated": check["conflicts_violated"],
        "caps_violated": check["caps_violated"],
        "k_violated": check["k_violated"],
        **_fair_figures(result),
    }


def _fair_figures(result: solver.Assignment) -> dict:
    """Fair mode: the certified upper bound on the lowest per-proposal affinity, and the optimum."""
    if "upper_bound" not in result.stats:
        return {}
    bound = result.stats["upper_bound"]
    return {
        "min_upper_bound": round(bound, 6),
        "min_to_bound": round(result.min_proposal_affinity / bound, 4) if bound > 0 else None,
        "optimal_total_affinity": round(result.stats["optimal_total"], 6),
        "optimal_min_proposal_affinity": round(result.stats["optimal_min"], 6),
    }


def summary_line(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False)
