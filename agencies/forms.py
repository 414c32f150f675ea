"""Edit forms; the Excel importer validates every row with these same forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.models import Level
from directory.forms import organisation_field, region_field
from projects.models import Project

from .models import Agency, AgencyEvaluation, AgencyService, TechContract


def agencies_for(user):
    """The agencies a user may file for: every agency for officers, its own for an agency's admin."""
    if user is None or user.has_role(Role.ADMIN, Role.OFFICER):
        return Agency.objects.all()
    return Agency.objects.filter(organisation_id__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))


class AgencyForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=Agency.Kind.choices, label=_("机构类型"))
    level = LabelOrValueChoiceField(choices=Level.choices, label=_("级别"))
    organisation = organisation_field(True, _("法人单位信用代码"))

    class Meta:
        model = Agency
        fields = [
            "name", "kind", "level", "organisation", "qualification", "qualification_no",
            "valid_from", "valid_until", "contact", "description",
        ]


class AgencyServiceForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=AgencyService.Kind.choices, label=_("服务类型"))
    client = organisation_field(True, _("服务对象信用代码"))

    class Meta:
        model = AgencyService
        fields = ["agency", "kind", "client", "project", "title", "rendered_on", "fee"]
        widgets = {"project": forms.NumberInput}  # the project's id; a <select> would list every application

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)
        projects = Project.objects.visible_to(user) if user is not None else Project.objects.all()
        self.fields["project"].queryset = projects
        self.fields["project"].required = False


class AgencyEvaluationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AgencyEvaluation
        fields = ["agency", "year", "score", "comment"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].required = True


class ContractForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=TechContract.Kind.choices, label=_("合同类型"))
    buyer = organisation_field(True, _("买方信用代码"))
    seller = organisation_field(True, _("卖方信用代码"))
    region = region_field(label=_("登记地区代码"))

    class Meta:
        model = TechContract
        fields = [
            "number", "name", "kind", "buyer", "seller", "amount", "technical_amount",
            "signed_on", "registered_on", "region", "agency",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = Agency.objects.filter(kind=Agency.Kind.TECH_MARKET)

    def clean(self):
        data = super().clean()
        seller = data.get("seller")
        own = self.user.scope_ids(Role.ORG_ADMIN, "organisation") if self.user is not None else None
        if seller and own is not None and not self.user.has_role(Role.ADMIN, Role.OFFICER) and seller.pk not in own:
            self.add_error("seller", _("只能登记本单位作为卖方的合同。Only your own contracts."))
        return data
