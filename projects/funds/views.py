"""Fund supervision pages: expenditure by category, adjustments, closure balance, finance overview."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import Role
from core.forms import StyledFormMixin, WanField, YearForm
from core.permissions import require
from core.views import ServiceActionView
from core.xlsx import Column, export_response

from ..models import BudgetLine, Project
from . import services
from .models import BalanceHandling, BudgetAdjustment
from .queries import finance_overview, overdue_payments

CATEGORY_PREFIX = "cat_"


class ExpenditureForm(StyledFormMixin, forms.Form):
    due_date = forms.DateField(label=gettext_lazy("应交日期"))
    content = forms.CharField(label=gettext_lazy("支出说明"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in BudgetLine.Category.choices:
            self.fields[CATEGORY_PREFIX + code] = WanField(label=label, required=False)

    def lines(self) -> dict:
        return {name.removeprefix(CATEGORY_PREFIX): value for name, value in self.cleaned_data.items()
                if name.startswith(CATEGORY_PREFIX) and value is not None}


class AdjustmentForm(StyledFormMixin, forms.Form):
    source = forms.ChoiceField(label=gettext_lazy("调出科目"), choices=BudgetLine.Category.choices)
    target = forms.ChoiceField(label=gettext_lazy("调入科目"), choices=BudgetLine.Category.choices)
    amount = WanField(label=gettext_lazy("金额"))
    reason = forms.CharField(label=gettext_lazy("调剂理由"), max_length=1000)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject"), ("withdraw", "withdraw")])
    comment = forms.CharField(required=False, max_length=1000)


class BalanceForm(StyledFormMixin, forms.Form):
    handling = forms.ChoiceField(label=gettext_lazy("处理方式"), choices=BalanceHandling.choices)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=1000)


class _ProjectFundView(ServiceActionView):
    model = Project

    def next_url(self, obj, result=None) -> str:
        return obj.get_absolute_url() + "#funds"


class ExpenditureView(_ProjectFundView):
    form_class = ExpenditureForm
    success_message = gettext_lazy("经费支出报告已提交。The expenditure report is filed.")

    def run(self, request, project):
        data = self.form.cleaned_data
        return services.submit_expenditure(request.user, project, due_date=data["due_date"],
                                           content=data["content"], lines=self.form.lines())


class AdjustmentView(_ProjectFundView):
    form_class = AdjustmentForm
    success_message = gettext_lazy("预算调剂已提交。The budget adjustment is filed.")

    def run(self, request, project):
        data = self.form.cleaned_data
        return services.request_adjustment(request.user, project, source=data["source"], target=data["target"],
                                           amount=data["amount"], reason=data["reason"])


class AdjustmentDecisionView(ServiceActionView):
    model = BudgetAdjustment
    form_class = DecisionForm

    def run(self, request, adjustment):
        data = self.form.cleaned_data
        return services.decide_adjustment(request.user, adjustment, data["action"], comment=data["comment"])


class BalanceView(_ProjectFundView):
    form_class = BalanceForm
    success_message = gettext_lazy("结余处理已登记。The balance handling is recorded.")

    def run(self, request, project):
        data = self.form.cleaned_data
        return services.settle_balance(request.user, project, handling=data["handling"], note=data["note"])


def can_view_finance(user) -> bool:
    return user.has_role(Role.ADMIN, Role.LEADER, Role.OFFICER, Role.FINANCE, Role.SUPERVISOR)


FINANCE_COLUMNS = [
    Column(gettext_lazy("计划类别"), "program"),
    Column(gettext_lazy("项目数"), "projects"),
    Column(gettext_lazy("批准资助(元)"), "appropriated"),
    Column(gettext_lazy("已拨付(元)"), "disbursed"),
    Column(gettext_lazy("报告支出(元)"), "spent"),
    Column(gettext_lazy("结余(元)"), "balance"),
    Column(gettext_lazy("平均拨款延迟(天)"), "average_delay"),
    Column(gettext_lazy("逾期未拨节点"), "overdue"),
]


class FinanceOverviewView(LoginRequiredMixin, View):
    """Per program and year: appropriated, disbursed, reported spent, balance, disbursement delay."""

    def get(self, request):
        require(can_view_finance(request.user))
        form = YearForm(request.GET)
        year = form.year_or(timezone.localdate().year)
        rows = finance_overview(year)
        if request.GET.get("export") == "xlsx":
            return export_response(request.user, rows, FINANCE_COLUMNS, f"finance-{year}")
        context = {
            "title": _("经费监管总览"),
            "form": form,
            "year": year,
            "rows": rows,
            "alerts": overdue_payments(Project.objects.visible_to(request.user))[:50],
        }
        return render(request, "projects/finance_overview.html", context)
