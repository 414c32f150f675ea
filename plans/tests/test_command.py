"""manage.py import_plan: --dry-run --json prints the parser's targets; otherwise a draft plan."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models import AuditEntry
from plans.models import Plan
from plans.parser import default_seed_path, extract_targets, read_plan_text

from .conftest import PLAN_TEXT


def _run(*args) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_json_prints_every_target_and_writes_nothing():
    path = default_seed_path()
    data = json.loads(_run(str(path), "--year", "2008", "--dry-run", "--json"))
    parsed = [t.to_dict() for t in extract_targets(read_plan_text(path), year=2008)]
    # every parsed field kept; the linking adds source, source_confidence (test_linking.py)
    assert [{k: t[k] for k in p} for t, p in zip(data, parsed, strict=True)] == parsed
    assert len(data) == 43
    incubator = next(t for t in data if t["unit"] == "万平方米")
    assert {k: incubator[k] for k in ("kind", "value", "baseline", "growth")} == {
        "kind": "increase_to", "value": 18, "baseline": 13, "growth": 38,
    }  # fmt: skip
    assert read_plan_text(path)[incubator["start"] : incubator["end"]] == incubator["excerpt"]
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_dry_run_table(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_TEXT.encode("gb18030"))
    out = _run(str(path), "--year", "2010", "--dry-run")
    assert "increase_to" in out and out.strip().endswith("6 targets")


@pytest.mark.django_db
def test_import_creates_an_audited_draft(tmp_path, users):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    out = _run(str(path), "--year", "2010", "--user", "t-officer")
    plan = Plan.objects.get()
    assert f"#{plan.pk}" in out and plan.status == "draft" and plan.indicators.count() == 6
    assert AuditEntry.objects.get(action="import_plan").user == users["officer"]
    _run(str(path), "--year", "2011")
    assert AuditEntry.objects.filter(action="import_plan", user_repr="manage.py import_plan").exists()


@pytest.mark.django_db
def test_errors_are_clear(tmp_path, users):
    with pytest.raises(CommandError, match="cannot read"):
        _run(str(tmp_path / "missing.txt"), "--year", "2010")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="no user"):
        _run(str(path), "--year", "2010", "--user", "nobody")
    with pytest.raises(CommandError):
        _run(str(path), "--year", "2010", "--user", "t-leader")  # not allowed to import
    with pytest.raises(CommandError):
        _run(str(path), "--year", "1500")
    assert not Plan.objects.exists()
