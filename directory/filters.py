import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet
from core.permissions import region_q

from .models import Division, Organisation, Person, Region


class RegionFilterMixin(FilterSet):
    """`region=<code>` covers the region's sub-codes (410300 → the whole city); an unknown code
    matches nothing. Set `region_lookup` to the path of the record's region code."""

    region_lookup = "region__code"
    region = django_filters.CharFilter(method="filter_region", label=_("区划代码"))

    def filter_region(self, queryset, name, value: str):
        if not value:
            return queryset
        if self.region_lookup == "region__code":  # the record's own region: by id, on its index
            ids = Region.objects.filter(region_q([value], "code")).values_list("pk", flat=True)
            return queryset.filter(region_id__in=list(ids))
        return queryset.filter(region_q([value], self.region_lookup))


class RegionFilterSet(SearchFilterSet):
    q_lookups = ("name__contains", "code__startswith")
    current = django_filters.BooleanFilter(method="filter_current", label=_("现行有效"))

    class Meta:
        model = Region
        fields = ["level"]

    def filter_current(self, queryset, name, value):
        current = queryset.valid_on(timezone.localdate())
        return current if value else queryset.exclude(pk__in=current)


class DivisionFilterSet(SearchFilterSet):
    q_lookups = ("name__contains",)

    class Meta:
        model = Division
        fields = []


class OrganisationFilterSet(RegionFilterMixin, SearchFilterSet):
    credit_code = django_filters.CharFilter(lookup_expr="iexact", label=_("信用代码"))

    class Meta:
        model = Organisation
        fields = ["kind", "former_ministry_institute"]


class PersonFilterSet(RegionFilterMixin, SearchFilterSet):
    region_lookup = "organisation__region__code"
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("单位ID"))

    class Meta:
        model = Person
        fields = ["degree", "title"]
