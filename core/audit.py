"""The one audit log: every change writes an entry whose hash chains to the previous one."""

import datetime as dt
import decimal
import hashlib
import hmac
import json
import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .middleware import request_id_var
from .models import AuditEntry

# Fields whose value never enters the log: personal data is stored encrypted (the log keeps the
# mask), and derived text or timestamps would only bury the real change.
OMITTED_FIELD_SUFFIXES = ("_encrypted", "_index", "password", "search_text")
PG_AUDIT_LOCK = 7_301_0001


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values as JSON, secrets left out, many-to-many as id lists."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name.endswith(OMITTED_FIELD_SUFFIXES) or getattr(field, "auto_now", False):
            continue
        data[field.attname] = _json_value(field.value_from_object(instance))
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return data


def diff(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Keep only the keys that changed, so an update entry reads as what was edited."""
    if not before or not after:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _canonical(entry: AuditEntry) -> str:
    payload = {
        "timestamp": entry.timestamp.isoformat(),
        "user_id": entry.user_id,
        "user_repr": entry.user_repr,
        "request_id": entry.request_id,
        "action": entry.action,
        "content_type_id": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compute_hash(entry: AuditEntry) -> str:
    """HMAC-SHA256 under AUDIT_HMAC_KEY, which lives outside the database: someone who can write
    the table cannot recompute a chain that `audit_verify` accepts."""
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), _canonical(entry).encode(), hashlib.sha256).hexdigest()


def legacy_hash(entry: AuditEntry) -> str:
    """The unkeyed hash of entries written before the key existed (read by `audit_rechain` only)."""
    return hashlib.sha256(_canonical(entry).encode()).hexdigest()


def _lock_chain() -> None:
    # Two writers must not both chain onto the same previous entry. SQLite serialises writers
    # already; PostgreSQL gets a transaction-scoped advisory lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PG_AUDIT_LOCK])


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Write one audit entry inside the caller's transaction (or its own)."""
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        user = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            timestamp=timezone.now(),
            user=user,
            user_repr=(user.get_username() if user else (str(actor) if actor else "system"))[:150],
            request_id=request_id_var.get(),
            action=action,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
            before=_json_value(before),
            after=_json_value(after),
            note=note,
            prev_hash=last or "",
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
        return entry


def verify(batch_size: int = 5000, hasher=compute_hash) -> AuditEntry | None:
    """Return the first entry whose hash or link is wrong (edited, removed, reordered), or None."""
    prev_hash = ""
    queryset = AuditEntry.objects.order_by("id")
    for entry in queryset.iterator(chunk_size=batch_size):
        if entry.prev_hash != prev_hash or hasher(entry) != entry.entry_hash:
            return entry
        prev_hash = entry.entry_hash
    return None


def head() -> str:
    """The newest entry as `ID:HASH`, to keep outside the database (see `audit_anchor`)."""
    last = AuditEntry.objects.order_by("-id").values_list("id", "entry_hash").first()
    return f"{last[0]}:{last[1]}" if last else ""


def anchor_problem(anchor: str) -> str:
    """Why the log no longer contains the anchored head (`ID:HASH`), or "" when it does. The chain
    alone cannot show that its newest entries were cut off, or that it was rebuilt with the key."""
    entry_id, _sep, entry_hash = anchor.strip().partition(":")
    if not entry_id.isdigit() or len(entry_hash) != 64:
        raise ValueError("anchor must look like ID:HASH (from manage.py audit_anchor)")
    stored = AuditEntry.objects.filter(pk=int(entry_id)).values_list("entry_hash", flat=True).first()
    if stored is None:
        return f"anchored entry #{entry_id} is missing: the newest entries were removed"
    if not hmac.compare_digest(stored, entry_hash):
        return f"anchored entry #{entry_id} has another hash: the chain was rewritten"
    return ""


@transaction.atomic
def rechain_legacy() -> int:
    """Re-hash a log written with the unkeyed hash under the key, after checking it whole; returns
    the number of entries re-hashed. Refuses (ValueError) when the unkeyed chain is broken."""
    _lock_chain()
    broken = verify(hasher=legacy_hash)
    if broken is not None:
        raise ValueError(f"the unkeyed chain is broken at entry #{broken.pk}; nothing was changed")
    prev_hash, changed = "", []
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=5000):
        entry.prev_hash = prev_hash
        entry.entry_hash = compute_hash(entry)
        prev_hash = entry.entry_hash
        changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["prev_hash", "entry_hash"], batch_size=1000)
    return len(changed)


def history(obj: models.Model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("user")
