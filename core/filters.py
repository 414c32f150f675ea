import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry
from .search import search


class SearchFilterSet(django_filters.FilterSet):
    """Base FilterSet with `q`, the jieba-segmented text search, for pages, export and API alike."""

    q = django_filters.CharFilter(method="filter_q", label=_("搜索"))

    def filter_q(self, queryset, name, value):
        return search(queryset, value)


class AuditEntryFilterSet(django_filters.FilterSet):
    from_date = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("起始日期"))
    to_date = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("截止日期"))
    user = django_filters.CharFilter(field_name="user_repr", lookup_expr="icontains", label=_("用户"))
    action = django_filters.CharFilter(lookup_expr="startswith", label=_("操作"))
    object = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label=_("对象"))
    request_id = django_filters.CharFilter(label=_("请求号"))

    class Meta:
        model = AuditEntry
        fields = ["content_type"]
