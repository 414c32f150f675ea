import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Assessment, CountyReport


class AssessmentTable(tables.Table):
    title = tables.Column(linkify=True)
    year = tables.Column(accessor="scheme__year", verbose_name=_("年度"))

    class Meta:
        model = Assessment
        fields = ["title", "year", "status", "due_date", "snapshot_date", "published_at"]
        attrs = {"class": "table table-sm table-hover", "id": "assessment-table"}


class CountyReportTable(tables.Table):
    region = tables.Column(linkify=lambda record: record.get_absolute_url())
    code = tables.Column(accessor="region__code", verbose_name=_("区划代码"))

    class Meta:
        model = CountyReport
        fields = ["code", "region", "assessment", "status", "submitted_at", "return_reason"]
        attrs = {"class": "table table-sm table-hover", "id": "report-table"}
