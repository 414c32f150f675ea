"""One FilterSet for the registry's page, its Excel export and the API (with Chinese search)."""

from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilterSet, YearFilter
from directory.filters import RegionFilterMixin

from .models import Achievement


class AchievementFilterSet(RegionFilterMixin, SearchFilterSet):
    region_lookup = "owner__region__code"
    year = YearFilter(field_name="registered_on__year", label=_("登记年度"))
    transferred_year = YearFilter(field_name="transferred_on__year", label=_("转化年度"))

    class Meta:
        model = Achievement
        fields = ["kind", "maturity", "status", "open_for_transfer"]
