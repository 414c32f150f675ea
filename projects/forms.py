from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin, WanField
from directory.models import Division, Organisation

from . import workflow as wf
from .models import BudgetLine, Call, Outcome, Program, Project, Report

MONEY_FIELD = {"max_digits": 18, "decimal_places": 2, "min_value": Decimal("0")}


def parse_quota_lines(text: str) -> dict[str, int]:
    """`推荐单位 名额` one per line (a county's region code, or division:<id>)."""
    quotas = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or not parts[1].isdigit():
            raise forms.ValidationError(_("第 %(n)s 行应为：推荐单位 名额") % {"n": number})
        quotas[parts[0]] = int(parts[1])
    return quotas


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# The application fields a program may require (the names of `Project` fields on the form).
REQUIRABLE_FIELDS = ["title", "field", "summary", "goals", "start_date", "end_date", "requested_funding"]


# A program's description and its rules for applications: the form edits them, the program's page shows them.
PROGRAM_DESCRIPTION = ["code", "name", "division", "description", "eligibility"]
PROGRAM_RULES = [
    "needs_academic_partner",
    "is_major_special",
    "overhead_cap",
    "equipment_threshold",
    "pi_project_limit",
    "member_project_limit",
]


class ProgramForm(StyledFormMixin, forms.ModelForm):
    """A program and its application rules; the list settings are edited one item per line."""

    fields_text = forms.CharField(label=_("支持领域"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("每行一个领域"))
    attachments_text = forms.CharField(label=_("必交附件"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                       help_text=_("每行一个附件名称"))
    required_fields = forms.MultipleChoiceField(label=_("必填字段"), required=False,
                                                widget=forms.CheckboxSelectMultiple)
    template_text = forms.CharField(label=_("评审模板"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                    help_text=_("每行一个评分项：名称 权重，权重合计 100"))
    county_quotas_text = forms.CharField(label=_("各县区推荐名额"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 3}),
                                         help_text=_("每行一个：区划代码 名额，如 410305 5；申报通知未单独设定时适用"))

    class Meta:
        model = Program
        fields = [*PROGRAM_DESCRIPTION, "funding_min", "funding_max", *PROGRAM_RULES, "sort_order", "active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_fields"].choices = [
            (name, Project._meta.get_field(name).verbose_name) for name in REQUIRABLE_FIELDS
        ]
        program = self.instance
        # Rules with a default may be left out (the API, an older client): the current value stays.
        for name in ("overhead_cap", "equipment_threshold"):
            self.fields[name].required = False
        self.initial.setdefault("fields_text", "\n".join(program.fields or []))
        self.initial.setdefault("attachments_text", "\n".join(program.required_attachments or []))
        self.initial.setdefault("required_fields", list(program.required_fields or []))
        self.initial.setdefault("template_text", "\n".join(
            f"{row['criterion']} {row['weight']}" for row in program.review_template or []))
        self.initial.setdefault("county_quotas_text", "\n".join(
            f"{key} {value}" for key, value in (program.county_quotas or {}).items()))

    def clean_overhead_cap(self):
        value = self.cleaned_data["overhead_cap"]
        return self.instance.overhead_cap if value is None else value

    def clean_equipment_threshold(self):
        value = self.cleaned_data["equipment_threshold"]
        return self.instance.equipment_threshold if value is None else value

    def clean_template_text(self) -> list[dict]:
        rows = []
        for number, line in enumerate(_lines(self.cleaned_data["template_text"]), start=1):
            criterion, _sep, weight = line.rpartition(" ")
            if not criterion.strip() or not weight.isdigit():
                raise forms.ValidationError(_("第 %(n)s 行应为：评分项 权重") % {"n": number})
            rows.append({"criterion": criterion.strip(), "weight": int(weight)})
        if rows and sum(row["weight"] for row in rows) != 100:
            raise forms.ValidationError(_("评审模板权重合计须为 100。The weights must add up to 100."))
        return rows

    def clean_county_quotas_text(self) -> dict[str, int]:
        return parse_quota_lines(self.cleaned_data["county_quotas_text"])

    def settings(self) -> dict:
        """The list settings as the model stores them."""
        data = self.cleaned_data
        return {
            "fields": _lines(data["fields_text"]),
            "required_attachments": _lines(data["attachments_text"]),
            "required_fields": [name for name in REQUIRABLE_FIELDS if name in data["required_fields"]],
            "review_template": data["template_text"],
            "county_quotas": data["county_quotas_text"],
        }


class CallForm(StyledFormMixin, forms.ModelForm):
    opens_at = forms.DateTimeField(label=_("开始时间"))
    closes_at = forms.DateTimeField(label=_("截止时间"))

    quota_overrides = forms.CharField(
        label=_("单独名额"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个推荐单位：区划代码（或 division:科室ID）与名额，如 410305 5"),
    )

    class Meta:
        model = Call
        fields = ["program", "year", "title", "guide", "opens_at", "closes_at", "default_quota"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["quota_overrides"] = "\n".join(
                f"{q.recommender} {q.quota}" for q in self.instance.quotas.all()
            )

    def clean_quota_overrides(self) -> dict[str, int]:
        return parse_quota_lines(self.cleaned_data["quota_overrides"])


class ApplicationForm(StyledFormMixin, forms.ModelForm):
    """The application form (申报书); the program decides which fields must be filled to submit."""

    start_date = forms.DateField(label=_("开始日期"), required=False)
    end_date = forms.DateField(label=_("结束日期"), required=False)
    requested_funding = forms.DecimalField(label=_("申请资助(元)"), **MONEY_FIELD)
    self_funding = forms.DecimalField(label=_("自筹(元)"), required=False, **MONEY_FIELD)

    class Meta:
        model = Project
        fields = [
            "title",
            "field",
            "level",
            "summary",
            "goals",
            "start_date",
            "end_date",
            "requested_funding",
            "self_funding",
            "partners",
            "prepared_by",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.urls import reverse

        from .application_forms import SearchSelectMultiple

        # Partners are found by search (projects:organisation_search); only the chosen are rendered.
        field = self.fields["partners"]
        field.queryset = Organisation.objects.all()
        field.required = False
        field.widget = SearchSelectMultiple(search_url=reverse("projects:organisation_search"))
        field.widget.choices = field.choices
        field.help_text = _("输入单位名称或信用代码搜索后选择")

    def clean(self):
        # The dates' order is the service's rule (services.applications); its message is shown.
        data = super().clean()
        if data.get("self_funding") is None:
            data["self_funding"] = Decimal("0")
        return data


class ApplicationPageForm(ApplicationForm):
    """The application page takes money in 万元 like the call's figures above it; the API keeps
    yuan (ApplicationForm)."""

    requested_funding = WanField(label=_("申请资助"))
    self_funding = WanField(label=_("自筹"), required=False)


class ActionForm(forms.Form):
    """One form for every lifecycle button: the comment plus whatever the row requires."""

    action = forms.ChoiceField(choices=wf.Action.choices)
    comment = forms.CharField(label=_("意见/理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    proposed_funding = WanField(label=_("拟资助"), required=False)
    approved_funding = WanField(label=_("批准资助"), required=False)
    notice_end = forms.CharField(label=_("公示截止"), required=False)
    at_fault = forms.BooleanField(label=_("因承担方过错"), required=False, initial=True)

    def inputs(self) -> dict:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k in ("proposed_funding", "approved_funding", "notice_end") and v not in (None, "")
        }
        if self.cleaned_data.get("action") == wf.Action.TERMINATE:
            data["at_fault"] = self.cleaned_data.get("at_fault", False)
        return data


class ScoreForm(StyledFormMixin, forms.Form):
    score = forms.DecimalField(label=_("专家评审分数"), min_value=0, max_value=100, decimal_places=2)
    comment = forms.CharField(label=_("说明"), required=False)


class TaskbookForm(StyledFormMixin, forms.Form):
    """Goals, one amount per budget category, milestones one per line: `日期 | 节点 | 拨款(元)`."""

    goals = forms.CharField(label=_("目标与考核指标"), widget=forms.Textarea(attrs={"rows": 4}))
    milestones = forms.CharField(
        label=_("进度与拨款计划"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个：日期 | 节点 | 拨款(万元)，如 2026-12-31 | 中期目标 | 10"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in BudgetLine.Category.choices:
            self.fields[f"budget_{value}"] = WanField(label=label, required=False)
            self.fields[f"budget_{value}"].widget.attrs["class"] = "form-control"

    def budget(self) -> list[dict]:
        return [
            {"category": value, "amount": self.cleaned_data[f"budget_{value}"]}
            for value in BudgetLine.Category.values
            if self.cleaned_data.get(f"budget_{value}")
        ]

    def clean_milestones(self) -> list[dict]:
        steps = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) not in (2, 3):
                raise forms.ValidationError(_("第 %(n)s 行格式应为：日期 | 节点 | 拨款") % {"n": number})
            payment = _yuan(parts[2], number) if len(parts) == 3 else 0
            steps.append({"due_date": parts[0], "title": parts[1], "payment": payment})
        return steps


def _yuan(wan_text: str, line: int) -> Decimal:
    """A 万元 figure typed in a line of free text, as yuan (the unit the services take)."""
    try:
        return WanField(label="").clean(wan_text)
    except forms.ValidationError as error:
        raise forms.ValidationError(
            _("第 %(n)s 行金额有误：%(error)s") % {"n": line, "error": " ".join(error.messages)}
        ) from error


class DisbursementForm(StyledFormMixin, forms.Form):
    amount = WanField(label=_("金额"))
    paid_on = forms.DateField(label=_("拨付日期"))
    voucher = forms.CharField(label=_("凭证号"), required=False)


class ReportForm(StyledFormMixin, forms.Form):
    # Expenditure is reported by budget category (projects.funds.views.ExpenditureForm), not here.
    kind = forms.ChoiceField(label=_("类型"), choices=[c for c in Report.Kind.choices if c[0] != "expenditure"])
    due_date = forms.DateField(label=_("应交日期"))
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}))
    spent = WanField(label=_("累计支出"), required=False)


class OutcomeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Outcome.Kind.choices)
    title = forms.CharField(label=_("名称"))
    reference = forms.CharField(label=_("编号(专利号/标准号)"), required=False)
    amount = WanField(label=_("金额"), required=False)


class ChangeRequestForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("变更类型"), choices=wf.ChangeKind.choices)
    reason = forms.CharField(label=_("变更理由"), widget=forms.Textarea(attrs={"rows": 2}))
    new_end_date = forms.DateField(label=_("延期至"), required=False)
    budget_changes = forms.CharField(
        label=_("调整后的预算"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个科目：科目代码 金额(万元)，如 equipment 40"),
    )

    def clean_budget_changes(self) -> dict[str, str]:
        changes = {}
        for number, line in enumerate(self.cleaned_data["budget_changes"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2:
                raise forms.ValidationError(_("第 %(n)s 行应为：科目代码 金额") % {"n": number})
            changes[parts[0]] = _yuan(parts[1], number)
        return changes


class AttachmentForm(StyledFormMixin, forms.Form):
    purpose = forms.CharField(label=_("附件名称"), max_length=60)
    file = forms.FileField(label=_("文件"))


class HistoricalProjectForm(StyledFormMixin, forms.Form):
    """One row of the historical-projects sheet, validated like the edit page (all-or-nothing)."""

    number = forms.CharField(label=_("编号"), max_length=40)
    title = forms.CharField(label=_("项目名称"), max_length=200)
    program = forms.ModelChoiceField(queryset=Program.objects.all(), to_field_name="name", label=_("计划类别"))
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100)
    field = forms.CharField(label=_("领域"), required=False, max_length=60)
    applicant_org = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), to_field_name="credit_code", label=_("承担单位信用代码")
    )
    pi_name = forms.CharField(label=_("项目负责人"), max_length=60)
    status = LabelOrValueChoiceField(choices=wf.State.choices, label=_("状态"))
    approved_funding = forms.DecimalField(label=_("批准资助(元)"), required=False, **MONEY_FIELD)
    start_date = forms.DateField(label=_("开始日期"), required=False)
    end_date = forms.DateField(label=_("结束日期"), required=False)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if Project.objects.filter(number=number).exists():
            raise forms.ValidationError(_("编号已存在。This number already exists."))
        return number


class LeaderForm(StyledFormMixin, forms.Form):
    leader = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("分管局领导"))
    division = forms.ModelChoiceField(queryset=Division.objects.all(), label=_("责任科室"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = get_user_model().objects.filter(role_assignments__role=Role.LEADER).distinct()
