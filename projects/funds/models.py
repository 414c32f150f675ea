"""Fund supervision: expenditure by budget category, budget adjustments (预算调剂), closure balances (结余)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.permissions import ScopedQuerySet

MONEY = {"max_digits": 18, "decimal_places": 2}


class ProjectChildQuerySet(ScopedQuerySet):
    """Visible with its project."""

    def scoped_for(self, user):
        from projects.models import Project

        return self.filter(project__in=Project.objects.visible_to(user))


class ExpenditureLine(models.Model):
    """What one expenditure report says was spent in one budget category during its period."""

    report = models.ForeignKey("projects.Report", on_delete=models.CASCADE, related_name="expenditure_lines")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="expenditure_lines")
    category = models.CharField(_("科目"), max_length=20)
    amount = models.DecimalField(_("支出(元)"), **MONEY)

    objects = ProjectChildQuerySet.as_manager()

    class Meta:
        app_label = "projects"
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("经费支出明细")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="expenditure_non_negative",
                                   violation_error_message=_("支出不能为负数。Spending cannot be negative.")),
            models.UniqueConstraint(fields=["report", "category"], name="unique_expenditure_category"),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"


class AdjustmentState(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")
    WITHDRAWN = "withdrawn", _("已撤回")


class BudgetAdjustment(models.Model):
    """Moving money from one budget category to another; small ones are the PI's own, larger ones
    wait for the officer (see `projects.funds.rules`)."""

    project = models.ForeignKey("projects.Project", verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="budget_adjustments")
    from_category = models.CharField(_("调出科目"), max_length=20)
    to_category = models.CharField(_("调入科目"), max_length=20)
    amount = models.DecimalField(_("金额(元)"), **MONEY)
    reason = models.TextField(_("调剂理由"))
    status = models.CharField(_("状态"), max_length=12, choices=AdjustmentState.choices,
                              default=AdjustmentState.PENDING, db_index=True)
    needs_approval = models.BooleanField(_("须审批"), default=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectChildQuerySet.as_manager()

    class Meta:
        app_label = "projects"
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("预算调剂")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="adjustment_positive",
                                              violation_error_message=_("调剂金额须大于零。The amount must be "
                                                                        "more than zero."))]

    def __str__(self) -> str:
        return f"{self.project.number} {self.from_category}→{self.to_category} {self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id]) + "#funds"

    @property
    def from_label(self) -> str:
        return _category_label(self.from_category)

    @property
    def to_label(self) -> str:
        return _category_label(self.to_category)


def _category_label(code: str) -> str:
    from projects.models import BudgetLine

    return str(dict(BudgetLine.Category.choices).get(code, code))


class BalanceHandling(models.TextChoices):
    RETURNED = "returned", _("收回")
    RETAINED = "retained", _("留归承担单位使用")


class ClosureBalance(models.Model):
    """The balance (结余) of a finished project and what was decided about it."""

    project = models.OneToOneField("projects.Project", verbose_name=_("项目"), on_delete=models.CASCADE,
                                   related_name="closure_balance")
    disbursed = models.DecimalField(_("拨付(元)"), **MONEY)
    spent = models.DecimalField(_("支出(元)"), **MONEY)
    balance = models.DecimalField(_("结余(元)"), **MONEY)
    handling = models.CharField(_("处理方式"), max_length=12, choices=BalanceHandling.choices)
    note = models.TextField(_("说明"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectChildQuerySet.as_manager()

    class Meta:
        app_label = "projects"
        verbose_name = verbose_name_plural = _("结余资金")

    def __str__(self) -> str:
        return f"{self.project.number} {self.balance}"
