"""Finding 8: the chain's blind spots. A keyed hash (HMAC) defeats a forger who recomputes the
chain without the key; an anchor kept outside the database shows removed newest entries and a
chain rebuilt by someone who has the key."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from core import audit
from core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain() -> list[AuditEntry]:
    for i in range(5):
        audit.record(None, "test", None, object_repr=f"条目{i}", after={"i": i})
    return list(AuditEntry.objects.order_by("id"))


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def rewrite_from(entry: AuditEntry, hasher) -> None:
    """What a forger does: edit one entry, then recompute every later link and hash."""
    AuditEntry.objects.filter(pk=entry.pk).update(note="改写")
    rehash_from(entry, hasher)


def rehash_from(entry: AuditEntry, hasher) -> None:
    prev = AuditEntry.objects.filter(id__lt=entry.pk).order_by("-id").values_list("entry_hash", flat=True).first()
    for later in AuditEntry.objects.filter(id__gte=entry.pk).order_by("id"):
        later.prev_hash = prev or ""
        later.entry_hash = hasher(later)
        AuditEntry.objects.filter(pk=later.pk).update(prev_hash=later.prev_hash, entry_hash=later.entry_hash)
        prev = later.entry_hash


def test_hash_is_keyed(chain, settings):
    entry = chain[0]
    assert entry.entry_hash != hashlib.sha256(audit._canonical(entry).encode()).hexdigest()
    settings.AUDIT_HMAC_KEY = "another key"
    assert audit.compute_hash(entry) != entry.entry_hash
    with pytest.raises(CommandError, match=f"#{entry.pk} "):
        call_command("audit_verify")


def test_chain_recomputed_without_the_key_is_found(chain):
    rewrite_from(chain[1], audit.legacy_hash)
    with pytest.raises(CommandError, match=f"#{chain[1].pk} "):
        call_command("audit_verify")


def test_anchor_prints_the_head(chain):
    assert run("audit_anchor") == f"{chain[-1].pk}:{chain[-1].entry_hash}"


def test_anchor_of_an_empty_log_is_refused(db):
    AuditEntry.objects.all().delete()
    with pytest.raises(CommandError, match="empty"):
        call_command("audit_anchor")


def test_verify_with_a_matching_anchor_passes(chain):
    anchor = run("audit_anchor")
    audit.record(None, "test", None, object_repr="later")  # entries after the anchor are fine
    assert run("audit_verify", "--anchor", anchor).endswith("chain intact, anchor matches")


def test_removing_the_newest_entries_is_found_with_the_anchor(chain):
    anchor = run("audit_anchor")
    AuditEntry.objects.filter(pk__in=[chain[-1].pk, chain[-2].pk]).delete()
    assert "chain intact" in run("audit_verify")  # the chain alone cannot tell
    with pytest.raises(CommandError, match=f"#{chain[-1].pk} is missing"):
        call_command("audit_verify", "--anchor", anchor)


def test_chain_rebuilt_with_the_key_is_found_with_the_anchor(chain):
    anchor = run("audit_anchor")
    rewrite_from(chain[2], audit.compute_hash)
    assert "chain intact" in run("audit_verify")
    with pytest.raises(CommandError, match="another hash"):
        call_command("audit_verify", "--anchor", anchor)


@pytest.mark.parametrize("anchor", ["", "12", "x:abc", "5:" + "0" * 10])
def test_malformed_anchor_is_an_error(chain, anchor):
    with pytest.raises(CommandError, match="ID:HASH"):
        call_command("audit_verify", "--anchor", anchor or ":")


def test_rechain_upgrades_a_log_written_with_the_unkeyed_hash(chain):
    rehash_from(chain[0], audit.legacy_hash)  # as the log was written before the key
    with pytest.raises(CommandError):
        call_command("audit_verify")
    assert "re-hashed 5 entries" in run("audit_rechain")
    assert "chain intact" in run("audit_verify")
    assert AuditEntry.objects.order_by("-id").first().action == "audit_rechain"
    assert run("audit_rechain").startswith("audit log already verifies")


def test_rechain_refuses_a_broken_unkeyed_log(chain):
    rehash_from(chain[0], audit.legacy_hash)
    AuditEntry.objects.filter(pk=chain[2].pk).update(note="篡改")
    hashes = list(AuditEntry.objects.order_by("id").values_list("entry_hash", flat=True))
    with pytest.raises(CommandError, match=f"broken at entry #{chain[2].pk}"):
        call_command("audit_rechain")
    assert list(AuditEntry.objects.order_by("id").values_list("entry_hash", flat=True)) == hashes
