"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Programme, Talent, TalentReport


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "level", "cap"]
    list_filter = ["kind", "level"]


@admin.register(Talent)
class TalentAdmin(ReadOnlyAdmin):
    list_display = ["person", "programme", "organisation", "origin", "supported_on", "status"]
    list_filter = ["origin", "status"]


@admin.register(TalentReport)
class TalentReportAdmin(ReadOnlyAdmin):
    list_display = ["talent", "year", "status"]
    list_filter = ["year", "status"]
