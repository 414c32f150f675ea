"""manage.py assign_solve on interchange CSV files."""

import csv
import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


@pytest.fixture
def files(tmp_path):
    scores = [["proposal_id", "expert_id", "score"]]
    for p in range(6):
        for e in range(5):
            scores.append([f"P{p}", f"E{e}", round(((p * 7 + e * 3) % 10) / 10, 2)])
    conflicts = [["P0", "E0", -1], ["P1", "E1", -1], ["P2", "E0", -1]]
    return {
        "scores": write(tmp_path / "scores.csv", scores),
        "conflicts": write(tmp_path / "conflicts.csv", conflicts),
        "caps": write(tmp_path / "caps.csv", [["expert_id", "cap"], ["E4", 1]]),
        "out": str(tmp_path / "assignment.csv"),
    }


def run(**options) -> dict:
    out = io.StringIO()
    call_command("assign_solve", stdout=out, **options)
    return json.loads(out.getvalue().strip())


@pytest.mark.parametrize("mode", ["optimal", "fair"])
def test_command_solves_and_reports(files, mode):
    summary = run(
        scores=files["scores"],
        conflicts=files["conflicts"],
        caps=files["caps"],
        k=2,
        cap=3,
        mode=mode,
        out=files["out"],
    )
    assert summary["conflicts_violated"] == 0 and summary["caps_violated"] == 0 and summary["k_violated"] == 0
    assert {"seconds", "peak_memory_mb", "total_affinity", "min_proposal_affinity"} <= set(summary)
    if mode == "fair":  # the certified bound on the lowest per-proposal affinity is printed
        assert summary["min_upper_bound"] >= summary["min_proposal_affinity"]
        assert summary["total_affinity"] >= 0.98 * summary["optimal_total_affinity"] - 1e-6
    with open(files["out"], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12
    pairs = {(r["proposal_id"], r["expert_id"]) for r in rows}
    assert not pairs & {("P0", "E0"), ("P1", "E1"), ("P2", "E0")}
    assert sum(r["expert_id"] == "E4" for r in rows) <= 1
    assert summary["total_affinity"] == pytest.approx(sum(float(r["score"]) for r in rows), abs=1e-4)


def test_bad_file_is_reported_with_its_line(files, tmp_path):
    bad = write(tmp_path / "bad.csv", [["P0", "E0", "0.5"], ["P1", "E1", "high"]])
    with pytest.raises(CommandError, match=r"bad\.csv line 2"):
        run(scores=bad, k=1, cap=2, out=files["out"])


def test_infeasible_instance_is_an_error(files):
    with pytest.raises(CommandError, match="capacity"):
        run(scores=files["scores"], k=4, cap=2, out=files["out"])


def test_quoted_and_padded_files_read_like_plain_ones(files, tmp_path):
    """The fast reader (plain files) and the csv-module reader (quotes, padding) agree."""
    from pathlib import Path

    from reviews.interchange import load_instance

    with open(files["scores"], encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    padded = tmp_path / "padded.csv"
    with open(padded, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerows([[f" {cell} " for cell in row] for row in rows])
    plain = load_instance(Path(files["scores"]), Path(files["conflicts"]), 2, 3, Path(files["caps"]))
    quoted = load_instance(padded, Path(files["conflicts"]), 2, 3, Path(files["caps"]))
    assert quoted.proposals == plain.proposals and quoted.experts == plain.experts
    assert np.array_equal(quoted.problem.affinity, plain.problem.affinity)
    assert np.array_equal(quoted.problem.forbidden, plain.problem.forbidden)
    assert plain.problem.caps.tolist() == [3, 3, 3, 3, 1]
    assert plain.problem.forbidden.sum() == 3


def test_negative_cap_is_refused(files, tmp_path):
    caps = write(tmp_path / "caps_bad.csv", [["E1", "-2"]])
    with pytest.raises(CommandError, match="whole number"):
        run(scores=files["scores"], caps=caps, k=1, cap=2, out=files["out"])
