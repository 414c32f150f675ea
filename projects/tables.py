import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.crud import WanColumn
from core.tables import DateTimeColumn

from .models import Call, Program, Project


class ProjectTable(tables.Table):
    number = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    approved_funding = WanColumn(verbose_name=_("批准资助(万元)"))
    requested_funding = WanColumn(verbose_name=_("申请资助(万元)"))
    status_changed_at = DateTimeColumn(format="Y-m-d", verbose_name=_("状态变更"))

    class Meta:
        model = Project
        fields = [
            "number",
            "title",
            "program",
            "year",
            "applicant_org",
            "status",
            "requested_funding",
            "approved_funding",
            "status_changed_at",
        ]
        attrs = {"class": "table table-sm table-hover", "id": "project-table"}


class ProgramTable(tables.Table):
    name = tables.Column(linkify=True)
    funding_min = WanColumn(verbose_name=_("资助下限(万元)"))
    funding_max = WanColumn(verbose_name=_("资助上限(万元)"))

    class Meta:
        model = Program
        fields = ["name", "division", "funding_min", "funding_max", "is_major_special", "active"]
        attrs = {"class": "table table-sm table-hover", "id": "program-table"}


class CallTable(tables.Table):
    title = tables.Column(linkify=True)
    opens_at = DateTimeColumn(format="Y-m-d H:i")
    closes_at = DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = Call
        fields = ["title", "program", "year", "opens_at", "closes_at", "default_quota"]
        attrs = {"class": "table table-sm table-hover", "id": "call-table"}
