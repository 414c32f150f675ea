from django import forms
from django.conf import settings
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin

from . import sources
from .models import Indicator, Milestone, Plan, ProgressReport, WorkItem, WorkItemNote
from .parser import decode_plan_bytes

MAX_PLAN_BYTES = 2 * 1024 * 1024


def leader_queryset():
    return User.objects.filter(role_assignments__role=Role.LEADER).distinct().order_by("username")


def source_choices() -> list[tuple[str, str]]:
    return [("", _("手工填报")), *[(s.key, f"{s.label}（{s.unit}）") for s in sources.all_sources()]]


class PlanImportForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=1990, max_value=2100)
    title = forms.CharField(
        label=gettext_lazy("标题"), max_length=200, required=False, help_text=gettext_lazy("留空则取原文第一行。")
    )
    file = forms.FileField(label=gettext_lazy("要点原文（.txt，UTF-8 或 GB18030）"), required=False)
    text = forms.CharField(
        label=gettext_lazy("或直接粘贴原文"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload:
            if upload.size > MAX_PLAN_BYTES:
                raise forms.ValidationError(
                    _("文件过大（%(size)s），上限为 %(limit)s。File too large.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_PLAN_BYTES)}
                )
            raw = upload.read()
            if b"\x00" in raw:
                raise forms.ValidationError(_("只接受纯文本文件。Only plain text files are accepted."))
            text = decode_plan_bytes(raw).strip()
            data["source_name"] = upload.name
        else:
            data["source_name"] = ""
        if not text:
            raise forms.ValidationError(_("请上传要点原文或粘贴文本。Upload or paste the plan text."))
        data["plan_text"] = text
        return data


class IndicatorForm(StyledFormMixin, forms.ModelForm):
    # The model's default as the field's initial: the review page's untouched "add a row" line then
    # posts back what it was rendered with, and the formset leaves it out (issue 11).
    kind = LabelOrValueChoiceField(
        choices=Indicator.Kind.choices, label=gettext_lazy("类型"), initial=Indicator._meta.get_field("kind").default
    )
    source_key = forms.ChoiceField(label=gettext_lazy("数据来源"), required=False)

    class Meta:
        model = Indicator
        fields = [
            "code", "name", "kind", "unit", "target_value", "target_min", "target_max", "stretch_value",
            "baseline", "deadline", "division", "leader", "schedule", "q1", "q2", "q3", "q4", "source_key",
            "source_note", "order",
        ]  # fmt: skip

    def __init__(self, *args, user=None, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.instance.plan = plan
        self.fields["leader"].queryset = leader_queryset()
        self.fields["source_key"].choices = source_choices()

    def clean_source_key(self):
        # Only that the key names a source; whether its unit converts is Indicator.clean's rule.
        key = self.cleaned_data.get("source_key", "")
        if key and sources.find(key) is None:
            raise forms.ValidationError(_("未登记的数据来源。Unknown data source."))
        return key


class ReviewIndicatorForm(IndicatorForm):
    """The review page's row: what the parser may have got wrong, plus division and leader."""

    class Meta(IndicatorForm.Meta):
        fields = [
            "name", "kind", "unit", "target_value", "target_min", "target_max", "stretch_value", "baseline",
            "deadline", "division", "leader", "source_key",
        ]  # fmt: skip


class BaseReviewFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, plan: Plan, user=None, **kwargs):
        self.plan = plan
        self.user = user
        # Sorted by the linking's confidence: the surest links first, the ones to decide below.
        order = (F("source_confidence").desc(nulls_last=True), "order")
        kwargs.setdefault("queryset", plan.indicators.select_related("division", "leader").order_by(*order))
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "plan": self.plan, "user": self.user}


ReviewFormSet = forms.modelformset_factory(
    Indicator, form=ReviewIndicatorForm, formset=BaseReviewFormSet, extra=1, can_delete=True
)


class ProgressReportForm(StyledFormMixin, forms.ModelForm):
    evidence = forms.FileField(
        label=gettext_lazy("佐证材料"),
        required=False,
        help_text=gettext_lazy("PDF、Word、Excel 或图片，按内容校验类型。"),
    )

    class Meta:
        model = ProgressReport
        fields = ["as_of", "value", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, indicator: Indicator | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            self.instance.indicator = indicator
            self.fields["as_of"].initial = min(timezone.localdate(), _year_end(indicator.plan.year))
        if indicator is not None and indicator.kind in (Indicator.Kind.KEEP_RANK, Indicator.Kind.DEADLINE):
            self.fields["value"].help_text = _("1 表示已完成（已保持），0 表示未完成。1 = met, 0 = not yet.")

    def clean_evidence(self):
        from core.uploads import check_upload

        upload = self.cleaned_data.get("evidence")
        if upload:
            check_upload(upload, max_bytes=settings.MAX_UPLOAD_BYTES)
        return upload


def _year_end(year: int):
    import datetime as dt

    return dt.date(year, 12, 31)


class WorkItemForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WorkItem
        fields = ["title", "division", "leader"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leader_queryset()


class MilestoneForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due"]

    def __init__(self, *args, user=None, work_item: WorkItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if work_item is not None:
            self.instance.work_item = work_item


class WorkItemNoteForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = WorkItemNote
        fields = ["noted_on", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, work_item: WorkItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if work_item is not None:
            self.instance.work_item = work_item
        self.fields["noted_on"].initial = timezone.localdate()
