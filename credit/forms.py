from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from directory.models import Organisation, Person

from .services import KINDS


class ManualEventForm(StyledFormMixin, forms.Form):
    """An officer records a catalogued event against one person or one organisation."""

    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False, label=_("人员"))
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False, label=_("单位"))
    kind = forms.ChoiceField(label=_("事件类型"), choices=[])
    evidence = forms.CharField(label=_("证据"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, f"{spec.label}（{spec.points:+d}）") for k, spec in KINDS.items()]

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("请选择一个人员或一个单位（二选一）。Choose one person or one organisation."))
        return data


class DecisionForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(StyledFormMixin, forms.Form):
    statement = forms.CharField(label=_("申诉理由"), widget=forms.Textarea(attrs={"rows": 3}))
