"""Generic audited writes that every app's services.py builds on (DESIGN.md rules 1 and 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from . import audit, bulk_insert
from .permissions import require
from .search import SearchableModel

if TYPE_CHECKING:
    from accounts.models import User

M = TypeVar("M", bound=models.Model)


def create(
    actor: User, instance: M, *, m2m: dict[str, Any] | None = None, note: str = "", action: str = "create",
    object_repr: str = "",
) -> M:
    """Validate, save and log a new record; `action` names the entry when it is more than a create
    (a disbursement, a report) and `object_repr` when the record reads better by its parent."""
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        audit.record(actor, action, instance, after=audit.snapshot(instance), note=note, object_repr=object_repr)
    return instance


def update(
    actor: User, instance: M, changes: dict[str, Any], *, m2m: dict[str, Any] | None = None, note: str = "",
    action: str = "update", object_repr: str = "",
) -> M:
    """Apply `changes` to a fresh, locked copy of `instance`; audit only what changed (a form posted
    back unchanged writes nothing)."""
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = audit.snapshot(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        # Validate what this write changes: a legacy row's untouched gaps do not block it.
        untouched = [f.name for f in locked._meta.concrete_fields if f.name not in changes and f.attname not in changes]
        locked.full_clean(exclude=untouched)
        locked.save()
        for name, values in (m2m or {}).items():
            getattr(locked, name).set(values)
        old, new = audit.diff(before, audit.snapshot(locked))
        if new:
            audit.record(actor, action, locked, before=old, after=new, note=note, object_repr=object_repr)
    return locked


def save(actor: User, instance: M, *, m2m: dict[str, Any] | None = None, note: str = "") -> M:
    """A record edited in memory (a ModelForm's `save(commit=False)`): create it when new, else
    update the stored row with its field values."""
    if instance._state.adding:
        return create(actor, instance, m2m=m2m, note=note)
    fields = [f for f in instance._meta.concrete_fields if not f.primary_key and not getattr(f, "auto_now", False)]
    changes = {f.attname: getattr(instance, f.attname) for f in fields}
    return update(actor, instance, changes, m2m=m2m, note=note)


def delete(actor: User, instance: models.Model, *, note: str = "") -> None:
    with transaction.atomic():
        before = audit.snapshot(instance)
        audit.record(actor, "delete", instance, before=before, note=note)
        instance.delete()


def save_notification_preference(actor: User, user: User, events: list[str]) -> models.Model:
    """A user chooses the events they also get by e-mail (only their own settings)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .models import NotificationPreference
    from .notifications import EVENTS

    if actor.pk != user.pk:
        raise PermissionDenied
    unknown = set(events) - set(EVENTS)
    if unknown:
        raise ValidationError(f"未知的通知事项。Unknown events: {', '.join(sorted(unknown))}")
    preference = NotificationPreference.objects.filter(user=user).first()
    if preference is None:
        return create(actor, NotificationPreference(user=user, email_events=sorted(events)))
    return update(actor, preference, {"email_events": sorted(events)})


# --- saving through a form ----------------------------------------------------


def form_changes(form) -> dict:
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}


def save_form(actor, form, instance, can_add, can_edit):
    """Create or update through core's audited helpers; a new record must also be editable by the
    actor (an org_admin may only file for its own organisation)."""
    if instance is None:
        obj = form.save(commit=False)
        require(can_add(actor) and can_edit(actor, obj))
        return create(actor, obj, m2m={f: form.cleaned_data[f] for f in _m2m_fields(form)})
    require(can_edit(actor, instance))
    return update(
        actor, instance, _plain_changes(form), m2m={f: form.cleaned_data[f] for f in _m2m_fields(form)}
    )


def bulk_create_forms(actor, forms: list, can_add, can_edit) -> list:
    """`save_form` for many new records at once (an import): the same permission checks, then
    one INSERT statement for all (core.bulk_insert). For models without many-to-many fields and
    without a save() of their own beyond the search text. Each ModelForm has already run the
    record's full_clean; the per-record audit entries give way to the import's entry, which names the ids."""
    require(can_add(actor))
    objs = []
    for form in forms:
        obj = form.save(commit=False)
        require(can_edit(actor, obj))
        if isinstance(obj, SearchableModel):
            obj.refresh_search_text()  # bulk_create does not call save()
        objs.append(obj)
    if objs and _m2m_fields(forms[0]):
        raise ValueError("bulk_create_forms cannot set many-to-many fields")
    return bulk_insert.insert(objs)


def _m2m_fields(form) -> list[str]:
    names = {f.name for f in form._meta.model._meta.many_to_many}
    return [f for f in form._meta.fields if f in names and f in form.cleaned_data]


def _plain_changes(form) -> dict:
    m2m = set(_m2m_fields(form))
    return {k: v for k, v in form_changes(form).items() if k not in m2m}
