from django.contrib import admin

from core.admin import AuditedModelAdmin

from .models import Division, Organisation, Person, Region


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level", "valid_from", "valid_to", "successor"]
    search_fields = ["code", "name"]


@admin.register(Division)
class DivisionAdmin(AuditedModelAdmin):
    list_display = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "credit_code", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "credit_code"]

    # Edits belong on the audited pages; the admin is for looking up.
    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["name", "organisation", "title", "id_number_masked"]
    search_fields = ["name"]
    exclude = ["id_number_encrypted", "id_number_index"]

    def has_change_permission(self, request, obj=None):
        return False
