"""CSV interchange for the assignment solver (pure Python; used by ``manage.py assign_solve``).

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
from reviews import solver


class InterchangeError(ValueError):
    """A malformed input file; the message names the file and the line."""


def _rows(path: Path, width: int):
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
    triples: list[tuple[int, int, float]] = []
    for _, (p, e, _s), value in _rows(scores, 3):
        triples.append((p_index.setdefault(p, len(p_index)), e_index.setdefault(e, len(e_index)), value))
    conflict_pairs: list[tuple[int, int]] = []
    if conflicts:
        for _, (p, e, _s), _value in _rows(conflicts, 3):
            conflict_pairs.append((p_index.setdefault(p, len(p_index)), e_index.setdefault(e, len(e_index))))
    cap_overrides: dict[int, int] = {}
    if caps:
        for line_no, (e, _c), value in _rows(caps, 2):
            if value < 0 or value != int(value):
                raise InterchangeError(f"{caps.name} line {line_no}: cap must be a whole number >= 0")
            cap_overrides[e_index.setdefault(e, len(e_index))] = int(value)
    affinity = np.full((len(p_index), len(e_index)), missing, dtype=np.float32)
    if triples:
        arr = np.array(triples, dtype=np.float64)
        affinity[arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64)] = arr[:, 2]
    cap_arr = np.full(len(e_index), cap, dtype=np.int64)
    for j, value in cap_overrides.items():
        cap_arr[j] = value
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


def run(scores, conflicts, k, cap, caps, mode, out) -> dict:
    """Load, solve, verify independently, write; return the summary printed as one JSON line."""
    started = time.perf_counter()
    instance = load_instance(Path(scores), Path(conflicts) if conflicts else None, k, cap, Path(caps) if caps else None)
    loaded = time.perf_counter()
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
    }


def summary_line(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False)
