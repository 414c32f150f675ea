from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core import audit

from .models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class TechBureauUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "display_name", "is_active", "last_login"]
    search_fields = ["username", "display_name"]
    fieldsets = (*UserAdmin.fieldsets, ("TechBureau", {"fields": ("display_name", "person")}))
    raw_id_fields = ["person"]

    # User administration happens here, so every save and delete lands in the audit log too.
    def save_model(self, request, obj, form, change):
        before = audit.snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        old, new = audit.diff(before, audit.snapshot(obj))
        audit.record(request.user, "update" if change else "create", obj, before=old, after=new, note="admin")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for assignment in formset.new_objects:
            audit.record(request.user, "assign_role", form.instance, after={"role": assignment.role,
                                                                           "scope": str(assignment)})
        for assignment in formset.deleted_objects:
            audit.record(request.user, "revoke_role", form.instance, before={"role": assignment.role,
                                                                            "scope": str(assignment)})

    def delete_model(self, request, obj):
        audit.record(request.user, "delete", obj, before=audit.snapshot(obj), note="admin")
        super().delete_model(request, obj)
