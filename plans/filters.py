import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet
from directory.models import Division

from .forms import leader_queryset
from .models import Indicator, Plan, ProgressReport, WorkItem


class PlanFilterSet(SearchFilterSet):
    q_lookups = ("title__contains",)

    class Meta:
        model = Plan
        fields = ["year", "status"]


class IndicatorFilterSet(SearchFilterSet):
    """The dashboard's filters: the same set serves the page, its Excel export and the API."""

    q_lookups = ("name__contains", "code__startswith")
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("责任科室"))
    leader = django_filters.ModelChoiceFilter(queryset=leader_queryset(), label=_("分管领导"))

    class Meta:
        model = Indicator
        fields = ["plan", "division", "leader", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # evaluated per request: leaders are users and change after start-up
        self.filters["leader"].queryset = leader_queryset()
        user = getattr(self.request, "user", None)
        self.filters["plan"].queryset = Plan.objects.visible_to(user) if user else Plan.objects.none()


class ProgressReportFilterSet(FilterSet):
    class Meta:
        model = ProgressReport
        fields = ["indicator"]


class WorkItemFilterSet(SearchFilterSet):
    q_lookups = ("title__contains", "body__contains")
    division = django_filters.ModelChoiceFilter(queryset=Division.objects.all(), label=_("责任科室"))

    class Meta:
        model = WorkItem
        fields = ["plan", "division", "leader"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        self.filters["plan"].queryset = Plan.objects.visible_to(user) if user else Plan.objects.none()
        self.filters["leader"].queryset = leader_queryset()
