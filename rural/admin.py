"""Read-only admin: every change goes through the audited pages and services."""

from core.admin import read_only

from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog

read_only(
    CountyAction,
    list_display=["name", "region", "year", "funds", "households", "status"],
    list_filter=["year", "status"],
)

read_only(DemonstrationBase, list_display=["name", "region", "industry", "households"])

read_only(Commissioner, list_display=["person", "region", "village", "enterprise", "status"], list_filter=["status"])

read_only(ServiceLog, list_display=["commissioner", "served_on", "place", "technologies"])

read_only(Evaluation, list_display=["commissioner", "year", "grade"])

read_only(PovertyAid, list_display=["region", "year", "helper", "status", "lifted_on"], list_filter=["year", "status"])
