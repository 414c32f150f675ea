"""The county's figures: one value, note and evidence file per figure of the scheme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Figure

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
