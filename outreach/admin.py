"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Agreement, CultivationEntry, Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "starts_on", "reach", "status"]
    list_filter = ["kind", "status"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "partner", "country", "signed_on", "status"]
    list_filter = ["kind", "status"]


@admin.register(CultivationEntry)
class CultivationEntryAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "roster", "entered_on", "status", "graduated_on"]
    list_filter = ["roster", "status"]
