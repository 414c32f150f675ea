"""Finding 9: `backup` and `restore` round-trip exactly (microseconds kept), so the audit chain
verifies after a restore into an empty database; plain dumpdata JSON does not."""

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.roles import Role
from core import audit
from core.models import AuditEntry
from directory.models import Organisation
from projects.tests.helpers import make_project

pytestmark = pytest.mark.django_db
MOMENT = dt.datetime(2027, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def everything() -> dict[str, list]:
    """Every row of every model, as values, by model label."""
    return {
        model._meta.label: sorted(model._base_manager.values_list(), key=repr)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


@pytest.fixture
def data(users, org_a, time_machine):
    time_machine.move_to(MOMENT, tick=True)
    audit.record(users["admin"], "test", org_a, after={"at": timezone.now()}, note="微秒")
    return AuditEntry.objects.order_by("-id").first()


def empty_database() -> None:
    # What a fresh `migrate` leaves: no data, content types and permissions made again.
    call_command("flush", interactive=False, verbosity=0)


# Real transactions: PostgreSQL cannot empty tables inside the test's wrapping transaction. No
# serialized rollback (its reload collides with content types recreated by an earlier
# transactional test's flush); the fixtures reload the reference data the test needs.
ROUND_TRIP = pytest.mark.django_db(transaction=True)


@ROUND_TRIP
def test_backup_and_restore_round_trip_exactly(data, tmp_path):
    assert data.timestamp.microsecond != 0
    path = tmp_path / "techbureau.json"
    assert "audit head" in run("backup", str(path))
    assert data.timestamp.isoformat() in path.read_text()
    before = everything()
    empty_database()
    assert not Organisation.objects.exists()

    run("restore", str(path))

    assert everything() == before
    assert AuditEntry.objects.get(pk=data.pk).timestamp == data.timestamp
    assert "chain intact" in run("audit_verify")


def test_the_search_index_is_not_backed_up(data, users, org_a, tmp_path):
    # Derived rows (the FTS5 index on SQLite; no such table on PostgreSQL): triggers rebuild them.
    make_project(users[Role.APPLICANT], org_a, title="轴承寿命研究")
    path = tmp_path / "techbureau.json"
    run("backup", str(path))
    labels = {row["model"] for row in json.loads(path.read_text())}
    assert "projects.project" in labels
    assert "projects.projectsearchrow" not in labels


@ROUND_TRIP
def test_compressed_backup_round_trips(data, tmp_path):
    path = tmp_path / "techbureau.json.gz"
    run("backup", str(path))
    empty_database()
    run("restore", str(path))
    assert "chain intact" in run("audit_verify")


def test_plain_dumpdata_loses_microseconds(data, tmp_path):
    # Why the backup command exists: Django's JSON cuts times to milliseconds.
    path = tmp_path / "plain.json"
    call_command("dumpdata", "core.auditentry", output=str(path), verbosity=0)
    assert data.timestamp.isoformat() not in path.read_text()


def test_restore_refuses_a_database_with_data(data, tmp_path):
    path = tmp_path / "b.json"
    run("backup", str(path))
    count = AuditEntry.objects.count()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path))
    assert AuditEntry.objects.count() == count


@pytest.mark.parametrize("name", ["backup.txt", "backup.sql", "backup"])
def test_backup_file_must_be_json(db, tmp_path, name):
    with pytest.raises(CommandError, match=r"ends with one of \.json"):
        call_command("backup", str(tmp_path / name))
    with pytest.raises(CommandError, match=r"ends with one of \.json"):
        call_command("restore", str(tmp_path / name))


def test_restore_of_a_missing_file_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.json"))
