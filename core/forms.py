from django import forms
from django.utils.translation import gettext_lazy as _

from .filters import YEAR_MAX, YEAR_MIN


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates stay plain loops."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-select" if isinstance(
                widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class LabelOrValueChoiceField(forms.TypedChoiceField):
    """Accepts a choice's value or its (Chinese) label, as people type labels into sheets."""

    def to_python(self, value):
        value = super().to_python(value)
        for key, label in self.choices:
            if value == str(label):
                return key
        return value


class YearForm(StyledFormMixin, forms.Form):
    """`?year=` of a report page: a year the bureau could have data for, or a clear error."""

    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

    def year_or(self, default: int) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or default
