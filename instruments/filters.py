"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet
from core.money import WAN
from directory.filters import RegionFilterMixin

from .models import Blackout, Booking, Instrument, LiteratureResource, LiteratureUse, Training, Usage


class InstrumentFilterSet(RegionFilterMixin, SearchFilterSet):
    region_lookup = "owner__region__code"
    owner = django_filters.NumberFilter(field_name="owner_id", label=_("单位ID"))
    # In 万元, the unit the list shows the original value in (one money unit per page).
    value_min = django_filters.NumberFilter(method="filter_value_min", label=_("原值不低于(万元)"))

    class Meta:
        model = Instrument
        fields = ["category", "status", "in_network"]

    def filter_value_min(self, queryset, name, value):
        return queryset.filter(original_value__gte=value * WAN) if value is not None else queryset


class BlackoutFilterSet(FilterSet):
    class Meta:
        model = Blackout
        fields = ["instrument"]


class TrainingFilterSet(FilterSet):
    class Meta:
        model = Training
        fields = ["instrument"]


class BookingFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "instrument__owner__region__code"
    start_from = django_filters.DateFilter(field_name="start", lookup_expr="date__gte", label=_("开始日期起"))
    start_to = django_filters.DateFilter(field_name="start", lookup_expr="date__lte", label=_("开始日期止"))

    class Meta:
        model = Booking
        fields = ["instrument", "status", "price_group"]


class UsageFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "booking__instrument__owner__region__code"
    year = django_filters.NumberFilter(field_name="booking__start__year", label=_("年度"))
    month = django_filters.NumberFilter(field_name="booking__start__month", label=_("月份"))
    organisation = django_filters.NumberFilter(field_name="booking__organisation_id", label=_("用户单位ID"))

    class Meta:
        model = Usage
        fields = []


class LiteratureFilterSet(SearchFilterSet):
    provider = django_filters.NumberFilter(field_name="provider_id", label=_("提供单位ID"))

    class Meta:
        model = LiteratureResource
        fields = ["kind", "access_mode", "in_service"]


class LiteratureUseFilterSet(FilterSet):
    class Meta:
        model = LiteratureUse
        fields = ["resource", "year"]
