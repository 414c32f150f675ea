"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Agency, AgencyEvaluation, AgencyService, TechContract

read_only(Agency, list_display=["name", "kind", "level", "organisation", "valid_until"], list_filter=["kind", "level"])

read_only(
    AgencyService,
    list_display=["title", "agency", "kind", "client", "rendered_on", "fee", "status"],
    list_filter=["kind", "status"],
)

read_only(AgencyEvaluation, list_display=["agency", "year", "score", "grade"])

read_only(
    TechContract,
    list_display=["number", "name", "kind", "seller", "buyer", "amount", "registered_on"],
    list_filter=["kind"],
)
