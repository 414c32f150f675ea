"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Agency, AgencyEvaluation, AgencyService, TechContract


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "level", "organisation", "valid_until"]
    list_filter = ["kind", "level"]


@admin.register(AgencyService)
class AgencyServiceAdmin(ReadOnlyAdmin):
    list_display = ["title", "agency", "kind", "client", "rendered_on", "fee", "status"]
    list_filter = ["kind", "status"]


@admin.register(AgencyEvaluation)
class AgencyEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "score", "grade"]


@admin.register(TechContract)
class TechContractAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "kind", "seller", "buyer", "amount", "registered_on"]
    list_filter = ["kind"]
