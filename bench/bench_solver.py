"""Benchmark of the expert assignment solver (reviews/solver.py).

Usage:  .venv/bin/python bench/bench_solver.py [--sizes small,medium,large] [--mode optimal|fair]
        .venv/bin/python bench/bench_solver.py --csv [--repeats 3]

``--csv`` times ``manage.py assign_solve`` on a 2000x1500, k=5 CSV instance (200,000 scored pairs,
an unscored pair scores 0, 1.5 % conflicts) beside a dense OR-Tools min-cost flow over every
eligible pair of the same instance, read from the same files by the same reader, alternating the
two in the same run; both wall times and both optima are printed, with the load average.

Every size runs in its own child process, so "peak MB" is that instance's own peak RSS
(generation + solve).  Instances: proposals and experts fall into discipline clusters (each
expert has a main cluster and sometimes a second one), affinity = 0.55 on a shared cluster +
0.45 * uniform noise, a few "star" experts are attractive to everyone (pressure on caps), and
~1.5% of the pairs are conflicts.  The solution is re-checked by ``solver.evaluate``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {
    "small": {"proposals": 200, "experts": 300, "k": 3, "cap": 3},
    "medium": {"proposals": 2000, "experts": 1500, "k": 5, "cap": 8},
    "large": {"proposals": 10000, "experts": 5000, "k": 5, "cap": 12},
}


def generate(proposals: int, experts: int, k: int, cap: int, seed: int = 2008):
    import numpy as np

    from reviews.solver import Problem

    rng = np.random.default_rng(seed)
    clusters = max(8, experts // 60)
    p_cluster = rng.integers(0, clusters, proposals)
    e_main = rng.integers(0, clusters, experts)
    e_second = np.where(rng.random(experts) < 0.3, rng.integers(0, clusters, experts), -1)
    affinity = rng.random((proposals, experts), dtype=np.float32)
    affinity *= 0.45
    same = (p_cluster[:, None] == e_main[None, :]) | (p_cluster[:, None] == e_second[None, :])
    affinity += same * np.float32(0.55)
    del same
    stars = rng.choice(experts, size=max(1, experts // 100), replace=False)
    affinity[:, stars] = np.maximum(affinity[:, stars], np.float32(0.9))
    conflicts = np.argwhere(rng.random((proposals, experts), dtype=np.float32) < 0.015)
    return Problem.build(affinity, k, cap, conflicts), len(conflicts)


CSV_DIR = ROOT / "var" / "bench" / "solver_csv"
CSV_SPEC = {"proposals": 2000, "experts": 1500, "scored_per_proposal": 100, "k": 5, "cap": 8}


def write_csv_instance(directory: Path = CSV_DIR) -> dict[str, Path]:
    """scores.csv (100 scored experts a proposal: its cluster's first, then random ones) and
    conflicts.csv; deterministic, written once."""
    import csv

    import numpy as np

    files = {"scores": directory / "scores.csv", "conflicts": directory / "conflicts.csv"}
    if all(path.exists() for path in files.values()):
        return files
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2008)
    n_p, n_e, per = CSV_SPEC["proposals"], CSV_SPEC["experts"], CSV_SPEC["scored_per_proposal"]
    p_cluster, e_cluster = rng.integers(0, 25, n_p), rng.integers(0, 25, n_e)
    with open(files["scores"], "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["proposal_id", "expert_id", "score"])
        for p in range(n_p):
            same = np.flatnonzero(e_cluster == p_cluster[p]).tolist()
            chosen = list(dict.fromkeys(same + rng.choice(n_e, per, replace=False).tolist()))[:per]
            for e in chosen:
                score = 0.45 * rng.random() + (0.55 if e_cluster[e] == p_cluster[p] else 0.0)
                writer.writerow([f"P{p:05d}", f"E{e:05d}", f"{score:.4f}"])
    with open(files["conflicts"], "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["proposal_id", "expert_id", "score"])
        for p, e in np.argwhere(rng.random((n_p, n_e)) < 0.015):
            writer.writerow([f"P{p:05d}", f"E{e:05d}", -1])
    return files


def dense_reference(scores: str, conflicts: str) -> dict:
    """The anchor: one OR-Tools min-cost flow over every eligible pair (no pruning, no
    certificate), costs quantised like the solver's, reading the files with the same reader."""
    import numpy as np

    from reviews import interchange, solver

    started = time.perf_counter()
    instance = interchange.load_instance(Path(scores), Path(conflicts), CSV_SPEC["k"], CSV_SPEC["cap"])
    problem = instance.problem
    rows, cols = np.nonzero(~problem.forbidden)
    costs = -solver._quantise(problem.affinity[rows, cols], solver._scale_of(problem))
    assigned, feasible = solver._solve_flow(problem, rows, cols, costs)
    pairs = np.stack([rows[assigned], cols[assigned]], axis=1)
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "arcs": int(rows.size),
        "feasible": bool(feasible),
        "total_affinity": round(solver.evaluate(problem, pairs)["total_affinity"], 6),
    }


def _timed(command: list[str]) -> tuple[float, dict]:
    started = time.perf_counter()
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def csv_benchmark(repeats: int) -> None:
    files = write_csv_instance()
    ours = [sys.executable, str(ROOT / "manage.py"), "assign_solve", "--scores", str(files["scores"])]
    ours += ["--conflicts", str(files["conflicts"]), "--k", str(CSV_SPEC["k"]), "--cap", str(CSV_SPEC["cap"])]
    ours += ["--out", str(CSV_DIR / "assignment.csv")]
    reference = [sys.executable, __file__, "--reference", str(files["scores"]), str(files["conflicts"])]
    print(
        "| run | load before | assign_solve wall s (in-command s) | dense OR-Tools wall s (in-script s) |"
        " ratio wall | optimum equal |"
    )
    print("|---|---|---|---|---|---|")
    for run in range(1, repeats + 1):
        load = _load()
        ours_wall, ours_out = _timed(ours)
        ref_wall, ref_out = _timed(reference)
        equal = abs(ours_out["total_affinity"] - ref_out["total_affinity"]) < 1e-3
        print(
            f"| {run} | {load} | {ours_wall:.2f} ({ours_out['seconds']}) | {ref_wall:.2f} ({ref_out['seconds']}) | "
            f"{ours_wall / ref_wall:.2f} | {equal} ({ours_out['total_affinity']} / {ref_out['total_affinity']}) |",
            flush=True,
        )
    load = _load()
    fair_wall, fair = _timed([*ours, "--mode", "fair"])
    print(f"\nfair mode, load {load}, wall {fair_wall:.2f} s: {json.dumps(fair)}")


def run_one(name: str, mode: str) -> dict:
    import resource

    from reviews import solver

    spec = SIZES[name]
    load = _load()
    t0 = time.perf_counter()
    problem, n_conflicts = generate(**spec)
    t1 = time.perf_counter()
    result = solver.solve(problem, mode)
    t2 = time.perf_counter()
    check = solver.evaluate(problem, result.pairs)
    return {
        "size": name,
        **spec,
        "mode": mode,
        "load": load,
        "conflict_pairs": n_conflicts,
        "generate_s": round(t1 - t0, 2),
        "solve_s": round(t2 - t1, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "total_affinity": round(check["total_affinity"], 3),
        "min_proposal_affinity": round(check["min_proposal_affinity"], 4),
        "conflicts_violated": check["conflicts_violated"],
        "caps_violated": check["caps_violated"],
        "k_violated": check["k_violated"],
        "upper_bound": round(result.stats["upper_bound"], 4) if "upper_bound" in result.stats else None,
        "optimal_total": round(result.stats.get("optimal_total", check["total_affinity"]), 3),
        "candidate_arcs": result.stats.get("candidate_arcs"),
        "certified": result.stats.get("certified"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--mode", default="optimal", choices=["optimal", "fair"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--csv", action="store_true", help="assign_solve vs a dense OR-Tools flow")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reference", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference:
        print(json.dumps(dense_reference(*args.reference)))
        return
    if args.csv:
        csv_benchmark(args.repeats)
        return
    if args.child:
        print(json.dumps(run_one(args.child, args.mode)))
        return
    results = []
    for name in args.sizes.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--child", name, "--mode", args.mode],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(out.stdout.strip(), flush=True)
    print()
    print(
        "| size | k | cap | mode | load | solve s | peak MB | total affinity (share of optimum) | min per proposal"
        " (certified upper bound, ratio) | conflicts violated | caps violated |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        bound = (
            f" ({r['upper_bound']}, {r['min_proposal_affinity'] / r['upper_bound']:.3f})" if r["upper_bound"] else ""
        )
        print(
            f"| {r['proposals']}×{r['experts']} | {r['k']} | {r['cap']} | {r['mode']} | {r['load']} | {r['solve_s']} | "
            f"{r['peak_mb']} | {r['total_affinity']} ({r['total_affinity'] / r['optimal_total']:.4f}) | "
            f"{r['min_proposal_affinity']}{bound} | {r['conflicts_violated']} | {r['caps_violated']} |"
        )


if __name__ == "__main__":
    main()
