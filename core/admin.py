"""Admin bases. Every ModelAdmin is an `AuditedModelAdmin`, so a change made in the Django admin
lands in the audit log like a change made by a service (DESIGN.md rule 2)."""

from django.contrib import admin
from django.db import transaction

from . import audit
from .models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Saves (with many-to-many fields and inline rows), deletes and bulk deletes are audited."""

    def save_model(self, request, obj, form, change):
        # Many-to-many fields are saved after this, so the "after" is taken in save_related.
        obj._audit_before = audit.snapshot(type(obj)._base_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        old, new = audit.diff(obj.__dict__.pop("_audit_before", None), audit.snapshot(obj))
        if new or not change:
            audit.record(request.user, "update" if change else "create", obj, before=old, after=new, note="admin")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        parent = form.instance
        for obj in formset.new_objects:
            audit.record(request.user, "create", obj, after=audit.snapshot(obj), note="admin",
                         object_repr=f"{parent} / {obj}")
        for obj, fields in formset.changed_objects:
            values = audit.snapshot(obj)
            audit.record(request.user, "update", obj, after={k: v for k, v in values.items() if k in fields},
                         note="admin", object_repr=f"{parent} / {obj}")
        for obj in formset.deleted_objects:
            audit.record(request.user, "delete", None, before=audit.snapshot(obj), note="admin",
                         object_repr=f"{parent} / {obj}")

    def delete_model(self, request, obj):
        audit.record(request.user, "delete", obj, before=audit.snapshot(obj), note="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(request.user, "delete", obj, before=audit.snapshot(obj), note="admin bulk delete")
            super().delete_queryset(request, queryset)


class ReadOnlyAdmin(AuditedModelAdmin):
    """Admin is for looking only: every change goes through an app's services (DESIGN.md rule 1)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def read_only(model, **options) -> None:
    """Register `model` with a read-only admin showing `options` (list_display, list_filter …):
    the usual admin of a register, whose changes go through the app's services."""
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), options))


def audit_every_admin(site: admin.AdminSite) -> None:
    """Give the admins that libraries register (auth groups, API tokens, django-axes' lockout
    records, task results) the audited base too: deleting an axes record unlocks an account."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, AuditedModelAdmin):
            cls = type(model_admin)
            site.unregister(model)
            site.register(model, type(f"Audited{cls.__name__}", (AuditedModelAdmin, cls), {}))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by services and verified by `audit_verify`."""

    list_display = ["id", "timestamp", "user_repr", "action", "object_repr", "request_id"]
    list_filter = ["action"]
    search_fields = ["object_repr", "user_repr", "request_id"]
