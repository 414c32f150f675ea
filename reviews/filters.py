import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet, SearchFilterSet

from .models import AwardNomination, Expert, Invitation, ReviewRound


class ExpertFilterSet(SearchFilterSet):
    discipline = django_filters.CharFilter(
        field_name="disciplines__code", lookup_expr="startswith", label=_("学科代码"), distinct=True
    )

    class Meta:
        model = Expert
        fields = ["status", "tier"]


class RoundFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("搜索"))

    class Meta:
        model = ReviewRound
        fields = ["year", "mode", "status"]


class InvitationFilterSet(FilterSet):
    round = django_filters.NumberFilter(field_name="round_id", label=_("批次ID"))

    class Meta:
        model = Invitation
        fields = ["status"]


class NominationFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("搜索"))

    class Meta:
        model = AwardNomination
        fields = ["year", "category", "status"]
