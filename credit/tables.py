import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import CreditEvent


class CreditEventTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="#")
    subject_repr = tables.Column(verbose_name=_("对象"))
    reason = tables.Column(linkify=True)

    class Meta:
        model = CreditEvent
        fields = [
            "id",
            "subject_repr",
            "area",
            "reason",
            "points",
            "status",
            "automatic",
            "expires_on",
            "recorded_at",
        ]
        attrs = {"class": "table table-sm table-hover"}
