"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from . import models as m

read_only(
    m.Platform,
    list_display=["name", "kind", "level", "host", "status", "recognised_on"],
    list_filter=["kind", "level", "status"],
    search_fields=["name"],
)

read_only(m.PlatformAnnualReport, list_display=["platform", "year", "status"], list_filter=["year", "status"])

read_only(m.IncubatorReport, list_display=["platform", "period_end", "area_m2", "tenants"])

read_only(
    m.HighTechEnterprise,
    list_display=["organisation", "field", "status", "certificate_no", "certified_on", "valid_until"],
    list_filter=["status", "field"],
    search_fields=["certificate_no", "organisation__name"],
)

read_only(m.HighTechProduct, list_display=["name", "organisation", "field", "recognised_on"])

read_only(m.Alliance, list_display=["name", "lead", "founded_on"])

read_only(
    m.EnterpriseReport,
    list_display=["organisation", "year", "month", "total_revenue", "high_tech_output"],
    list_filter=["year", "month"],
)
