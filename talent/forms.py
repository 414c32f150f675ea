"""Edit forms of the talent registers; Excel imports validate each row with the same form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.models import Level
from directory.forms import organisation_field
from directory.models import Division, Person
from registries.models import Platform

from .models import Programme, Talent, TalentReport


class ProgrammeForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=Programme.Kind.choices, label=_("计划类别"))
    level = LabelOrValueChoiceField(choices=Level.choices, label=_("级别"))
    division = forms.ModelChoiceField(
        queryset=Division.objects.all(), to_field_name="code", required=False, label=_("主管科室")
    )

    class Meta:
        model = Programme
        fields = ["name", "kind", "level", "division", "cap", "description"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class TalentForm(StyledFormMixin, forms.ModelForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.all(), to_field_name="name", label=_("人才计划"))
    origin = LabelOrValueChoiceField(choices=Talent.Origin.choices, label=_("来源"))
    organisation = organisation_field(True, _("用人单位"))
    station = forms.ModelChoiceField(
        queryset=Platform.objects.filter(kind=Platform.Kind.POSTDOC_STATION),
        required=False,
        label=_("博士后科研工作站"),
    )

    class Meta:
        model = Talent
        fields = ["programme", "person", "organisation", "station", "origin", "field", "supported_on", "funding"]
        widgets = {"person": forms.NumberInput}  # the person's id: no list of everyone
        help_texts = {"person": _("名录中人员的编号。")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person"].queryset = Person.objects.all()


class TalentReportForm(StyledFormMixin, forms.ModelForm):
    talent = forms.ModelChoiceField(queryset=Talent.objects.none(), label=_("人才"))

    class Meta:
        model = TalentReport
        fields = ["talent", "year", "projects", "papers", "patents", "revenue", "summary"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        queryset = Talent.objects.select_related("person", "programme")
        self.fields["talent"].queryset = queryset.visible_to(user) if user is not None else queryset
