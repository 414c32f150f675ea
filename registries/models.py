"""Platforms (labs, centres, R&D institutions, postdoc stations, incubators, parks, cooperation
bases, agencies) and enterprises' certifications, products, alliances and yearly figures."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, Level, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, organisation_scope_q
from core.search import SearchableModel
from core.validators import future_date_error, future_year_error, raise_errors

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class OrganisationScopedQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a county its region; an org_admin its own organisation."""

    org_field = "organisation_id"
    region_lookup = "organisation__region__code"

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(organisation_scope_q(user, self.org_field, self.region_lookup))


# --- platforms ----------------------------------------------------------------


class PlatformQuerySet(OrganisationScopedQuerySet):
    org_field = "host_id"
    region_lookup = "host__region__code"

    def recognised_in(self, year: int, as_of: dt.date):
        return self.filter(recognised_on__year=year, recognised_on__lte=as_of).exclude(
            status=Platform.Status.REVOKED, revoked_on__lte=as_of
        )

    def flagged(self, year: int):
        """Recognised before `year` and without a passed annual evaluation for `year`."""
        passed = PlatformAnnualReport.objects.filter(
            platform=OuterRef("pk"), year=year, status=PlatformAnnualReport.Status.PASSED
        )
        return self.filter(status=Platform.Status.RECOGNISED, recognised_on__year__lt=year).exclude(Exists(passed))


class Platform(DetailPage, SearchableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        KEY_LAB = "key_lab", _("重点实验室")
        ENGINEERING_CENTRE = "engineering_centre", _("工程技术研究中心")
        ENTERPRISE_RD_CENTRE = "enterprise_rd_centre", _("企业研发中心")
        ENTERPRISE_RD_INSTITUTION = "enterprise_rd_institution", _("其他企业研发机构")
        POSTDOC_STATION = "postdoc_station", _("博士后科研工作站")
        INCUBATOR = "incubator", _("科技企业孵化器")
        SPECIALISED_PARK = "specialised_park", _("特色(专业)园区")
        COOPERATION_BASE = "cooperation_base", _("国际科技合作基地")
        # Legacy: agencies moved to the agencies app (agencies/migrations/0002); kept so that old
        # audit entries and exports still read. The platform form no longer offers it.
        AGENCY = "agency", _("科技中介服务机构")

    class AgencyType(models.TextChoices):
        TRANSFER = "transfer", _("成果转化")
        INCUBATION = "incubation", _("创业孵化")
        VENTURE = "venture", _("风险投资")
        CONSULTING = "consulting", _("信息咨询")
        IP_AGENCY = "ip_agency", _("知识产权代理")

    class Status(models.TextChoices):
        CULTIVATING = "cultivating", _("培育中")
        BUILDING = "building", _("建设中")
        RECOGNISED = "recognised", _("已认定(验收)")
        REVOKED = "revoked", _("已撤销")

    ENTERPRISE_RD = (Kind.ENTERPRISE_RD_CENTRE, Kind.ENTERPRISE_RD_INSTITUTION)

    name = models.CharField(_("平台名称"), max_length=200)
    kind = models.CharField(_("平台类型"), max_length=30, choices=Kind.choices, db_index=True)
    agency_type = models.CharField(_("中介类型"), max_length=12, choices=AgencyType.choices, blank=True)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    host = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="platforms",
        verbose_name=_("依托单位"),
    )
    division = models.ForeignKey(
        "directory.Division", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("主管科室")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CULTIVATING)
    approved_on = models.DateField(_("批准建设日期"), null=True, blank=True)
    recognised_on = models.DateField(_("认定(验收)日期"), null=True, blank=True)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    field = models.CharField(_("技术领域"), max_length=100, blank=True)
    description = models.TextField(_("简介"), blank=True)

    objects = PlatformQuerySet.as_manager()
    search_fields = ("name", "field", "description")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = _("创新平台")
        indexes = [models.Index(fields=["kind", "level", "recognised_on"])]

    def __str__(self) -> str:
        return self.name

    detail_url_name = "registries:platform_detail"

    def clean(self) -> None:
        raise_errors({"approved_on": future_date_error(self.approved_on, _("批准建设日期"))})
        if self.kind == self.Kind.AGENCY and not self.agency_type:
            raise ValidationError({"agency_type": _("中介机构须选择中介类型。Choose the agency type.")})
        if self.recognised_on and self.approved_on and self.recognised_on < self.approved_on:
            raise ValidationError({"recognised_on": _("认定日期不能早于批准建设日期。Recognition precedes approval.")})


class PlatformRecordQuerySet(OrganisationScopedQuerySet):
    """A platform's reports (annual, incubator): seen as the platform is, through its host."""

    org_field = "platform__host_id"
    region_lookup = "platform__host__region__code"


class PlatformAnnualReport(DetailPage, YearlyRecord, TimeStampedModel):
    """The host's yearly report; the officer's review is the platform's annual evaluation."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        RETURNED = "returned", _("退回修改")
        PASSED = "passed", _("评估合格")
        FAILED = "failed", _("评估不合格")

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="annual_reports", verbose_name=_("平台")
    )
    summary = models.TextField(_("年度工作总结"))
    rd_investment = models.DecimalField(_("研发投入(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    staff = models.PositiveIntegerField(_("研发人员数"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)

    objects = PlatformRecordQuerySet.as_manager()
    owner_field = "platform"

    class Meta(YearlyRecord.Meta):
        ordering = ["-year", "platform__name"]
        verbose_name = verbose_name_plural = _("平台年度报告")
        constraints = [one_per_year("platform", "unique_platform_report_year")]

    detail_url_name = "registries:report_detail"

    def clean(self) -> None:
        super().clean()
        if self.platform_id and self.year and self.platform.status == Platform.Status.CULTIVATING:
            raise ValidationError(
                _("培育中的平台无需年度报告。Only platforms under construction or recognised report."),
                code="not_reporting",
            )


class IncubatorReport(DetailPage, TimeStampedModel):
    """An incubator's figures at a period end (area and tenants)."""

    platform = models.ForeignKey(
        Platform,
        on_delete=models.CASCADE,
        related_name="incubator_reports",
        verbose_name=_("孵化器"),
        limit_choices_to={"kind": Platform.Kind.INCUBATOR},
    )
    period_end = models.DateField(_("统计截止日"))
    area_m2 = models.DecimalField(_("孵化面积(m²)"), max_digits=12, decimal_places=2, validators=NON_NEGATIVE)
    tenants = models.PositiveIntegerField(_("在孵企业数"))
    admitted = models.PositiveIntegerField(_("本期新入孵"), default=0)
    graduated = models.PositiveIntegerField(_("本期毕业"), default=0)

    objects = PlatformRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "platform__name"]
        verbose_name = verbose_name_plural = _("孵化器统计")
        constraints = [models.UniqueConstraint(fields=["platform", "period_end"], name="unique_incubator_period")]

    def __str__(self) -> str:
        return f"{self.platform} {self.period_end}"

    detail_url_name = "registries:incubator_detail"

    def clean(self) -> None:
        raise_errors({"period_end": future_date_error(self.period_end, _("统计截止日"))})
        if self.platform_id and self.platform.kind != Platform.Kind.INCUBATOR:
            raise ValidationError({"platform": _("只有孵化器可以填报孵化统计。Only incubators report this.")})


# --- enterprises ----------------------------------------------------------------


class HighTechField(models.TextChoices):
    """The eight fields of 《国家重点支持的高新技术领域》."""

    ELECTRONIC_INFORMATION = "electronic_information", _("电子信息技术")
    BIOMEDICINE = "biomedicine", _("生物与新医药技术")
    AEROSPACE = "aerospace", _("航空航天技术")
    NEW_MATERIALS = "new_materials", _("新材料技术")
    HIGH_TECH_SERVICES = "high_tech_services", _("高技术服务业")
    NEW_ENERGY = "new_energy", _("新能源及节能技术")
    RESOURCES_ENVIRONMENT = "resources_environment", _("资源与环境技术")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("高新技术改造传统产业")


class HighTechEnterprise(DetailPage, TimeStampedModel):
    """An enterprise in the cultivation pool (培育库) and, once certified, its certificate."""

    class Status(models.TextChoices):
        CULTIVATING = "cultivating", _("培育中")
        CERTIFIED = "certified", _("已认定")
        EXPIRED = "expired", _("已过期")
        REVOKED = "revoked", _("已撤销")

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="high_tech_records",
        verbose_name=_("企业"),
    )
    field = models.CharField(_("技术领域"), max_length=30, choices=HighTechField.choices)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CULTIVATING)
    certificate_no = models.CharField(_("证书编号"), max_length=30, blank=True)
    certified_on = models.DateField(_("认定日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-certified_on", "organisation__name"]
        verbose_name = verbose_name_plural = _("高新技术企业")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_no"],
                condition=~Q(certificate_no=""),
                name="unique_high_tech_certificate",
                violation_error_message=_("该证书编号已登记。This certificate number is already registered."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.certificate_no or self.get_status_display()}"

    detail_url_name = "registries:hightech_detail"

    def clean(self) -> None:
        raise_errors(
            {
                "organisation": self._not_enterprise_error(),
                "certified_on": future_date_error(self.certified_on, _("认定日期")),
            }
        )
        if self.status == self.Status.CERTIFIED and not (self.certificate_no and self.certified_on):
            raise ValidationError(_("已认定企业须填写证书编号和认定日期。Certificate number and date required."))
        if self.certified_on and self.valid_until and self.valid_until <= self.certified_on:
            raise ValidationError({"valid_until": _("有效期须晚于认定日期。Validity must end after certification.")})

    def _not_enterprise_error(self) -> ValidationError | None:
        if self.organisation_id and self.organisation.kind != self.organisation.Kind.ENTERPRISE:
            return ValidationError(_("只有企业可以认定为高新技术企业。Only enterprises qualify."), code="kind")
        return None


class HighTechProduct(DetailPage, TimeStampedModel):
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="high_tech_products",
        verbose_name=_("企业"),
    )
    name = models.CharField(_("产品名称"), max_length=200)
    field = models.CharField(_("技术领域"), max_length=30, choices=HighTechField.choices)
    certificate_no = models.CharField(_("证书编号"), max_length=30, blank=True)
    recognised_on = models.DateField(_("认定日期"))

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-recognised_on", "name"]
        verbose_name = verbose_name_plural = _("高新技术产品")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "registries:product_detail"

    def clean(self) -> None:
        raise_errors({"recognised_on": future_date_error(self.recognised_on, _("认定日期"))})


class AllianceQuerySet(OrganisationScopedQuerySet):
    org_field = "lead_id"
    region_lookup = "lead__region__code"


class Alliance(DetailPage, TimeStampedModel):
    """产业技术创新战略联盟: a lead enterprise and its members."""

    name = models.CharField(_("联盟名称"), max_length=200, unique=True)
    lead = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="led_alliances",
        verbose_name=_("牵头单位"),
    )
    members = models.ManyToManyField(
        "directory.Organisation", related_name="alliances", blank=True, verbose_name=_("成员单位")
    )
    founded_on = models.DateField(_("成立日期"))
    field = models.CharField(_("产业领域"), max_length=100, blank=True)

    objects = AllianceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = _("产业技术创新战略联盟")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "registries:alliance_detail"

    def clean(self) -> None:
        raise_errors({"founded_on": future_date_error(self.founded_on, _("成立日期"))})


class EnterpriseReport(DetailPage, TimeStampedModel):
    """An organisation's figures for a year, cumulative to a month end (统计快报: "1-6月累计"),
    so that the year's progress can be followed; month 12 is the annual report."""

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="yearly_reports",
        verbose_name=_("单位"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(
        _("截至月份"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("累计至该月末;12 表示全年。"),
    )
    total_revenue = models.DecimalField(_("技工贸总收入(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    industrial_output = models.DecimalField(_("工业总产值(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    high_tech_output = models.DecimalField(_("高新技术产业产值(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    high_tech_added_value = models.DecimalField(
        _("高新技术产业增加值(元)"), **MONEY, default=0, validators=NON_NEGATIVE
    )
    rd_investment = models.DecimalField(_("研发投入(元)"), **MONEY, default=0, validators=NON_NEGATIVE)
    super_deduction = models.DecimalField(_("研发费用加计扣除额(元)"), **MONEY, default=0, validators=NON_NEGATIVE)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month", "organisation__name"]
        verbose_name = verbose_name_plural = _("企业年度报表")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "month"], name="unique_enterprise_report")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}-{self.month:02d}"

    detail_url_name = "registries:figures_detail"

    def clean(self) -> None:
        raise_errors(
            {
                "year": future_year_error(self.year),
                "month": self._period_open_error(),
                "super_deduction": self._deduction_error(),
            }
        )
        if self.high_tech_added_value and self.high_tech_added_value > self.high_tech_output:
            raise ValidationError({"high_tech_added_value": _("增加值不能大于产值。Added value exceeds output.")})

    def _period_open_error(self) -> ValidationError | None:
        today = timezone.localdate()
        if self.year and self.month and (self.year, self.month) > (today.year, today.month):
            return ValidationError(_("统计期尚未结束。The period has not ended."), code="future")
        return None

    def _deduction_error(self) -> ValidationError | None:
        rd, deduction = self.rd_investment, self.super_deduction
        if rd is not None and deduction is not None and deduction > rd:
            return ValidationError(_("加计扣除额不能超过研发投入。The deduction exceeds R&D spending."), code="over_rd")
        return None
