"""The county's figures: one value, note and evidence file per figure of the scheme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin

from .models import Figure, Indicator, IndicatorGroup, VetoItem

YES_NO = [("", "—"), ("1", _("是")), ("0", _("否"))]


class ReportValuesForm(forms.Form):
    contact = forms.CharField(label=_("填报联系人"), max_length=60, required=False)

    def __init__(self, *args, report, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.figures = list(report.assessment.scheme.figures.all())
        current = {v.figure_id: v for v in report.values.all()}
        self.fields["contact"].initial = report.contact
        for figure in self.figures:
            value = current.get(figure.pk)
            label = f"{figure.name}（{figure.unit}）" if figure.unit else figure.name
            if figure.type == Figure.Type.YES_NO:
                field = forms.TypedChoiceField(label=label, choices=YES_NO, coerce=int, required=False,
                                               empty_value=None)
                initial = int(value.value) if value else None
            else:
                field = forms.DecimalField(label=label, max_digits=18, decimal_places=4, required=False)
                initial = value.value.normalize() if value else None
            field.initial = initial
            self.fields[f"v_{figure.code}"] = field
            self.fields[f"n_{figure.code}"] = forms.CharField(label=_("说明"), max_length=300, required=False,
                                                             initial=value.note if value else "")
            self.fields[f"f_{figure.code}"] = forms.FileField(label=_("佐证材料"), required=False)

    def rows(self):
        for figure in self.figures:
            yield figure, self[f"v_{figure.code}"], self[f"n_{figure.code}"], self[f"f_{figure.code}"]

    def entries(self) -> dict:
        data = self.cleaned_data
        return {
            figure: (data.get(f"v_{figure.code}"), data.get(f"n_{figure.code}", ""), data.get(f"f_{figure.code}"))
            for figure in self.figures
        }


# --- the officer's scheme pages (a draft scheme's groups, indicators and veto items) ---------------


class _SchemePartForm(StyledFormMixin, forms.ModelForm):
    """Choices limited to the scheme's own groups and figures; a new row belongs to `scheme`."""

    def __init__(self, *args, user=None, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.scheme = scheme or self.instance.scheme_of()
        for name, field in self.fields.items():
            if name in ("figure", "compare_to"):
                field.queryset = self.scheme.figures.all()
            elif name == "group":
                field.queryset = self.scheme.groups.all()
        if self.instance.pk is None and hasattr(self.instance, "scheme_id"):
            self.instance.scheme = self.scheme


class GroupForm(_SchemePartForm):
    class Meta:
        model = IndicatorGroup
        fields = ["name", "order"]


def _source_choices():
    from .queries import QUERIES

    return [("", _("（县区填报项）")), *((key, f"{query.label}（{key}）") for key, query in QUERIES.items())]


class IndicatorForm(_SchemePartForm):
    source_key = forms.ChoiceField(label=_("数据来源"), choices=_source_choices, required=False,
                                   help_text=_("系统按区划统计的查询；留空则取县区填报项。"))

    class Meta:
        model = Indicator
        fields = ["group", "name", "unit", "weight", "rule", "floor", "target", "tiers", "source_key", "figure",
                  "order"]


class VetoItemForm(_SchemePartForm):
    class Meta:
        model = VetoItem
        fields = ["name", "figure", "op", "threshold", "compare_to", "order"]
