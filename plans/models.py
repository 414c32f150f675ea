"""The annual work plan (科技工作要点) as tracked targets: plans, indicators, progress reports and
the plan's numbered key tasks (work items) with milestones and dated notes.

An indicator never stores its current value: it names a registered data source (a live query
another app provides, see plans/sources.py) or takes dated manual progress reports.
"""

import datetime as dt
import itertools
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet

from . import sources
from .sources import COUNT_UNITS

# Roles that read the plan and its dashboard; everyone else gets a welcome page instead.
PLAN_READERS = ("admin", "leader", "officer", "supervisor", "finance", "county")
# Roles that also see draft plans (the ones who prepare and confirm them).
DRAFT_READERS = ("admin", "leader", "officer")

AMOUNT = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}


class PlanQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.has_role(*DRAFT_READERS):
            return self
        if user.has_role(*PLAN_READERS):
            return self.filter(status=Plan.Status.CONFIRMED)
        return self.none()


class Plan(DetailPage, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        CONFIRMED = "confirmed", _("已确认")

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(1990), MaxValueValidator(2100)], db_index=True
    )
    title = models.CharField(_("标题"), max_length=200)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_text = models.TextField(_("原文"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = verbose_name_plural = _("年度工作要点")
        constraints = [
            # Several drafts may compete; only one plan per year is the one the dashboard tracks.
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status="confirmed"),
                name="one_confirmed_plan_per_year",
                violation_error_message=_("该年度已有确认的工作要点。This year already has a confirmed plan."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    detail_url_name = "plans:plan_detail"


class IndicatorQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(plan__in=Plan.objects.scoped_for(user))


class Indicator(DetailPage, TimeStampedModel):
    class Kind(models.TextChoices):
        AT_LEAST = "at_least", _("不低于")
        RANGE = "range", _("区间")
        REACH = "reach", _("达到")
        INCREASE_TO = "increase_to", _("由…增加到")
        GROWTH_RATE = "growth_rate", _("增长率")
        POINT_INCREASE = "point_increase", _("提高百分点")
        KEEP_RANK = "keep_rank", _("保持位次")
        DEADLINE = "deadline", _("限期完成")

    class Schedule(models.TextChoices):
        LINEAR = "linear", _("全年均匀")
        QUARTERLY = "quarterly", _("按季度节点")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("工作要点"))
    code = models.CharField(_("编号"), max_length=20)
    name = models.CharField(_("指标名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.REACH)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)
    target_value = models.DecimalField(_("目标值"), **AMOUNT)
    target_min = models.DecimalField(_("区间下限"), **AMOUNT)
    target_max = models.DecimalField(_("区间上限"), **AMOUNT)
    stretch_value = models.DecimalField(_("力争值"), **AMOUNT)
    baseline = models.DecimalField(_("基数"), **AMOUNT)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    section = models.PositiveSmallIntegerField(_("所在条目"), null=True, blank=True)
    excerpt = models.TextField(_("原文句子"), blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    match_start = models.PositiveIntegerField(null=True, blank=True)
    match_end = models.PositiveIntegerField(null=True, blank=True)
    division = models.ForeignKey(
        "directory.Division",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("责任科室"),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_indicators",
        verbose_name=_("分管领导"),
    )
    schedule = models.CharField(_("进度安排"), max_length=12, choices=Schedule.choices, default=Schedule.LINEAR)
    q1 = models.DecimalField(_("一季度末累计"), max_digits=5, decimal_places=4, null=True, blank=True)
    q2 = models.DecimalField(_("二季度末累计"), max_digits=5, decimal_places=4, null=True, blank=True)
    q3 = models.DecimalField(_("三季度末累计"), max_digits=5, decimal_places=4, null=True, blank=True)
    q4 = models.DecimalField(_("四季度末累计"), max_digits=5, decimal_places=4, null=True, blank=True)
    source_key = models.CharField(
        _("数据来源"), max_length=80, blank=True, help_text=_("留空表示由责任科室手工填报进度。")
    )
    # The automatic linking's suggestion at import (plans/linking.py): linked when confident
    # enough, otherwise shown on the review page for the officer to decide.
    suggested_source = models.CharField(_("建议数据来源"), max_length=80, blank=True)
    source_confidence = models.FloatField(_("来源匹配度"), null=True, blank=True)
    source_reason = models.CharField(_("匹配理由"), max_length=300, blank=True)
    # Why a target is reported by hand: no record in the system counts it ("stays among the
    # province's leaders" is a standing, not a count). Shown on the indicator page.
    source_note = models.CharField(_("无数据来源的原因"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    # The status the daily alert run last saw (plans/alerts.py): an alert goes out when the
    # status changes for the worse, not on every run.
    alert_status = models.CharField(_("上次提醒时状态"), max_length=12, blank=True, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = verbose_name_plural = _("指标")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="unique_indicator_code")]
        indexes = [models.Index(fields=["plan", "division"]), models.Index(fields=["plan", "leader"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    detail_url_name = "plans:indicator_detail"

    @property
    def firm_target(self) -> Decimal | None:
        """The value that counts as achieved: the figure, or the lower end of a range."""
        if self.kind in (self.Kind.KEEP_RANK, self.Kind.DEADLINE):
            return Decimal(1)
        return self.target_min if self.kind == self.Kind.RANGE else self.target_value

    @property
    def stretch_target(self) -> Decimal | None:
        return self.target_max if self.kind == self.Kind.RANGE else self.stretch_value

    @property
    def is_manual(self) -> bool:
        return not self.source_key

    @property
    def quarterly(self) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
        if self.schedule != self.Schedule.QUARTERLY:
            return None
        return (self.q1, self.q2, self.q3, self.q4)

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.RANGE:
            if self.target_min is None or self.target_max is None:
                errors["target_min"] = _("区间指标须填写下限和上限。A range needs both ends.")
            elif self.target_min > self.target_max:
                errors["target_max"] = _("上限不能小于下限。The upper end is below the lower end.")
        elif self.kind not in (self.Kind.KEEP_RANK, self.Kind.DEADLINE) and self.target_value is None:
            errors["target_value"] = _("请填写目标值。A target value is required.")
        if self.kind == self.Kind.INCREASE_TO and self.baseline is None:
            errors["baseline"] = _("“由…增加到”指标须填写基数。A from→to target needs its baseline.")
        if self.kind == self.Kind.DEADLINE and self.deadline is None:
            errors["deadline"] = _("限期指标须填写完成时限。A deadline target needs its date.")
        if self.schedule == self.Schedule.QUARTERLY:
            errors.update(self._quarter_errors())
        if self.leader_id and not self.leader.has_role("leader"):
            errors["leader"] = _("分管领导须是局领导账号。The leader must hold the leader role.")
        source = sources.find(self.source_key) if self.source_key else None
        if source and not sources.fits(source, self.unit, self.kind):
            errors["source_key"] = ValidationError(
                _("数据来源的单位“%(src)s”与指标单位“%(unit)s”不能换算。Units do not convert."),
                params={"src": source.unit, "unit": self.unit},
            )
        if errors:
            raise ValidationError(errors)

    def _quarter_errors(self) -> dict:
        quarters = [self.q1, self.q2, self.q3, self.q4]
        if any(q is None for q in quarters):
            return {"q1": _("按季度安排须填写四个季度的累计比例。All four quarters are required.")}
        if any(b < a for a, b in itertools.pairwise(quarters)) or quarters[-1] != 1:
            return {"q4": _("季度累计比例须递增且四季度为 1。Cumulative shares must rise to 1.")}
        return {}


class ProgressReportQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(indicator__in=Indicator.objects.scoped_for(user))


class ProgressReport(TimeStampedModel):
    """A manual indicator's value as of a date (cumulative for the year), with a note and evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reports", verbose_name=_("指标"))
    as_of = models.DateField(_("截至日期"))
    value = models.DecimalField(_("完成值"), max_digits=18, decimal_places=4)
    note = models.TextField(_("说明"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("填报人"),
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "-as_of", "-pk"]
        verbose_name = verbose_name_plural = _("进度填报")
        indexes = [models.Index(fields=["indicator", "as_of"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.as_of:%Y-%m-%d} {self.value.normalize():f}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    def clean(self) -> None:
        if self.indicator_id and self.as_of:
            year = self.indicator.plan.year
            if not dt.date(year, 1, 1) <= self.as_of <= dt.date(year, 12, 31):
                raise ValidationError({"as_of": _("截至日期须在计划年度内。The date must be within the plan year.")})
        if self.as_of and self.as_of > timezone.localdate():
            raise ValidationError({"as_of": _("截至日期不能晚于今天。The date cannot be in the future.")})
        if self.indicator_id and self.value is not None and self._counts_whole() and self.value % 1:
            raise ValidationError({"value": _("计数指标的完成值须为整数。A count is a whole number.")})

    def _counts_whole(self) -> bool:
        """Counted in whole things (个, 项, 家 …) and not a rate: "21.36 个" is never a figure."""
        return self.indicator.unit in COUNT_UNITS and self.indicator.kind not in ("growth_rate", "point_increase")


class WorkItemQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(plan__in=Plan.objects.scoped_for(user))


class WorkItem(DetailPage, TimeStampedModel):
    """One of the plan's numbered key tasks (the seed has 20)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="work_items", verbose_name=_("工作要点"))
    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    division = models.ForeignKey(
        "directory.Division",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_items",
        verbose_name=_("责任科室"),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_work_items",
        verbose_name=_("分管领导"),
    )

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = verbose_name_plural = _("重点工作")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_work_item_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    detail_url_name = "plans:work_item_detail"

    def clean(self) -> None:
        if self.leader_id and not self.leader.has_role("leader"):
            raise ValidationError({"leader": _("分管领导须是局领导账号。The leader must hold the leader role.")})


class Milestone(TimeStampedModel):
    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=200)
    due = models.DateField(_("计划完成日期"))
    done_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    # The due date an overdue alert went out for: a rescheduled milestone that slips again is
    # alerted again, a milestone that stays overdue is not.
    alerted_due = models.DateField(_("已提醒的到期日"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["work_item", "due", "pk"]
        verbose_name = verbose_name_plural = _("工作节点")
        indexes = [models.Index(fields=["due", "done_on"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.due:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return self.work_item.get_absolute_url()

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and self.due < (today or timezone.localdate())


class WorkItemNote(TimeStampedModel):
    """A dated progress note on a work item."""

    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="notes")
    noted_on = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["work_item", "-noted_on", "-pk"]
        verbose_name = verbose_name_plural = _("工作进展")

    def __str__(self) -> str:
        return f"{self.noted_on:%Y-%m-%d} {self.text[:30]}"

    def get_absolute_url(self) -> str:
        return self.work_item.get_absolute_url()
