"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Achievement


@admin.register(Achievement)
class AchievementAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "owner", "status", "registered_on", "transferred_on"]
    list_filter = ["status", "kind"]
