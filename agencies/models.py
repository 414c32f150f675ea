"""S&T intermediary agencies (科技中介机构, seed §14): the agencies with their qualifications, the
services they render, their yearly evaluation, and the technology market's registered contracts."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, Level, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, organisation_scope_q, region_q
from core.search import SearchableModel
from core.validators import future_date_error, raise_errors
from registries.models import OrganisationScopedQuerySet

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class AgencyScopedQuerySet(OrganisationScopedQuerySet):
    """Bureau-wide roles see all; a county its region; an agency's org_admin its own agency."""


class Agency(DetailPage, SearchableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("科技成果转化服务机构")
        INCUBATION = "incubation", _("科技创新企业孵化机构")
        VENTURE = "venture", _("科技风险投资机构")
        CONSULTING = "consulting", _("科技信息咨询服务机构")
        IP_AGENCY = "ip_agency", _("知识产权代理服务机构")
        NOVELTY_SEARCH = "novelty_search", _("科技查新机构")
        PRODUCTIVITY = "productivity", _("生产力促进中心")
        TECH_MARKET = "tech_market", _("技术市场(技术合同登记机构)")

    name = models.CharField(_("机构名称"), max_length=200)
    kind = models.CharField(_("机构类型"), max_length=20, choices=Kind.choices, db_index=True)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="agencies", verbose_name=_("法人单位")
    )
    qualification = models.CharField(_("资质"), max_length=200, blank=True)
    qualification_no = models.CharField(_("资质证书编号"), max_length=60, blank=True)
    valid_from = models.DateField(_("资质有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("资质有效期至"), null=True, blank=True)
    contact = models.CharField(_("联系人"), max_length=60, blank=True)
    description = models.TextField(_("业务范围"), blank=True)

    objects = AgencyScopedQuerySet.as_manager()
    search_fields = ("name", "qualification", "description")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = _("科技中介机构")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="agency_validity_in_order",
                violation_error_message=_("资质有效期止不能早于起始日。The validity ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    detail_url_name = "agencies:agency_detail"

    @property
    def qualified(self) -> bool:
        """The qualification is in force today (no end date: open-ended)."""
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_until is None or self.valid_until >= today
        )


class ServiceQuerySet(AgencyScopedQuerySet):
    """The agency sees what it rendered; the client sees what it received; counties both by region."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(
            organisation_scope_q(user, "agency__organisation_id", "agency__organisation__region__code")
            | organisation_scope_q(user, "client_id", "client__region__code")
        )


class AgencyService(DetailPage, TimeStampedModel):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("代理项目申报")
        NOVELTY_SEARCH = "novelty_search", _("科技查新")
        PATENT_FILING = "patent_filing", _("专利申请代理")
        CONSULTING = "consulting", _("技术咨询")
        TRANSFER = "transfer", _("成果转化服务")
        INCUBATION = "incubation", _("创业孵化服务")

    class Status(models.TextChoices):
        RECORDED = "recorded", _("已登记")
        COMPLAINED = "complained", _("被投诉")
        UPHELD = "upheld", _("投诉属实")
        FALSE = "false", _("申报材料不实")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="services", verbose_name=_("中介机构"))
    kind = models.CharField(_("服务类型"), max_length=20, choices=Kind.choices)
    client = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="agency_services", verbose_name=_("服务对象")
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agency_services",
        verbose_name=_("代理申报的项目"),
    )
    title = models.CharField(_("服务内容"), max_length=200)
    rendered_on = models.DateField(_("服务日期"))
    fee = models.DecimalField(_("服务费(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECORDED)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["-rendered_on", "-id"]
        verbose_name = verbose_name_plural = _("中介服务记录")
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="agency_service_fee_not_negative",
                                   violation_error_message=_("服务费不能为负数。A fee cannot be negative.")),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.title}"

    detail_url_name = "agencies:service_detail"

    def clean(self) -> None:
        raise_errors(
            {"rendered_on": future_date_error(self.rendered_on, _("服务日期")), "project": self._project_error()}
        )

    def _project_error(self) -> ValidationError | None:
        if self.kind == self.Kind.APPLICATION and not self.project_id:
            return ValidationError(_("代理项目申报须指明项目。Name the application."), code="required")
        if self.project_id and self.client_id and self.project.applicant_org_id != self.client_id:
            return ValidationError(
                _("代理申报的项目须是服务对象的项目。The application must be the client's."), code="not_client"
            )
        return None


class EvaluationQuerySet(AgencyScopedQuerySet):
    org_field = "agency__organisation_id"
    region_lookup = "agency__organisation__region__code"


class AgencyEvaluation(DetailPage, YearlyRecord, TimeStampedModel):
    """The bureau's yearly evaluation of an agency (score → grade, graded by the service)."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("优秀")
        GOOD = "good", _("良好")
        PASS = "pass", _("合格")
        FAIL = "fail", _("不合格")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("中介机构"))
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(1949), MaxValueValidator(2100)])
    score = models.DecimalField(
        _("评价得分"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        # Empty only on evaluations carried over from the platform register, which kept pass/fail.
        null=True,
        blank=True,
    )
    grade = models.CharField(_("评价等级"), max_length=10, choices=Grade.choices, blank=True)
    comment = models.TextField(_("评价意见"), blank=True)

    objects = EvaluationQuerySet.as_manager()
    owner_field = "agency"

    class Meta(YearlyRecord.Meta):
        ordering = ["-year", "agency__name"]
        verbose_name = verbose_name_plural = _("中介机构年度评价")
        constraints = [one_per_year("agency", "unique_agency_evaluation_year")]

    detail_url_name = "agencies:evaluation_detail"


class ContractQuerySet(ScopedQuerySet):
    """Buyer's and seller's org admins; the county of the contract's region."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        query = Q(buyer_id__in=user.organisation_ids) | Q(seller_id__in=user.organisation_ids)
        if user.region_codes:
            query |= region_q(user.region_codes, "region__code")
        return self.filter(query)

    def registered_in(self, year: int, as_of):
        return self.filter(registered_on__year=year, registered_on__lte=as_of)


class TechContract(DetailPage, TimeStampedModel):
    """A technology contract registered at the technology market (技术合同认定登记)."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("技术开发")
        TRANSFER = "transfer", _("技术转让")
        CONSULTING = "consulting", _("技术咨询")
        SERVICE = "service", _("技术服务")

    number = models.CharField(_("登记编号"), max_length=40, unique=True)
    name = models.CharField(_("合同名称"), max_length=200)
    kind = models.CharField(_("合同类型"), max_length=12, choices=Kind.choices)
    buyer = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="contracts_bought", verbose_name=_("买方")
    )
    seller = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="contracts_sold", verbose_name=_("卖方")
    )
    amount = models.DecimalField(_("合同金额(元)"), validators=NON_NEGATIVE, **MONEY)
    technical_amount = models.DecimalField(_("技术交易额(元)"), validators=NON_NEGATIVE, **MONEY)
    signed_on = models.DateField(_("签订日期"))
    registered_on = models.DateField(_("登记日期"))
    region = models.ForeignKey(
        "directory.Region", on_delete=models.PROTECT, related_name="tech_contracts", verbose_name=_("登记地区")
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("登记机构"),
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = verbose_name_plural = _("技术合同")
        indexes = [models.Index(fields=["registered_on"], name="tech_contract_registered")]
        constraints = [
            models.CheckConstraint(
                condition=Q(technical_amount__lte=F("amount")),
                name="tech_contract_technical_within_amount",
                violation_error_message=_("技术交易额不能大于合同金额。The technical amount exceeds the contract."),
            ),
            models.CheckConstraint(
                condition=Q(registered_on__gte=F("signed_on")),
                name="tech_contract_registered_after_signing",
                violation_error_message=_("登记日期不能早于签订日期。Registered before it was signed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    detail_url_name = "agencies:contract_detail"

    def clean(self) -> None:
        raise_errors({"registered_on": future_date_error(self.registered_on, _("登记日期"))})
        if self.buyer_id and self.buyer_id == self.seller_id:
            raise ValidationError({"buyer": _("买方与卖方不能是同一单位。Buyer and seller are the same.")})
