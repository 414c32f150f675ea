"""Edit forms of the rural registers; Excel imports validate each row with the same form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.models import Level
from core.permissions import region_q
from directory.forms import organisation_field, region_field
from directory.models import Person, Region

from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog


class RuralForm(StyledFormMixin, forms.ModelForm):
    """Takes `user=`; a county office is offered only its own region(s)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "region" in self.fields and user is not None and not user.is_bureau_wide:
            self.fields["region"].queryset = Region.objects.filter(region_q(user.region_codes, "code"))


class CountyActionForm(RuralForm):
    region = region_field(True, _("县(市)区"))
    level = LabelOrValueChoiceField(choices=Level.choices, label=_("级别"))

    class Meta:
        model = CountyAction
        fields = ["name", "region", "level", "year", "funds", "households", "industry"]


class DemonstrationBaseForm(RuralForm):
    region = region_field(True, _("县(市)区"))
    operator = organisation_field(False, _("承建单位"))
    action = forms.ModelChoiceField(queryset=CountyAction.objects.none(), required=False, label=_("所属专项行动"))

    class Meta:
        model = DemonstrationBase
        fields = ["name", "region", "action", "operator", "industry", "area_mu", "households", "established_on"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        actions = CountyAction.objects.select_related("region")
        self.fields["action"].queryset = actions.visible_to(user) if user is not None else actions


class CommissionerForm(RuralForm):
    region = region_field(True, _("服务县(市)区"))
    enterprise = organisation_field(False, _("服务企业"))

    class Meta:
        model = Commissioner
        fields = ["person", "region", "village", "enterprise", "speciality", "appointed_on"]
        widgets = {"person": forms.NumberInput}  # the person's id: no list of everyone
        help_texts = {"person": _("名录中人员的编号。")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].queryset = Person.objects.all()


class CommissionerRecordForm(RuralForm):
    """A log or an evaluation names one of the commissioners the user may see."""

    commissioner = forms.ModelChoiceField(queryset=Commissioner.objects.none(), label=_("特派员"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        commissioners = Commissioner.objects.select_related("person", "region", "enterprise")
        self.fields["commissioner"].queryset = commissioners.visible_to(user) if user is not None else commissioners


class ServiceLogForm(CommissionerRecordForm):
    class Meta:
        model = ServiceLog
        fields = ["commissioner", "served_on", "place", "technologies", "trained", "households", "content"]


class EvaluationForm(CommissionerRecordForm):
    grade = LabelOrValueChoiceField(choices=Evaluation.Grade.choices, label=_("等次"))

    class Meta:
        model = Evaluation
        fields = ["commissioner", "year", "grade", "remarks"]


class PovertyAidForm(RuralForm):
    region = region_field(True, _("重点县"))

    class Meta:
        model = PovertyAid
        fields = ["region", "year", "helper", "measures", "funds", "villages"]
