import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterSet

from .models import CreditEvent


class CreditEventFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="subject_repr", lookup_expr="icontains", label=_("对象"))
    kind = django_filters.CharFilter(label=_("类型"))

    class Meta:
        model = CreditEvent
        fields = ["area", "status", "automatic", "severe"]
