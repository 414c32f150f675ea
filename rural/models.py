"""Rural S&T (seed §11): 科技富民强县 county actions and their demonstration bases, the
agricultural technology commissioners (科技特派员) with their service logs and yearly evaluation,
and the poverty-alleviation help to the key counties with its yearly status.

星火 and agricultural projects stay programmes of `projects`; these are the records around them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, Level, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, region_q
from core.validators import future_date_error, future_year_error, raise_errors

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class RegionScopedQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a county office its region; a commissioner (a user with a
    person) their own records where the model names one (`person_lookup`)."""

    region_lookup = "region__code"
    person_lookup = ""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        query = region_q(user.region_codes, self.region_lookup)
        if self.person_lookup and getattr(user, "person_id", None):
            query |= models.Q(**{self.person_lookup: user.person_id})
        return self.filter(query)


class CountyAction(DetailPage, TimeStampedModel):
    """A 科技富民强县专项行动 of one county: funds, bases and the households it reaches."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("已立项")
        IMPLEMENTING = "implementing", _("实施中")
        ACCEPTED = "accepted", _("已验收")

    name = models.CharField(_("行动名称"), max_length=200)
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, verbose_name=_("县(市)区"))
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    year = models.PositiveSmallIntegerField(_("立项年度"))
    funds = models.DecimalField(_("专项资金(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    households = models.PositiveIntegerField(_("带动农户数"), default=0)
    industry = models.CharField(_("主导产业"), max_length=100, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.APPROVED)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region__code", "name"]
        verbose_name = verbose_name_plural = _("科技富民强县专项行动")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "rural:action_detail"

    def clean(self) -> None:
        raise_errors({"year": future_year_error(self.year)})


class DemonstrationBase(DetailPage, TimeStampedModel):
    """A 科技示范基地 (often born of a county action): where new varieties and techniques are shown."""

    name = models.CharField(_("基地名称"), max_length=200)
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, verbose_name=_("县(市)区"))
    action = models.ForeignKey(
        CountyAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bases",
        verbose_name=_("所属专项行动"),
    )
    operator = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("承建单位")
    )
    industry = models.CharField(_("示范产业"), max_length=100)
    area_mu = models.DecimalField(
        _("示范面积(亩)"), max_digits=12, decimal_places=2, default=0, validators=NON_NEGATIVE
    )
    households = models.PositiveIntegerField(_("辐射农户数"), default=0)
    established_on = models.DateField(_("建立日期"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = verbose_name_plural = _("科技示范基地")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "rural:base_detail"

    def clean(self) -> None:
        raise_errors({"established_on": future_date_error(self.established_on, _("建立日期"))})
        if self.action_id and self.region_id and self.action.region_id != self.region_id:
            raise ValidationError({"action": _("专项行动须属于同一县区。The action is in another county.")})


class CommissionerQuerySet(RegionScopedQuerySet):
    person_lookup = "person_id"


class Commissioner(DetailPage, TimeStampedModel):
    """A 科技特派员: who serves which village or enterprise, in which county."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在岗服务")
        WITHDRAWN = "withdrawn", _("已撤回")

    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="commissions", verbose_name=_("特派员")
    )
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, verbose_name=_("服务县(市)区"))
    village = models.CharField(_("服务乡村"), max_length=100, blank=True)
    enterprise = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commissioners",
        verbose_name=_("服务企业"),
    )
    speciality = models.CharField(_("专业特长"), max_length=100)
    appointed_on = models.DateField(_("选派日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)

    objects = CommissionerQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "pk"]
        verbose_name = verbose_name_plural = _("科技特派员")

    def __str__(self) -> str:
        return f"{self.person.name}({self.village or self.enterprise or self.region.name})"

    detail_url_name = "rural:commissioner_detail"

    def clean(self) -> None:
        raise_errors({"appointed_on": future_date_error(self.appointed_on, _("选派日期"))})
        if not self.village and not self.enterprise_id:
            raise ValidationError(_("须填写服务乡村或服务企业。Name the village or the enterprise served."))


class CommissionerRecordQuerySet(RegionScopedQuerySet):
    region_lookup = "commissioner__region__code"
    person_lookup = "commissioner__person_id"


class ServiceLog(DetailPage, TimeStampedModel):
    """One visit of a commissioner: what was done, which technologies were extended, for how many."""

    commissioner = models.ForeignKey(
        Commissioner, on_delete=models.CASCADE, related_name="logs", verbose_name=_("特派员")
    )
    served_on = models.DateField(_("服务日期"))
    place = models.CharField(_("服务地点"), max_length=100)
    technologies = models.CharField(_("推广技术"), max_length=200)
    trained = models.PositiveIntegerField(_("培训人次"), default=0)
    households = models.PositiveIntegerField(_("服务农户数"), default=0)
    content = models.TextField(_("服务内容"))

    objects = CommissionerRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-served_on", "pk"]
        verbose_name = verbose_name_plural = _("特派员服务日志")

    def __str__(self) -> str:
        return f"{self.commissioner.person.name} {self.served_on}"

    detail_url_name = "rural:log_detail"

    def clean(self) -> None:
        served = future_date_error(self.served_on, _("服务日期")) or self._before_appointment_error()
        raise_errors({"served_on": served})

    def _before_appointment_error(self) -> ValidationError | None:
        if self.commissioner_id and self.served_on and self.served_on < self.commissioner.appointed_on:
            return ValidationError(
                _("服务日期早于选派日期。The visit precedes the appointment."), code="before_appointment"
            )
        return None


class Evaluation(DetailPage, YearlyRecord, TimeStampedModel):
    """The officer's yearly evaluation of a commissioner."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("优秀")
        QUALIFIED = "qualified", _("合格")
        UNQUALIFIED = "unqualified", _("不合格")

    commissioner = models.ForeignKey(
        Commissioner, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("特派员")
    )
    grade = models.CharField(_("等次"), max_length=12, choices=Grade.choices)
    remarks = models.TextField(_("评价意见"), blank=True)

    objects = CommissionerRecordQuerySet.as_manager()
    owner_field = "commissioner"

    class Meta(YearlyRecord.Meta):
        verbose_name = verbose_name_plural = _("特派员年度考评")
        constraints = [
            one_per_year("commissioner", "unique_commissioner_evaluation_year",
                         _("该特派员本年度已考评。Already evaluated for this year."))
        ]

    def __str__(self) -> str:
        return f"{self.commissioner.person.name} {self.year}"

    detail_url_name = "rural:evaluation_detail"

    def clean(self) -> None:
        super().clean()
        if self.grade == self.Grade.UNQUALIFIED and not self.remarks.strip():
            raise ValidationError({"remarks": _("不合格须写明理由。Give the reason.")})


class PovertyAid(DetailPage, YearlyRecord, TimeStampedModel):
    """A year's help to a national key poverty county (扶贫开发重点县) and whether it was lifted."""

    class Status(models.TextChoices):
        HELPING = "helping", _("帮扶中")
        LIFTED = "lifted", _("已脱贫")
        NOT_LIFTED = "not_lifted", _("未脱贫")

    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, verbose_name=_("重点县"))
    helper = models.CharField(_("帮扶单位"), max_length=100)
    measures = models.TextField(_("帮扶措施"))
    funds = models.DecimalField(_("帮扶资金(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    villages = models.PositiveIntegerField(_("包村数"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.HELPING)
    lifted_on = models.DateField(_("脱贫认定日期"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()
    owner_field = "region"

    class Meta(YearlyRecord.Meta):
        ordering = ["-year", "region__code"]
        verbose_name = verbose_name_plural = _("扶贫帮扶")
        constraints = [
            one_per_year("region", "unique_poverty_aid_year",
                         _("该县本年度已登记帮扶。This county's year is already recorded."))
        ]

    detail_url_name = "rural:aid_detail"
