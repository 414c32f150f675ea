"""Talent (seed §17): the talent programmes, the people they support and what those people report
each year. Postdoc workstations stay platforms of `registries` (kind 博士后科研工作站); a talent
supported in one names it, so a station's postdocs are listed without a second register."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, Level, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, organisation_scope_q
from core.validators import future_date_error, raise_errors

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class ProgrammeQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # a programme is published policy: every signed-in user may read it


class Programme(DetailPage, TimeStampedModel):
    """A talent programme (人才计划): what it supports and up to how much per person."""

    class Kind(models.TextChoices):
        HIGH_LEVEL = "high_level", _("高层次人才")
        OVERSEAS = "overseas", _("海外人才引进")
        RETURNEE = "returnee", _("留学人员回国创业")
        POSTDOC = "postdoc", _("博士后")

    name = models.CharField(_("计划名称"), max_length=200, unique=True)
    kind = models.CharField(_("计划类别"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    division = models.ForeignKey(
        "directory.Division", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("主管科室")
    )
    cap = models.DecimalField(
        _("每人资助上限(元)"), **MONEY, default=0, validators=NON_NEGATIVE, help_text=_("0 表示不设上限。")
    )
    description = models.TextField(_("计划说明"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = _("人才计划")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "talent:programme_detail"


class TalentQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a county its region; an organisation its own; a person themself."""

    prefix = ""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        p = self.prefix
        return self.filter(
            organisation_scope_q(user, f"{p}organisation_id", f"{p}organisation__region__code", f"{p}person_id")
        )


class Talent(DetailPage, TimeStampedModel):
    """One person supported by one programme (引进或资助的人才)."""

    class Origin(models.TextChoices):
        LOCAL = "local", _("本地培养")
        DOMESTIC = "domestic", _("国内引进")
        OVERSEAS = "overseas", _("海外引进")

    class Status(models.TextChoices):
        SUPPORTED = "supported", _("资助中")
        COMPLETED = "completed", _("期满考核通过")
        TERMINATED = "terminated", _("终止资助")

    INTRODUCED = (Origin.DOMESTIC, Origin.OVERSEAS)

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="talents", verbose_name=_("人才计划")
    )
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="talent_support", verbose_name=_("人员")
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="talents", verbose_name=_("用人单位")
    )
    station = models.ForeignKey(
        "registries.Platform",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="postdocs",
        verbose_name=_("博士后科研工作站"),
        limit_choices_to={"kind": "postdoc_station"},
    )
    origin = models.CharField(_("来源"), max_length=10, choices=Origin.choices, default=Origin.LOCAL)
    field = models.CharField(_("专业领域"), max_length=100, blank=True)
    supported_on = models.DateField(_("入选日期"))
    funding = models.DecimalField(_("资助金额(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUPPORTED)

    objects = TalentQuerySet.as_manager()

    class Meta:
        ordering = ["-supported_on", "pk"]
        verbose_name = verbose_name_plural = _("人才")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                name="unique_talent_programme_person",
                violation_error_message=_("此人已入选该计划。This person is already in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name}({self.programme})"

    detail_url_name = "talent:talent_detail"

    def clean(self) -> None:
        raise_errors({"supported_on": future_date_error(self.supported_on, _("入选日期"))})
        if self.station_id and self.station.kind != "postdoc_station":
            raise ValidationError({"station": _("须为博士后科研工作站。Must be a postdoc workstation.")})
        if self.programme_id and self.programme.kind == Programme.Kind.POSTDOC and not self.station_id:
            raise ValidationError({"station": _("博士后须填写所在工作站。A postdoc names the workstation.")})
        cap = self.programme.cap if self.programme_id else 0
        if cap and self.funding > cap:
            raise ValidationError({"funding": _("资助金额超过计划的每人上限。The funding exceeds the cap.")})


class TalentReportQuerySet(TalentQuerySet):
    prefix = "talent__"


class TalentReport(DetailPage, YearlyRecord, TimeStampedModel):
    """What a supported person achieved in a year; the officer accepts or returns it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("退回修改")
        ACCEPTED = "accepted", _("已审核")

    talent = models.ForeignKey(Talent, on_delete=models.CASCADE, related_name="reports", verbose_name=_("人才"))
    projects = models.PositiveIntegerField(_("承担项目数"), default=0)
    papers = models.PositiveIntegerField(_("发表论文数"), default=0)
    patents = models.PositiveIntegerField(_("申请专利数"), default=0)
    revenue = models.DecimalField(_("创业企业营业收入(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    summary = models.TextField(_("年度工作总结"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)

    objects = TalentReportQuerySet.as_manager()
    owner_field = "talent"

    class Meta(YearlyRecord.Meta):
        verbose_name = verbose_name_plural = _("人才年度报告")
        constraints = [one_per_year("talent", "unique_talent_report_year")]

    def __str__(self) -> str:
        return f"{self.talent.person.name} {self.year}"

    detail_url_name = "talent:report_detail"

    def year_error(self) -> ValidationError | None:
        return super().year_error() or self._before_support_error()

    def _before_support_error(self) -> ValidationError | None:
        if self.talent_id and self.year and self.year < self.talent.supported_on.year:
            return ValidationError(_("年度早于入选年度。The year precedes the support."), code="before_support")
        return None
