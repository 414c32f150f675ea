"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Blackout, Booking, Instrument, Training, Usage

read_only(
    Instrument,
    list_display=["name", "model_number", "owner", "category", "original_value", "status", "in_network"],
    list_filter=["category", "status", "in_network"],
    search_fields=["name", "model_number"],
)

read_only(
    Booking,
    list_display=["instrument", "user", "start", "end", "price_group", "status"],
    list_filter=["status", "price_group"],
    date_hierarchy="start",
)

read_only(Usage, list_display=["booking", "hours", "samples", "operator", "fee"])

read_only(Blackout, list_display=["instrument", "start", "end", "reason"])

read_only(Training, list_display=["instrument", "user", "trained_on", "valid_until"])
