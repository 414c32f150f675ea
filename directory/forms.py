from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.permissions import region_q
from core.validators import validate_resident_id, validate_uscc

from .models import Organisation, Person, Region


def own_organisations(user):
    """The organisations a user may file records for: all for bureau staff, its own for an org_admin."""
    if user is None or user.has_role(Role.ADMIN, Role.OFFICER):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))


def region_field(required: bool = True, label=None) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", label=label or _("区划代码"), required=required
    )
    field.label_from_instance = lambda r: f"{r.code} {r.name}"
    return field


def organisation_field(required: bool, label) -> forms.ModelChoiceField:
    # A text box for the credit code: a <select> of every organisation would be 50,000 options.
    field = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="credit_code",
        label=label,
        required=required,
        help_text=_("单位的统一社会信用代码。"),
        widget=forms.TextInput,
    )
    field.label_from_instance = lambda o: f"{o.name}({o.credit_code})"
    return field


class OrganisationForm(StyledFormMixin, forms.ModelForm):
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", label=_("所在区划"),
        help_text=_("填写区划代码，如 410305（涧西区）。"),
    )
    kind = LabelOrValueChoiceField(choices=Organisation.Kind.choices, label=_("单位类型"))

    class Meta:
        model = Organisation
        fields = ["name", "credit_code", "kind", "region", "industry", "address", "contact_phone",
                  "former_ministry_institute"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
        if user is not None and not user.has_role(Role.ADMIN, Role.OFFICER) and user.has_role(Role.COUNTY):
            # A county office registers organisations of its own region only.
            self.fields["region"].queryset = Region.objects.filter(region_q(user.region_codes, "code"))

    def clean_credit_code(self):
        code = validate_uscc(self.cleaned_data["credit_code"])
        duplicate = Organisation.objects.filter(credit_code=code).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("统一社会信用代码 %(code)s 已被“%(name)s”使用。This credit code is already registered."),
                code="duplicate", params={"code": code, "name": duplicate.first().name},
            )
        return code

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class PersonForm(StyledFormMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), to_field_name="credit_code", label=_("所在单位"),
        help_text=_("单位的统一社会信用代码。"),
    )
    degree = LabelOrValueChoiceField(choices=[("", "—"), *Person.Degree.choices], required=False, label=_("学位"))
    id_number = forms.CharField(label=_("身份证号"), required=False, max_length=20,
                                help_text=_("18位公民身份号码；保存后加密存储，仅显示掩码。"))

    class Meta:
        model = Person
        fields = ["name", "organisation", "title", "degree", "disciplines", "phone", "email"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.visible_to(user) if user is not None else Organisation.objects.all()
        )
        if user is not None and not user.is_bureau_wide and not user.region_codes:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))
        self.fields["organisation"].label_from_instance = lambda o: f"{o.name}（{o.credit_code}）"
        if self.instance.pk and self.instance.id_number_masked:
            self.fields["id_number"].help_text = _("当前：%(masked)s；留空表示不修改。") % {
                "masked": self.instance.id_number_masked}

    def clean_id_number(self):
        from core.crypto import blind_index

        raw = self.cleaned_data.get("id_number", "")
        if not raw:
            return ""
        number = validate_resident_id(raw)
        if Person.objects.filter(id_number_index=blind_index(number)).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("该身份证号已登记。This ID number is already registered."), code="duplicate")
        return number

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())
