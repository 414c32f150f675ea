from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .filters import YEAR_MAX, YEAR_MIN
from .money import WAN, wan_input

# HTML input type and the one value format it can show, whatever the language.
ISO_WIDGETS = (
    (forms.DateTimeInput, "datetime-local", "%Y-%m-%dT%H:%M"),
    (forms.DateInput, "date", "%Y-%m-%d"),
    (forms.TimeInput, "time", "%H:%M"),
)
TEMPORAL_FIELDS = (forms.DateTimeField, forms.DateField, forms.TimeField)


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates stay plain loops; date and time widgets are
    browser pickers holding ISO values (a date field needs no widget of its own for that).

    Takes the `user=` that the generic pages, the API and imports build every form with; a form
    that uses it overrides `__init__`, one that does not need not."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-select" if isinstance(
                widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
            iso_widget(widget)
        self._related_by_instance()

    def _related_by_instance(self):
        """A choice field keyed by another column (a region's code, an organisation's credit code)
        must show that column: a ModelForm's initial holds the primary key, which the field then
        rendered, and saving the untouched form failed or picked another record."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField) or isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if field.to_field_name and self.initial.get(name) == _stored_key(instance, name):
                self.initial[name] = getattr(instance, name)

    def _clean_fields(self):
        super()._clean_fields()
        self.keep_unchanged_times()

    def keep_unchanged_times(self) -> None:
        # Only a field with an initial value can be unchanged (a new record's, an import row's have none).
        for name, field in self.fields.items():
            initial = self.initial.get(name)
            if isinstance(field, TEMPORAL_FIELDS) and name in self.cleaned_data and initial not in (None, ""):
                self.cleaned_data[name] = kept_if_unchanged(self[name], initial, self.cleaned_data[name])


def _stored_key(instance, name: str):
    try:
        model_field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field.value_from_object(instance) if model_field.many_to_one else None


def iso_widget(widget: forms.Widget) -> None:
    for kind, input_type, value_format in ISO_WIDGETS:
        if isinstance(widget, kind) and widget.input_type == "text":
            widget.input_type = input_type
        if isinstance(widget, kind):
            widget.format = value_format
            return


def kept_if_unchanged(bound: forms.BoundField, initial, cleaned):
    """A picker shows minutes; a stored time has seconds and microseconds (which `bound.initial`
    has already dropped). If the text sent back is exactly what was shown, the value was not
    changed and keeps its full precision."""
    if initial in (None, "") or cleaned is None:
        return cleaned
    shown = bound.field.widget.format_value(bound.field.prepare_value(initial))
    return initial if str(bound.data).strip() == shown else cleaned


class LabelOrValueChoiceField(forms.TypedChoiceField):
    """Accepts a choice's value or its (Chinese) label, as people type labels into sheets."""

    def to_python(self, value):
        value = super().to_python(value)
        return self._keys_by_label().get(value, value)

    def _keys_by_label(self) -> dict[str, object]:
        # Translating every lazy label for every row was a tenth of a 100,000-row import (issue
        # 16): the labels are read once per language and list of choices.
        language, choices = translation.get_language(), self._choices
        cached = self.__dict__.get("_labels")
        if cached is None or cached[0] != language or cached[1] is not choices:
            labels: dict[str, object] = {}
            for choice, label in self.choices:
                labels.setdefault(str(label), choice)  # the first choice with that label, as before
            cached = self._labels = (language, choices, labels)
        return cached[2]


class YearForm(StyledFormMixin, forms.Form):
    """`?year=` of a report page: a year the bureau could have data for, or a clear error."""

    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)

    def year_or(self, default: int) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or default


class WanField(forms.DecimalField):
    """Money typed on a page in 万元 and kept in yuan (DESIGN.md rule 4: pages show 万元, so an input
    beside 万元 figures takes 万元 too). The label gets its unit; 6 places in 万元 are exact yuan cents."""

    def __init__(self, *, label="", **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(label=format_lazy(_("{label}(万元)"), label=label), max_digits=20, decimal_places=6, **kwargs)
        self.widget.attrs.setdefault("step", "0.000001")

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return wan_input(value)
        return value

    def to_python(self, value):
        amount = super().to_python(value)
        if amount is None:
            return None
        yuan = amount * WAN
        if yuan != yuan.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                _("万元金额最多 6 位小数（精确到分）。At most 6 decimal places in 万元 (to the fen).")
            )
        return yuan.quantize(Decimal("0.01"))

    def validate(self, value):  # min/max are given in 万元, like the input
        super().validate(None if value is None else value / WAN)

    def run_validators(self, value):
        super().run_validators(None if value is None else value / WAN)


class NotificationPreferenceForm(forms.Form):
    email_events = forms.MultipleChoiceField(label=_("同时以邮件通知的事项"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from .notifications import EVENTS

        super().__init__(*args, **kwargs)
        self.fields["email_events"].choices = list(EVENTS.items())

    @staticmethod
    def current(user) -> list[str]:
        from .models import NotificationPreference
        from .notifications import EVENTS

        preference = NotificationPreference.objects.filter(user=user).first()
        return preference.email_events if preference else list(EVENTS)
