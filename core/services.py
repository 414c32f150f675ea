"""Generic audited writes that every app's services.py builds on (DESIGN.md rules 1 and 2)."""

from typing import Any, TypeVar

from django.db import models, transaction

from . import audit

M = TypeVar("M", bound=models.Model)


def create(actor, instance: M, *, m2m: dict[str, Any] | None = None, note: str = "") -> M:
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        audit.record(actor, "create", instance, after=audit.snapshot(instance), note=note)
    return instance


def update(actor, instance: M, changes: dict[str, Any], *, m2m: dict[str, Any] | None = None, note: str = "") -> M:
    """Apply `changes` to a fresh, locked copy of `instance`; audit only what changed."""
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = audit.snapshot(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        for name, values in (m2m or {}).items():
            getattr(locked, name).set(values)
        old, new = audit.diff(before, audit.snapshot(locked))
        if new:
            audit.record(actor, "update", locked, before=old, after=new, note=note)
    return locked


def delete(actor, instance: models.Model, *, note: str = "") -> None:
    with transaction.atomic():
        before = audit.snapshot(instance)
        audit.record(actor, "delete", instance, before=before, note=note)
        instance.delete()
