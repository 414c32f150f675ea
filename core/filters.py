"""The FilterSet every list builds on. Its input is validated before it reaches the database: a
year outside 1949–2100, an id outside 1..2^63-1 (SQLite overflows above it) or a number that is
not one is a form error — a 400 on the API, an error beside the field and an empty list on the
page — never a 500. Every app's FilterSet inherits this, declared filters included."""

import functools
import operator

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import fields as filter_fields

from .models import AuditEntry
from .search import search
from .validators import MAX_ID

YEAR_MIN, YEAR_MAX = 1949, 2100


class BoundedKeyMixin:
    """A choice given by primary key is checked to be an integer in range before any query."""

    def check_key(self, value) -> None:
        model = self.queryset.model
        key = model._meta.get_field(self.to_field_name) if self.to_field_name else model._meta.pk
        if value in self.empty_values or not isinstance(key, models.IntegerField):
            return
        try:
            number = int(str(value))
        except ValueError:
            number = 0
        if not 1 <= number <= MAX_ID:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})


class BoundedModelChoiceField(BoundedKeyMixin, filter_fields.ModelChoiceField):
    def to_python(self, value):
        if value != self.null_value:
            self.check_key(value)
        return super().to_python(value)


class BoundedModelMultipleChoiceField(BoundedKeyMixin, filter_fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if item != self.null_value:
                self.check_key(item)
        return super()._check_values(value)


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(*args, **kwargs)


def _number_bounds(name: str, flt: django_filters.NumberFilter) -> dict:
    path = (flt.field_name or name).split("__")
    if "year" in name or path[-1] == "year":
        return {"min_value": YEAR_MIN, "max_value": YEAR_MAX, "decimal_places": 0}
    if path[-1] in ("id", "pk") or path[-1].endswith("_id"):
        return {"min_value": 1, "max_value": MAX_ID, "decimal_places": 0}
    return {"min_value": -MAX_ID, "max_value": MAX_ID}


class FilterSet(django_filters.FilterSet):
    @classmethod
    def get_filters(cls):
        """Declared and generated filters alike, once, when the class is built (so the OpenAPI
        schema shows the bounds too)."""
        filters = super().get_filters()
        for name, flt in filters.items():
            if isinstance(flt, django_filters.NumberFilter):
                for key, value in _number_bounds(name, flt).items():
                    flt.extra.setdefault(key, value)
            elif isinstance(flt, django_filters.ModelMultipleChoiceFilter):
                flt.field_class = BoundedModelMultipleChoiceField
            elif isinstance(flt, django_filters.ModelChoiceFilter):
                flt.field_class = BoundedModelChoiceField
        return filters

    @property
    def qs(self):
        """Invalid input filters nothing in: the page shows the errors beside an empty list (the
        API's filter backend answers 400 before it asks)."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return super().qs


class SearchFilterSet(FilterSet):
    """Base FilterSet with `q`, the jieba-segmented text search, for pages, export and API alike.
    A small table of names (divisions, regions, programs …) searches its own columns instead:
    `q_lookups` names the lookups, a record matching any one of them is found."""

    q = django_filters.CharFilter(method="filter_q", label=_("搜索"))
    q_lookups: tuple[str, ...] = ()

    def filter_q(self, queryset, name, value):
        if self.q_lookups:
            return queryset.filter(functools.reduce(operator.or_, (Q(**{lookup: value}) for lookup in self.q_lookups)))
        return search(queryset, value)


class AuditEntryFilterSet(FilterSet):
    from_date = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label=_("起始日期"))
    to_date = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label=_("截止日期"))
    user = django_filters.CharFilter(field_name="user_repr", lookup_expr="icontains", label=_("用户"))
    action = django_filters.CharFilter(lookup_expr="startswith", label=_("操作"))
    object = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label=_("对象"))
    request_id = django_filters.CharFilter(label=_("请求号"))

    class Meta:
        model = AuditEntry
        fields = ["content_type"]
