"""Read-only admin: every change goes through the audited pages and services."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog


@admin.register(CountyAction)
class CountyActionAdmin(ReadOnlyAdmin):
    list_display = ["name", "region", "year", "funds", "households", "status"]
    list_filter = ["year", "status"]


@admin.register(DemonstrationBase)
class DemonstrationBaseAdmin(ReadOnlyAdmin):
    list_display = ["name", "region", "industry", "households"]


@admin.register(Commissioner)
class CommissionerAdmin(ReadOnlyAdmin):
    list_display = ["person", "region", "village", "enterprise", "status"]
    list_filter = ["status"]


@admin.register(ServiceLog)
class ServiceLogAdmin(ReadOnlyAdmin):
    list_display = ["commissioner", "served_on", "place", "technologies"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["commissioner", "year", "grade"]


@admin.register(PovertyAid)
class PovertyAidAdmin(ReadOnlyAdmin):
    list_display = ["region", "year", "helper", "status", "lifted_on"]
    list_filter = ["year", "status"]
