"""One FilterSet per list: the page, its Excel export and the API use the same one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet, YearFilter
from directory.filters import RegionFilterMixin

from . import models as m


def id_filter(field_name: str, label) -> django_filters.NumberFilter:
    """Filter by a related record's id (a <select> of 50,000 organisations would not do)."""
    return django_filters.NumberFilter(field_name=field_name, label=label)


class PlatformFilterSet(RegionFilterMixin, SearchFilterSet):
    region_lookup = "host__region__code"
    host = django_filters.NumberFilter(field_name="host_id", label=_("依托单位ID"))
    recognised_year = django_filters.NumberFilter(field_name="recognised_on__year", label=_("认定年度"))
    flagged_for = YearFilter(method="filter_flagged", label=_("缺少/未通过年度评估的年度"))

    class Meta:
        model = m.Platform
        fields = ["kind", "level", "status", "division"]

    def filter_flagged(self, queryset, name, value):
        return queryset.flagged(int(value)) if value else queryset


class PlatformAnnualReportFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "platform__host__region__code"
    kind = django_filters.ChoiceFilter(
        field_name="platform__kind", choices=m.Platform.Kind.choices, label=_("平台类型")
    )

    class Meta:
        model = m.PlatformAnnualReport
        fields = ["year", "status"]


class IncubatorReportFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "platform__host__region__code"
    platform = id_filter("platform_id", _("孵化器ID"))
    period_from = django_filters.DateFilter(field_name="period_end", lookup_expr="gte", label=_("截止日起"))
    period_to = django_filters.DateFilter(field_name="period_end", lookup_expr="lte", label=_("截止日止"))

    class Meta:
        model = m.IncubatorReport
        fields = []


class HighTechEnterpriseFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "organisation__region__code"
    organisation = id_filter("organisation_id", _("企业ID"))
    certified_year = django_filters.NumberFilter(field_name="certified_on__year", label=_("认定年度"))
    certificate_no = django_filters.CharFilter(lookup_expr="icontains", label=_("证书编号"))

    class Meta:
        model = m.HighTechEnterprise
        fields = ["status", "field"]


class HighTechProductFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "organisation__region__code"
    organisation = id_filter("organisation_id", _("企业ID"))
    recognised_year = django_filters.NumberFilter(field_name="recognised_on__year", label=_("认定年度"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("产品名称"))

    class Meta:
        model = m.HighTechProduct
        fields = ["field"]


class AllianceFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "lead__region__code"
    lead = id_filter("lead_id", _("牵头单位ID"))
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("联盟名称"))
    member = django_filters.NumberFilter(field_name="members", label=_("成员单位ID"))

    class Meta:
        model = m.Alliance
        fields = []


class EnterpriseReportFilterSet(RegionFilterMixin, FilterSet):
    region_lookup = "organisation__region__code"
    organisation = id_filter("organisation_id", _("单位ID"))
    former_ministry_institute = django_filters.BooleanFilter(
        field_name="organisation__former_ministry_institute", label=_("原部属院所")
    )

    class Meta:
        model = m.EnterpriseReport
        fields = ["year", "month"]
