"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet, YearFilter
from directory.filters import RegionFilterMixin

from .models import Agency, AgencyEvaluation, AgencyService, TechContract


class AgencyFilterSet(RegionFilterMixin, SearchFilterSet):
    region_lookup = "organisation__region__code"

    class Meta:
        model = Agency
        fields = ["kind", "level"]


class AgencyServiceFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "agency__organisation__region__code"
    year = YearFilter(field_name="rendered_on__year", label=_("年度"))

    class Meta:
        model = AgencyService
        fields = ["kind", "status", "agency"]


class EvaluationFilterSet(FilterSet):
    class Meta:
        model = AgencyEvaluation
        fields = ["year", "grade", "agency"]


class ContractFilterSet(RegionFilterMixin, FilterSet):
    year = YearFilter(field_name="registered_on__year", label=_("登记年度"))
    number = django_filters.CharFilter(field_name="number", lookup_expr="startswith", label=_("登记编号"))

    class Meta:
        model = TechContract
        fields = ["kind", "agency"]
