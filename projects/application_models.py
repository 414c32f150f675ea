"""The parts of an application (申报书) besides its header: the team and the quantified targets.

Kept apart from `models.py` (re-exported there) so the project model file stays readable.
Budget lines (`models.BudgetLine`) carry the application's budget by category.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

QUANTITY = {"max_digits": 14, "decimal_places": 2}


class TeamMember(models.Model):
    """A person of the directory on a project's team, with their role and workload."""

    class Role(models.TextChoices):
        PI = "pi", _("项目负责人")
        CORE = "core", _("主要骨干")
        MEMBER = "member", _("参加人员")

    class WorkloadUnit(models.TextChoices):
        MONTHS = "months", _("人月")
        PERCENT = "percent", _("%工作时间")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="project_roles", verbose_name=_("人员")
    )
    role = models.CharField(_("项目中角色"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(_("职称"), max_length=40, blank=True)
    workload = models.DecimalField(
        _("投入工作量"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    workload_unit = models.CharField(
        _("工作量单位"), max_length=8, choices=WorkloadUnit.choices, default=WorkloadUnit.MONTHS
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在单位")
    )

    class Meta:
        ordering = ["project", "role", "id"]
        verbose_name = verbose_name_plural = _("项目组成员")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "person"], name="unique_team_person",
                violation_error_message=_("此人已在项目组中。This person is already on the team."),
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="pi"), name="one_team_pi",
                violation_error_message=_("项目只能有一位负责人。A project has one PI."),
            ),
            models.CheckConstraint(
                condition=~Q(workload_unit="percent") | Q(workload__lte=100), name="team_workload_percent",
                violation_error_message=_("工作量百分比不能超过100。A percentage cannot exceed 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_role_display()}）"


class Target(models.Model):
    """A quantified target (考核指标) promised in the application and checked at acceptance."""

    class Kind(models.TextChoices):
        PATENT = "patent", _("专利")
        PRODUCT = "product", _("新产品")
        STANDARD = "standard", _("标准")
        REVENUE = "revenue", _("新增产值/收入")
        TALENT = "talent", _("培养人才")
        PAPER = "paper", _("论文")
        OTHER = "other", _("其他")

    # The unit a kind is counted in when the applicant does not name one.
    DEFAULT_UNITS = {
        "patent": "件", "product": "项", "standard": "项", "revenue": "万元", "talent": "人", "paper": "篇",
    }

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("指标类型"), max_length=12, choices=Kind.choices)
    quantity = models.DecimalField(
        _("计划数量"), validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1e10"))], **QUANTITY
    )
    unit = models.CharField(_("单位"), max_length=12)
    description = models.CharField(_("指标说明"), max_length=200, blank=True)
    # Entered at acceptance when no outcome record measures the target (talents, other).
    achieved = models.DecimalField(_("完成数量"), null=True, blank=True, validators=[MinValueValidator(Decimal("0"))],
                                   **QUANTITY)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = verbose_name_plural = _("考核指标")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="target_quantity_positive",
                       violation_error_message=_("计划数量须大于零。A target must be more than zero."))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity.normalize():f}{self.unit}"
