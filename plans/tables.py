import django_tables2 as tables

from .models import Plan, WorkItem


class PlanTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Plan
        fields = ["year", "title", "status", "source_name", "updated_at"]
        attrs = {"class": "table table-sm table-hover", "id": "plan-table"}


class WorkItemTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = WorkItem
        fields = ["plan", "number", "title", "division", "leader"]
        attrs = {"class": "table table-sm table-hover", "id": "work-item-table"}
