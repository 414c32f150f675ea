"""Admin is for looking only: every change goes through projects.services (DESIGN.md rule 1)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Call, Program, Project


@admin.register(Program)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "division", "funding_min", "funding_max", "is_major_special", "active"]


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ["title", "program", "year", "opens_at", "closes_at"]
    list_filter = ["program", "year"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "program", "year", "status"]
    list_filter = ["status", "program", "year"]
    search_fields = ["number", "title"]
