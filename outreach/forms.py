"""Edit forms of events, agreements and cultivation lists; imports validate rows with the same form."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LabelOrValueChoiceField, StyledFormMixin
from directory.forms import organisation_field, region_field
from projects.models import Project
from rural.forms import RuralForm

from .models import Agreement, CultivationEntry, Event


class EventForm(RuralForm):
    """A county office is offered only its own region (RuralForm)."""

    kind = LabelOrValueChoiceField(choices=Event.Kind.choices, label=_("活动类别"))
    region = region_field(False, _("举办地区"))

    class Meta:
        model = Event
        fields = [
            "name",
            "kind",
            "region",
            "starts_on",
            "ends_on",
            "venues",
            "organisers",
            "programme",
            "participants",
            "reach",
        ]


class ListTextarea(forms.Textarea):
    """Shows a list of values (project numbers) as one line of text."""

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(str(v) for v in value)
        return super().format_value(value)


class ProjectNumbersField(forms.ModelMultipleChoiceField):
    """Projects by number, separated by spaces, commas or semicolons (a page's text box, a sheet's
    cell); the API sends a list."""

    widget = ListTextarea(attrs={"rows": 2})

    def __init__(self, **kwargs):
        super().__init__(queryset=Project.objects.all(), to_field_name="number", **kwargs)

    def clean(self, value):
        if isinstance(value, str):
            value = [number for number in re.split(r"[\s,，;；、]+", value) if number]
        return super().clean(value)


class AgreementForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=Agreement.Kind.choices, label=_("合作类别"))
    local_party = organisation_field(False, _("本地合作单位"))
    projects = ProjectNumbersField(
        required=False, label=_("由此产生的项目"), help_text=_("项目编号,以空格、逗号或分号分隔。")
    )

    class Meta:
        model = Agreement
        fields = ["title", "kind", "partner", "country", "local_party", "signed_on", "ends_on", "content", "projects"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class CultivationEntryForm(StyledFormMixin, forms.ModelForm):
    organisation = organisation_field(True, _("企业"))
    roster = LabelOrValueChoiceField(choices=CultivationEntry.Roster.choices, label=_("名单"))

    class Meta:
        model = CultivationEntry
        fields = ["organisation", "roster", "entered_on", "note"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
