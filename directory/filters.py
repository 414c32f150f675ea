import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilterSet
from core.permissions import region_q

from .models import Division, Organisation, Person, Region


class RegionFilterSet(SearchFilterSet):
    current = django_filters.BooleanFilter(method="filter_current", label=_("现行有效"))

    class Meta:
        model = Region
        fields = ["level"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__contains=value) | queryset.filter(code__startswith=value)

    def filter_current(self, queryset, name, value):
        import datetime as dt

        current = queryset.valid_on(dt.date.today())
        return current if value else queryset.exclude(pk__in=current)


class DivisionFilterSet(SearchFilterSet):
    class Meta:
        model = Division
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__contains=value)


class OrganisationFilterSet(SearchFilterSet):
    region = django_filters.CharFilter(method="filter_region", label=_("区划代码"))
    credit_code = django_filters.CharFilter(lookup_expr="iexact", label=_("信用代码"))

    class Meta:
        model = Organisation
        fields = ["kind", "former_ministry_institute", "listed_company", "innovation_pilot"]

    def filter_region(self, queryset, name, value: str):
        return queryset.filter(region_q([value])) if value else queryset


class PersonFilterSet(SearchFilterSet):
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("单位ID"))
    region = django_filters.CharFilter(method="filter_region", label=_("区划代码"))

    class Meta:
        model = Person
        fields = ["degree", "title"]

    def filter_region(self, queryset, name, value: str):
        return queryset.filter(region_q([value], "organisation__region__code")) if value else queryset
