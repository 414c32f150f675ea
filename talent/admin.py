"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Programme, Talent, TalentReport

read_only(Programme, list_display=["name", "kind", "level", "cap"], list_filter=["kind", "level"])

read_only(
    Talent,
    list_display=["person", "programme", "organisation", "origin", "supported_on", "status"],
    list_filter=["origin", "status"],
)

read_only(TalentReport, list_display=["talent", "year", "status"], list_filter=["year", "status"])
