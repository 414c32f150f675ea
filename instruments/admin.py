"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from registries.admin import ReadOnlyAdmin

from .models import Blackout, Booking, Instrument, Training, Usage


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "model_number", "owner", "category", "original_value", "status", "in_network"]
    list_filter = ["category", "status", "in_network"]
    search_fields = ["name", "model_number"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "user", "start", "end", "price_group", "status"]
    list_filter = ["status", "price_group"]
    date_hierarchy = "start"


@admin.register(Usage)
class UsageAdmin(ReadOnlyAdmin):
    list_display = ["booking", "hours", "samples", "operator", "fee"]


@admin.register(Blackout)
class BlackoutAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "start", "end", "reason"]


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    list_display = ["instrument", "user", "trained_on", "valid_until"]
