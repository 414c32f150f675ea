"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Achievement

read_only(
    Achievement,
    list_display=["number", "title", "owner", "status", "registered_on", "transferred_on"],
    list_filter=["status", "kind"],
)
