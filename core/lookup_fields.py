"""A form field that names a record instead of listing them all.

A `<select>` of every organisation or person hands the whole directory to whoever opens the page
(an expert declaring a conflict needs to name one organisation, not to see all of them). This
field takes what the user types and resolves it by exact match on a few lookups: one match is
the value, none or several are a clear error. Nothing else is disclosed.
"""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class ExactLookupField(forms.CharField):
    def __init__(self, queryset: QuerySet, lookups: tuple[str, ...], *, ambiguous: str = "", **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)
        self.queryset = queryset
        self.lookups = lookups
        self.ambiguous = ambiguous or _("有多条记录相符，请填写更完整的信息。Several records match; be more specific.")

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        query = Q()
        for lookup in self.lookups:
            query |= Q(**{lookup: text})
        found = list(self.queryset.filter(query)[:2])
        if not found:
            raise forms.ValidationError(
                _("未找到“%(text)s”，请按全称填写。No record matches; give the exact name.") % {"text": text},
                code="not_found",
            )
        if len(found) > 1:
            raise forms.ValidationError(self.ambiguous, code="ambiguous")
        return found[0]

    def prepare_value(self, value):
        return str(value) if hasattr(value, "pk") else value
