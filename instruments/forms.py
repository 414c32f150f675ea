"""Edit forms; the Excel import of an owner's list validates every row with InstrumentForm."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import keeps_registers
from core.forms import LabelOrValueChoiceField, StyledFormMixin
from ip.forms import organisation_field, own_organisations
from registries.forms import CreditCodeListField

from .models import (
    AccessMode,
    Blackout,
    Category,
    Instrument,
    LiteratureKind,
    LiteratureResource,
    LiteratureUse,
    Training,
)


class InstrumentForm(StyledFormMixin, forms.ModelForm):
    owner = organisation_field(True, _("所属单位(统一社会信用代码)"))
    category = LabelOrValueChoiceField(choices=Category.choices, label=_("仪器类别"))
    status = LabelOrValueChoiceField(choices=Instrument.Status.choices, label=_("状态"))

    class Meta:
        model = Instrument
        fields = [
            "owner", "name", "model_number", "manufacturer", "category", "original_value", "purchase_date",
            "location", "status", "specifications", "operator_contact", "in_network", "slot_minutes",
            "min_notice_hours", "max_hours", "approval_required", "training_required", "fee_internal",
            "fee_other_org", "fee_city_enterprise", "fee_outside",
        ]
        widgets = {"specifications": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = own_organisations(user)


class _ChildForm(StyledFormMixin, forms.ModelForm):
    """Blackouts and training records: only of instruments the user manages."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Instrument.objects.all()
        if user is not None and not keeps_registers(user):
            queryset = queryset.filter(owner_id__in=user.scope_ids("org_admin", "organisation"))
        self.fields["instrument"].queryset = queryset


class BlackoutForm(_ChildForm):
    class Meta:
        model = Blackout
        fields = ["instrument", "start", "end", "reason"]


class TrainingForm(_ChildForm):
    user = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True), to_field_name="username",
                                  label=_("用户名"), widget=forms.TextInput)

    class Meta:
        model = Training
        fields = ["instrument", "user", "trained_on", "valid_until"]


class BookingForm(StyledFormMixin, forms.Form):
    """A booking request (the page and the API read the same fields)."""

    start = forms.DateTimeField(label=_("开始时间"))
    end = forms.DateTimeField(label=_("结束时间"))
    purpose = forms.CharField(label=_("用途"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    self_use = forms.BooleanField(label=_("自主上机(须经培训)"), required=False)

    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"].strip()
        if not purpose:
            raise forms.ValidationError(_("请填写用途。The purpose is required."))
        return purpose


class UsageForm(StyledFormMixin, forms.Form):
    hours = forms.DecimalField(label=_("实际机时(小时)"), min_value=0.01, max_value=336, decimal_places=2)
    samples = forms.IntegerField(label=_("样品数"), min_value=0, max_value=100_000, initial=0)
    operator = forms.CharField(label=_("操作人员"), max_length=100)
    comment = forms.CharField(label=_("备注"), required=False, max_length=500)


class LiteratureResourceForm(StyledFormMixin, forms.ModelForm):
    """A shared resource; organisations by credit code (the same form reads the Excel sheet)."""

    provider = organisation_field(True, _("提供单位(统一社会信用代码)"))
    kind = LabelOrValueChoiceField(choices=LiteratureKind.choices, label=_("资源类型"))
    access_mode = LabelOrValueChoiceField(choices=AccessMode.choices, label=_("访问方式"))
    covered = CreditCodeListField(label=_("覆盖单位(统一社会信用代码)"), required=False,
                                  help_text=_("开通使用的单位的统一社会信用代码,以空格、逗号或分号分隔。"))
    url = forms.URLField(label=_("访问地址"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = LiteratureResource
        fields = ["name", "provider", "kind", "access_mode", "url", "description", "covered", "opened_on",
                  "in_service"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class LiteratureUseForm(StyledFormMixin, forms.ModelForm):
    resource = forms.ModelChoiceField(queryset=LiteratureResource.objects.all(), to_field_name="name",
                                      label=_("文献资源(名称)"), widget=forms.TextInput)

    class Meta:
        model = LiteratureUse
        fields = ["resource", "year", "users_served", "searches", "downloads", "organisations_served"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
