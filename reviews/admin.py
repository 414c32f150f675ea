from django.contrib import admin

from core.admin import AuditedModelAdmin

from .models import Discipline


# Everything else changes through services (audited); only the reference table is edited here.
@admin.register(Discipline)
class DisciplineAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level"]
    search_fields = ["code", "name"]
