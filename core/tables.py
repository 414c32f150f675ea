import django_tables2 as tables

from .models import AuditEntry


class AuditEntryTable(tables.Table):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s")

    class Meta:
        model = AuditEntry
        fields = ["id", "timestamp", "user_repr", "action", "content_type", "object_repr", "request_id", "note"]
        attrs = {"class": "table table-sm table-hover", "id": "audit-table"}
