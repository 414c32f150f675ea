"""One FilterSet per list (DESIGN.md rule 7): the pages, the Excel export and the API share them."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilterSet

from . import workflow as wf
from .models import Call, Program, Project

STAGES = {
    "application": wf.APPLICATION_STATES,
    "project": wf.PROJECT_STATES,
    "executing": wf.IMPLEMENTED_STATES - {wf.State.CLOSED, wf.State.ACCEPTED, wf.State.NOT_ACCEPTED},
    "finished": frozenset({wf.State.CLOSED, wf.State.ACCEPTED, wf.State.NOT_ACCEPTED, wf.State.TERMINATED}),
    "refused": frozenset({wf.State.REJECTED, wf.State.WITHDRAWN}),
}
STAGE_CHOICES = [
    ("application", _("申报阶段")),
    ("project", _("已立项")),
    ("executing", _("执行中")),
    ("finished", _("已结束")),
    ("refused", _("未立项/撤回")),
]


class ProjectFilterSet(SearchFilterSet):
    # A column of the project itself: no join can repeat a row, so no DISTINCT (django-filter's
    # default), which made the page count sort every matching row whole (65 ms on PostgreSQL).
    status = django_filters.MultipleChoiceFilter(choices=wf.State.choices, label=_("状态"), distinct=False)
    stage = django_filters.ChoiceFilter(choices=STAGE_CHOICES, method="filter_stage", label=_("阶段"))
    program = django_filters.ModelChoiceFilter(queryset=Program.objects.all(), label=_("计划类别"))
    call = django_filters.ModelChoiceFilter(queryset=Call.objects.all(), label=_("申报通知"))
    year = django_filters.NumberFilter(label=_("年度"))
    field = django_filters.CharFilter(lookup_expr="icontains", label=_("领域"))
    applicant_org = django_filters.NumberFilter(label=_("承担单位ID"))

    class Meta:
        model = Project
        fields = [
            "q",
            "stage",
            "status",
            "program",
            "call",
            "year",
            "level",
            "division",
            "field",
            "applicant_org",
        ]

    def filter_stage(self, queryset, name, value):
        return queryset.filter(status__in=STAGES[value])


class ProgramFilterSet(SearchFilterSet):
    q_lookups = ("name__icontains",)

    class Meta:
        model = Program
        fields = ["division", "is_major_special", "active"]


class CallFilterSet(SearchFilterSet):
    q_lookups = ("title__icontains",)

    class Meta:
        model = Call
        fields = ["program", "year"]
