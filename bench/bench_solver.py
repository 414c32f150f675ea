"""Benchmark of the expert assignment solver (reviews/solver.py).

Usage:  .venv/bin/python bench/bench_solver.py [--sizes small,medium,large] [--mode optimal|fair]

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


def run_one(name: str, mode: str) -> dict:
    import resource

    from reviews import solver

    spec = SIZES[name]
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
        "conflict_pairs": n_conflicts,
        "generate_s": round(t1 - t0, 2),
        "solve_s": round(t2 - t1, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "total_affinity": round(check["total_affinity"], 3),
        "min_proposal_affinity": round(check["min_proposal_affinity"], 4),
        "conflicts_violated": check["conflicts_violated"],
        "caps_violated": check["caps_violated"],
        "k_violated": check["k_violated"],
        "candidate_arcs": result.stats.get("candidate_arcs"),
        "certified": result.stats.get("certified"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--mode", default="optimal", choices=["optimal", "fair"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
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
        "| size | k | cap | mode | solve s | peak MB | total affinity | min per proposal"
        " | conflicts violated | caps violated |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['proposals']}×{r['experts']} | {r['k']} | {r['cap']} | {r['mode']} | {r['solve_s']} | "
            f"{r['peak_mb']} | {r['total_affinity']} | {r['min_proposal_affinity']} | "
            f"{r['conflicts_violated']} | {r['caps_violated']} |"
        )


if __name__ == "__main__":
    main()
