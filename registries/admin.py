"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from . import models as m


@admin.register(m.Platform)
class PlatformAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "level", "host", "status", "recognised_on"]
    list_filter = ["kind", "level", "status"]
    search_fields = ["name"]


@admin.register(m.PlatformAnnualReport)
class PlatformAnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["platform", "year", "status"]
    list_filter = ["year", "status"]


@admin.register(m.IncubatorReport)
class IncubatorReportAdmin(ReadOnlyAdmin):
    list_display = ["platform", "period_end", "area_m2", "tenants"]


@admin.register(m.HighTechEnterprise)
class HighTechEnterpriseAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "field", "status", "certificate_no", "certified_on", "valid_until"]
    list_filter = ["status", "field"]
    search_fields = ["certificate_no", "organisation__name"]


@admin.register(m.HighTechProduct)
class HighTechProductAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "field", "recognised_on"]


@admin.register(m.Alliance)
class AllianceAdmin(ReadOnlyAdmin):
    list_display = ["name", "lead", "founded_on"]


@admin.register(m.EnterpriseReport)
class EnterpriseReportAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "year", "month", "total_revenue", "high_tech_output"]
    list_filter = ["year", "month"]
