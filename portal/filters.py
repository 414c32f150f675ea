import django_filters
from django.utils.translation import gettext_lazy as _

from projects.models import Objection

from .models import Publication


class PublicationFilterSet(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains", label=_("标题"))

    class Meta:
        model = Publication
        fields = ["kind", "status"]


class ObjectionFilterSet(django_filters.FilterSet):
    open = django_filters.BooleanFilter(field_name="resolved_at", lookup_expr="isnull", label=_("未处理"))
    receipt = django_filters.CharFilter(lookup_expr="iexact", label=_("回执编号"))

    class Meta:
        model = Objection
        fields = ["source"]
