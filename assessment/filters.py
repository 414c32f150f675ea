import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Assessment, CountyReport, CountyResult


class AssessmentFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="scheme__year", label=_("年度"))

    class Meta:
        model = Assessment
        fields = ["status"]


class CountyReportFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="assessment__scheme__year", label=_("年度"))
    region = django_filters.CharFilter(field_name="region__code", label=_("区划代码"))

    class Meta:
        model = CountyReport
        fields = ["assessment", "status"]


class CountyResultFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="assessment__scheme__year", label=_("年度"))
    region = django_filters.CharFilter(field_name="region__code", label=_("区划代码"))

    class Meta:
        model = CountyResult
        fields = ["assessment", "vetoed", "grade"]
