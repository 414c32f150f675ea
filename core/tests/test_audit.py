"""The chained audit log: what the generic services write, and `audit_verify` finding edits and
removals. Personal data: the log holds the masked ID number only."""

import datetime as dt
import itertools
import json
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from core import audit
from core import services as core_services
from core.models import AuditEntry
from core.testing import make_user
from directory import demo_data
from directory import services as directory_services
from directory.forms import PersonForm
from directory.models import Organisation, Person, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    from directory.models import Division

    return make_user("officer", "audit-officer", division=Division.objects.get(code="planning"))


def new_organisation(name: str = "审计测试有限公司", seed: str = "audit") -> Organisation:
    code = demo_data.uscc_for(random.Random(seed), "410305", "enterprise")
    return Organisation(name=name, credit_code=code, kind="enterprise", region=Region.objects.get(code="410305"))


def verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def entries_for(obj) -> list[AuditEntry]:
    return list(audit.history(obj).order_by("id"))


# --- what the generic services write ------------------------------------------------------------


def test_create_update_delete_each_write_one_entry(officer):
    organisation = core_services.create(officer, new_organisation())
    organisation = core_services.update(officer, organisation, {"industry": "轴承", "address": "建设路"})
    pk = organisation.pk
    core_services.delete(officer, organisation)
    logged = AuditEntry.objects.filter(content_type__model="organisation", object_id=str(pk))
    created, updated, deleted = logged.order_by("id")

    assert (created.action, created.user_id, created.before) == ("create", officer.pk, None)
    assert created.after["name"] == "审计测试有限公司" and created.after["region_id"] == organisation.region_id

    assert updated.action == "update"
    assert (updated.before["industry"], updated.after["industry"]) == ("", "轴承")
    assert (updated.before["address"], updated.after["address"]) == ("", "建设路")
    assert "name" not in updated.after and "credit_code" not in updated.after

    assert (deleted.action, deleted.after) == ("delete", None)
    assert deleted.before["credit_code"] == organisation.credit_code
    assert deleted.object_repr == "审计测试有限公司"


def test_invalid_create_writes_nothing(officer):
    bad = new_organisation()
    bad.kind = "no-such-kind"
    counts = Organisation.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        core_services.create(officer, bad)
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == counts


def test_invalid_update_writes_nothing(officer):
    organisation = core_services.create(officer, new_organisation())
    count = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        core_services.update(officer, organisation, {"name": ""})
    organisation.refresh_from_db()
    assert organisation.name == "审计测试有限公司"
    assert AuditEntry.objects.count() == count


def test_unchanged_save_writes_no_update_entry(officer):
    organisation = core_services.create(officer, new_organisation())
    count = AuditEntry.objects.count()
    core_services.update(officer, organisation, {"name": organisation.name, "industry": ""})
    assert AuditEntry.objects.count() == count


def test_entries_chain_by_hash(officer):
    for i in range(3):
        core_services.create(officer, new_organisation(f"链{i}", seed=f"chain{i}"))
    chain = list(AuditEntry.objects.order_by("id"))
    assert chain[0].prev_hash == ""
    for previous, entry in itertools.pairwise(chain):
        assert entry.prev_hash == previous.entry_hash
        assert entry.entry_hash == audit.compute_hash(entry)


def test_entries_in_a_request_carry_its_request_id(officer):
    client = Client()
    client.force_login(officer)
    response = client.get("/directory/regions/?export=xlsx", HTTP_X_REQUEST_ID="req-audit-1")
    assert response["X-Request-ID"] == "req-audit-1"
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.request_id, entry.user_id) == ("export", "req-audit-1", officer.pk)


def test_history_holds_only_that_objects_entries(officer):
    first = core_services.create(officer, new_organisation("甲", seed="h1"))
    second = core_services.create(officer, new_organisation("乙", seed="h2"))
    core_services.update(officer, first, {"industry": "材料"})
    assert [e.action for e in entries_for(first)] == ["create", "update"]
    assert [e.action for e in entries_for(second)] == ["create"]


def test_snapshot_and_diff():
    organisation = new_organisation()
    snap = audit.snapshot(organisation)
    assert snap["credit_code"] == organisation.credit_code and snap["id"] is None
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})
    assert audit.diff(None, {"a": 1}) == (None, {"a": 1})


def test_record_serialises_dates_and_decimals(officer):
    from decimal import Decimal

    entry = audit.record(officer, "custom", None, after={"when": dt.date(2008, 3, 1), "amount": Decimal("12.50")},
                         object_repr="x")
    entry.refresh_from_db()
    assert entry.after == {"when": "2008-03-01", "amount": "12.50"}
    assert entry.entry_hash == audit.compute_hash(entry)


# --- personal data in the log --------------------------------------------------------------------


def test_audit_json_holds_masked_id_number_never_the_full_one(officer):
    organisation = core_services.create(officer, new_organisation())
    first = demo_data.resident_id_for(random.Random("a1"), "410305", dt.date(1970, 1, 1), "M")
    second = demo_data.resident_id_for(random.Random("a2"), "410305", dt.date(1985, 6, 30), "F")

    form = PersonForm(data={"name": "隐私人", "organisation": organisation.credit_code, "id_number": first},
                      user=officer)
    assert form.is_valid(), form.errors
    person = directory_services.save_person(officer, form)
    form = PersonForm(data={"name": "隐私人", "organisation": organisation.credit_code, "id_number": second},
                      instance=person, user=officer)
    assert form.is_valid(), form.errors
    directory_services.save_person(officer, form, person)

    logged = json.dumps([(e.before, e.after) for e in entries_for(person)], ensure_ascii=False)
    assert first not in logged and second not in logged
    assert first[:4] + "*" * 10 + first[-4:] in logged
    assert second[:4] + "*" * 10 + second[-4:] in logged
    # Neither the ciphertext nor the blind index is copied into the log.
    person = Person.objects.get(pk=person.pk)
    assert person.id_number_encrypted not in logged and person.id_number_index not in logged


# --- audit_verify -------------------------------------------------------------------------------------


@pytest.fixture
def chain(officer) -> list[AuditEntry]:
    for i in range(4):
        core_services.create(officer, new_organisation(f"核验{i}", seed=f"verify{i}"))
    return list(AuditEntry.objects.order_by("id"))


def test_verify_says_ok_on_an_intact_chain(chain):
    assert verify_output().strip() == f"audit log OK: {len(chain)} entries, chain intact"


def test_verify_ok_on_empty_log(db):
    AuditEntry.objects.all().delete()
    assert "audit log OK: 0 entries" in verify_output()


def test_verify_names_an_entry_edited_with_update(chain):
    target = chain[2]
    AuditEntry.objects.filter(pk=target.pk).update(after={**target.after, "name": "被篡改"})
    with pytest.raises(CommandError, match=rf"BROKEN at entry #{target.pk} "):
        call_command("audit_verify")


def test_verify_names_an_entry_whose_user_was_changed(chain, users):
    target = chain[1]
    AuditEntry.objects.filter(pk=target.pk).update(user_repr="someone-else")
    with pytest.raises(CommandError, match=rf"#{target.pk} "):
        call_command("audit_verify")


def test_verify_finds_a_deleted_entry(chain):
    removed, following = chain[2], chain[3]
    AuditEntry.objects.filter(pk=removed.pk).delete()
    with pytest.raises(CommandError, match=rf"BROKEN at entry #{following.pk} "):
        call_command("audit_verify")


def test_verify_finds_an_edit_whose_hash_was_recomputed(chain):
    # A careful forger recomputes the edited entry's own hash; the next entry's link still breaks.
    target, following = chain[1], chain[2]
    target.note = "后补说明"
    target.entry_hash = audit.compute_hash(target)
    AuditEntry.objects.filter(pk=target.pk).update(note=target.note, entry_hash=target.entry_hash)
    with pytest.raises(CommandError, match=rf"#{following.pk} "):
        call_command("audit_verify")


def test_verify_reports_the_first_broken_entry(chain):
    AuditEntry.objects.filter(pk=chain[3].pk).update(note="x")
    AuditEntry.objects.filter(pk=chain[1].pk).update(note="y")
    assert audit.verify() == chain[1]
