"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, YearFilter
from directory.filters import RegionFilterMixin

from .models import Programme, Talent, TalentReport


class ProgrammeFilterSet(FilterSet):
    class Meta:
        model = Programme
        fields = ["kind", "level"]


class TalentFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "organisation__region__code"
    year = YearFilter(field_name="supported_on__year", label=_("入选年度"))
    name = django_filters.CharFilter(field_name="person__name", lookup_expr="icontains", label=_("姓名"))
    kind = django_filters.ChoiceFilter(
        field_name="programme__kind", choices=Programme.Kind.choices, label=_("计划类别")
    )
    station = django_filters.NumberFilter(field_name="station_id", label=_("工作站ID"))

    class Meta:
        model = Talent
        fields = ["programme", "origin", "status"]


class TalentReportFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "talent__organisation__region__code"

    class Meta:
        model = TalentReport
        fields = ["year", "status"]
