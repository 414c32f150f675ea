"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, YearFilter
from directory.filters import RegionFilterMixin

from .models import Agreement, CultivationEntry, Event


class EventFilterSet(RegionFilterMixin, FilterSet):
    year = YearFilter(field_name="starts_on__year", label=_("年度"))

    class Meta:
        model = Event
        fields = ["kind", "status"]


class AgreementFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "local_party__region__code"
    partner = django_filters.CharFilter(lookup_expr="icontains", label=_("合作方"))

    class Meta:
        model = Agreement
        fields = ["kind", "status"]


class CultivationEntryFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "organisation__region__code"
    entered_year = YearFilter(field_name="entered_on__year", label=_("入选年度"))

    class Meta:
        model = CultivationEntry
        fields = ["roster", "status"]
