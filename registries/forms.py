"""Edit forms of the registries; Excel imports validate each row with the same form."""

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.models import Level
from directory.forms import organisation_field, own_organisations
from directory.models import Division, Organisation

from .models import (
    Alliance,
    EnterpriseReport,
    HighTechEnterprise,
    HighTechField,
    HighTechProduct,
    IncubatorReport,
    Platform,
    PlatformAnnualReport,
)

CERTIFICATE_YEARS = 3  # a high-tech certificate is valid for three years


class UserFormMixin(StyledFormMixin):
    """Takes `user=`; organisation pickers offer only what the user may file for."""

    organisation_fields: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.organisation_fields:
            self.fields[name].queryset = own_organisations(user)


class PlatformForm(UserFormMixin, forms.ModelForm):
    organisation_fields = ("host",)
    # Intermediary agencies are registered in the agencies app (one place), no longer as platforms.
    kind = LabelOrValueChoiceField(
        choices=[c for c in Platform.Kind.choices if c[0] != Platform.Kind.AGENCY], label=_("平台类型")
    )
    level = LabelOrValueChoiceField(choices=Level.choices, label=_("级别"))
    host = organisation_field(True, _("依托单位"))
    division = forms.ModelChoiceField(
        queryset=Division.objects.all(), to_field_name="code", required=False, label=_("主管科室")
    )

    class Meta:
        model = Platform
        fields = ["name", "kind", "level", "host", "division", "approved_on", "field", "description"]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class PlatformAnnualReportForm(UserFormMixin, forms.ModelForm):
    platform = forms.ModelChoiceField(queryset=Platform.objects.none(), label=_("平台"))

    class Meta:
        model = PlatformAnnualReport
        fields = ["platform", "year", "summary", "rd_investment", "staff"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        queryset = Platform.objects.exclude(status=Platform.Status.REVOKED)
        if user is not None and not user.has_role("admin", "officer"):
            queryset = queryset.filter(host__in=own_organisations(user))
        self.fields["platform"].queryset = queryset


class IncubatorReportForm(UserFormMixin, forms.ModelForm):
    platform = forms.ModelChoiceField(queryset=Platform.objects.none(), label=_("孵化器"))

    class Meta:
        model = IncubatorReport
        fields = ["platform", "period_end", "area_m2", "tenants", "admitted", "graduated"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        queryset = Platform.objects.filter(kind=Platform.Kind.INCUBATOR).exclude(status=Platform.Status.REVOKED)
        if user is not None and not user.has_role("admin", "officer"):
            queryset = queryset.filter(host__in=own_organisations(user))
        self.fields["platform"].queryset = queryset


class HighTechEnterpriseForm(UserFormMixin, forms.ModelForm):
    organisation = organisation_field(True, _("企业"))
    field = LabelOrValueChoiceField(choices=HighTechField.choices, label=_("技术领域"))
    status = LabelOrValueChoiceField(choices=HighTechEnterprise.Status.choices, label=_("状态"))

    class Meta:
        model = HighTechEnterprise
        fields = ["organisation", "field", "status", "certificate_no", "certified_on", "valid_until"]

    def clean(self):
        data = super().clean()
        certified = data.get("certified_on")
        if certified and not data.get("valid_until"):
            data["valid_until"] = certified.replace(year=certified.year + CERTIFICATE_YEARS) - dt.timedelta(days=1)
        return data


class HighTechProductForm(UserFormMixin, forms.ModelForm):
    organisation = organisation_field(True, _("企业"))
    field = LabelOrValueChoiceField(choices=HighTechField.choices, label=_("技术领域"))

    class Meta:
        model = HighTechProduct
        fields = ["organisation", "name", "field", "certificate_no", "recognised_on"]


class CreditCodeListField(forms.CharField):
    """Organisations by credit code, separated by spaces, commas or semicolons (pages and sheets)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("成员单位的统一社会信用代码,以空格、逗号或分号分隔。"))
        super().__init__(widget=forms.Textarea(attrs={"rows": 3}), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(getattr(v, "credit_code", str(v)) for v in value)
        return value

    def to_python(self, value):
        codes = [c.upper() for c in re.split(r"[\s,，;；、]+", super().to_python(value) or "") if c]
        found = {o.credit_code: o for o in Organisation.objects.filter(credit_code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("未登记的信用代码:%(codes)s。Unknown credit codes."),
                code="unknown",
                params={"codes": "、".join(unknown)},
            )
        return list(dict.fromkeys(found[c] for c in codes))


class AllianceForm(UserFormMixin, forms.ModelForm):
    organisation_fields = ("lead",)
    lead = organisation_field(True, _("牵头单位"))
    members = CreditCodeListField(label=_("成员单位"), required=False)

    class Meta:
        model = Alliance
        fields = ["name", "lead", "members", "founded_on", "field"]

    def clean(self):
        data = super().clean()
        lead, members = data.get("lead"), data.get("members")
        if lead is not None and members is not None and lead not in members:
            data["members"] = [*members, lead]  # the lead is a member too
        return data


class EnterpriseReportForm(UserFormMixin, forms.ModelForm):
    organisation_fields = ("organisation",)
    organisation = organisation_field(True, _("单位"))

    class Meta:
        model = EnterpriseReport
        fields = [
            "organisation",
            "year",
            "month",
            "total_revenue",
            "industrial_output",
            "high_tech_output",
            "high_tech_added_value",
            "rd_investment",
            "super_deduction",
        ]
