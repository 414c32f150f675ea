from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from core import audit
from core.admin import AuditedModelAdmin

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class TechBureauUserAdmin(AuditedModelAdmin, UserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "display_name", "is_active", "last_login"]
    search_fields = ["username", "display_name"]
    fieldsets = (*UserAdmin.fieldsets, ("TechBureau", {"fields": ("display_name", "person")}))
    raw_id_fields = ["person"]

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            # The log records that the password changed and who changed it, never the password.
            audit.record(request.user, "password_change", User.objects.get(pk=unquote(id)), note="admin")
        return response


admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    """Roles are groups: who may do what changes here, so every change is audited."""
