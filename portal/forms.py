from django import forms
from django.utils.translation import gettext_lazy as _

from ip.models import SubsidyApplication
from plans.models import Plan
from registries.models import Platform

from .models import Publication, PublicNotice


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["kind", "title", "doc_number", "issuer", "body", "correction_note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}), "correction_note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"correction_note": _("修改已发布的信息时必填，公众可见。")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ObjectionForm(forms.Form):
    """What the public fills in; the service checks the text and the evidence by content."""

    name = forms.CharField(label=_("姓名或单位"), max_length=60)
    contact = forms.CharField(
        label=_("联系方式"), max_length=100, help_text=_("电话或电子邮箱，仅供核查人员联系，不公开。")
    )
    content = forms.CharField(label=_("异议内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    evidence = forms.FileField(label=_("证明材料"), required=False, help_text=_("PDF、JPG 或 PNG，不超过 5 MB。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("核查结论"),
        choices=[("0", _("异议不成立")), ("1", _("异议成立（转局领导决定）"))],
        coerce=lambda v: v == "1",
    )
    resolution = forms.CharField(label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("异议人凭回执可查看此答复。"))


class SnapshotForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("工作要点"), queryset=Plan.objects.order_by("-year"))
    month = forms.DateField(label=_("月份（任一日期）"), widget=forms.DateInput(attrs={"type": "date"}))


class NoticeForm(forms.Form):
    """An officer opens a platform-recognition or subsidy-list notice (pick the lines of its kind)."""

    kind = forms.ChoiceField(label=_("公示类别"), choices=PublicNotice.Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    starts_at = forms.DateTimeField(label=_("公示开始"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("公示截止"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    platforms = forms.ModelMultipleChoiceField(label=_("拟认定平台"), queryset=Platform.objects.none(), required=False)
    subsidies = forms.ModelMultipleChoiceField(label=_("拟资助专利"), queryset=SubsidyApplication.objects.none(),
                                               required=False)

    def __init__(self, *args, **kwargs):
        from .notices import platform_candidates, subsidy_candidates

        super().__init__(*args, **kwargs)
        self.fields["platforms"].queryset = platform_candidates()
        self.fields["subsidies"].queryset = subsidy_candidates()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def records(self):
        key = "platforms" if self.cleaned_data["kind"] == PublicNotice.Kind.PLATFORM else "subsidies"
        return list(self.cleaned_data[key])


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"), help_text=_("PDF、Word、Excel、JPG 或 PNG，不超过 20 MB；按文件内容判断类型。")
    )
