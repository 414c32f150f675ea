"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Agreement, CultivationEntry, Event

read_only(Event, list_display=["name", "kind", "starts_on", "reach", "status"], list_filter=["kind", "status"])

read_only(
    Agreement,
    list_display=["title", "kind", "partner", "country", "signed_on", "status"],
    list_filter=["kind", "status"],
)

read_only(
    CultivationEntry,
    list_display=["organisation", "roster", "entered_on", "status", "graduated_on"],
    list_filter=["roster", "status"],
)
