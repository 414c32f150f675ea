"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet
from directory.filters import RegionFilterMixin

from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog


class CountyActionFilterSet(RegionFilterMixin, FilterSet):
    class Meta:
        model = CountyAction
        fields = ["year", "level", "status"]


class DemonstrationBaseFilterSet(RegionFilterMixin, FilterSet):
    action = django_filters.NumberFilter(field_name="action_id", label=_("专项行动ID"))

    class Meta:
        model = DemonstrationBase
        fields = []


class CommissionerFilterSet(RegionFilterMixin, FilterSet):
    name = django_filters.CharFilter(field_name="person__name", lookup_expr="icontains", label=_("姓名"))

    class Meta:
        model = Commissioner
        fields = ["status"]


class CommissionerRecordFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "commissioner__region__code"
    commissioner = django_filters.NumberFilter(field_name="commissioner_id", label=_("特派员ID"))


class ServiceLogFilterSet(CommissionerRecordFilterSet):
    served_from = django_filters.DateFilter(field_name="served_on", lookup_expr="gte", label=_("服务日期起"))
    served_to = django_filters.DateFilter(field_name="served_on", lookup_expr="lte", label=_("服务日期止"))

    class Meta:
        model = ServiceLog
        fields = []


class EvaluationFilterSet(CommissionerRecordFilterSet):
    class Meta:
        model = Evaluation
        fields = ["year", "grade"]


class PovertyAidFilterSet(RegionFilterMixin, FilterSet):
    class Meta:
        model = PovertyAid
        fields = ["year", "status"]
