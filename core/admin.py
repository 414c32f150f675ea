from django.contrib import admin

from .models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin is for looking only: every change goes through an app's services (DESIGN.md rule 1)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by services and verified by `audit_verify`."""

    list_display = ["id", "timestamp", "user_repr", "action", "object_repr", "request_id"]
    list_filter = ["action"]
    search_fields = ["object_repr", "user_repr", "request_id"]
