"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet
from directory.filters import RegionFilterMixin

from .models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication, SubsidyPolicy


class PatentFilterSet(RegionFilterMixin, SearchFilterSet):
    number = django_filters.CharFilter(method="filter_number", label=_("申请号"))
    filed_from = django_filters.DateFilter(field_name="filing_date", lookup_expr="gte", label=_("申请日起"))
    filed_to = django_filters.DateFilter(field_name="filing_date", lookup_expr="lte", label=_("申请日止"))
    granted_from = django_filters.DateFilter(field_name="grant_date", lookup_expr="gte", label=_("授权日起"))
    granted_to = django_filters.DateFilter(field_name="grant_date", lookup_expr="lte", label=_("授权日止"))
    organisation = django_filters.NumberFilter(field_name="applicant_organisation_id", label=_("单位ID"))

    class Meta:
        model = Patent
        fields = ["kind", "status"]

    def filter_number(self, queryset, name, value):
        from .patent_numbers import normalise

        digits = normalise(value)
        # Stored as body + "." + check: a complete number (9 or 13 characters) matches on its body.
        body = digits[:-1] if len(digits) in (9, 13) else digits
        # A range rather than LIKE 'body%', so that the unique index on the number is used.
        return queryset.filter(number__gte=body, number__lt=body + "\uffff")


class RegionPopulationFilterSet(RegionFilterMixin, FilterSet):
    class Meta:
        model = RegionPopulation
        fields = ["year"]


class SubsidyPolicyFilterSet(FilterSet):
    class Meta:
        model = SubsidyPolicy
        fields = ["year", "is_open"]


class SubsidyApplicationFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "patent__region__code"
    policy = django_filters.NumberFilter(field_name="policy__year", label=_("年度"))
    number = django_filters.CharFilter(field_name="patent__number", lookup_expr="startswith", label=_("申请号"))

    class Meta:
        model = SubsidyApplication
        fields = ["status", "stage"]


class IPAdvantageFilterSet(RegionFilterMixin, FilterSet):
    recognised_year = django_filters.NumberFilter(field_name="recognised_on__year", label=_("认定年度"))

    class Meta:
        model = IPAdvantage
        fields = ["kind", "level", "status"]
