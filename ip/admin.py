"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin, read_only

from .models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication, SubsidyPolicy


@admin.register(Patent)
class PatentAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "kind", "status", "filing_date", "grant_date", "region"]
    list_filter = ["kind", "status"]
    search_fields = ["number"]
    show_full_result_count = False  # a million rows: no COUNT(*) on every page


read_only(RegionPopulation, list_display=["region", "year", "population"])

read_only(SubsidyPolicy, list_display=["year", "title", "total_budget", "cap_per_applicant", "is_open"])

read_only(
    SubsidyApplication,
    list_display=["patent", "policy", "stage", "amount", "status"],
    list_filter=["status", "stage"],
)

read_only(IPAdvantage, list_display=["kind", "region", "organisation", "status", "recognised_on"])
