"""Patents, population figures for per-capita statistics, the patent subsidy and IP advantage units."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.models import DetailPage, Level, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, organisation_scope_q, region_q
from core.search import SearchableModel
from core.today import today as current_date

from . import patent_numbers

MONEY = {"max_digits": 18, "decimal_places": 2}


def validate_patent_number(value: str) -> None:
    try:
        patent_numbers.parse(value)
    except patent_numbers.PatentNumberError as exc:
        raise ValidationError(str(exc), code=f"patent_{exc.code}") from exc


class PatentQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(
            organisation_scope_q(user, "applicant_organisation_id", "region__code", "applicant_person_id")
        )


class Patent(DetailPage, SearchableModel, TimeStampedModel):
    """A patent application (and, once granted, the patent).

    The first applicant decides the organisation and the county a patent counts for
    (统计口径: 第一申请人所在地). Further applicants are kept as text in order.
    """

    class Kind(models.TextChoices):
        INVENTION = patent_numbers.INVENTION, _("发明")
        UTILITY_MODEL = patent_numbers.UTILITY_MODEL, _("实用新型")
        DESIGN = patent_numbers.DESIGN, _("外观设计")
        PCT_INVENTION = patent_numbers.PCT_INVENTION, _("PCT发明")
        PCT_UTILITY_MODEL = patent_numbers.PCT_UTILITY_MODEL, _("PCT实用新型")

    class Status(models.TextChoices):
        FILED = "filed", _("已受理")
        GRANTED = "granted", _("已授权")
        REJECTED = "rejected", _("已驳回")
        WITHDRAWN = "withdrawn", _("已撤回")
        LAPSED = "lapsed", _("已失效")

    number = models.CharField(
        _("申请号"),
        max_length=16,
        unique=True,
        validators=[validate_patent_number],
        help_text=_("如 ZL200810012345.3,可带 ZL/CN 前缀与空格,保存为规范形式。"),
    )
    title = models.CharField(_("专利名称"), max_length=200)
    kind = models.CharField(_("专利类型"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("法律状态"), max_length=10, choices=Status.choices, default=Status.FILED)
    filing_date = models.DateField(_("申请日"))
    grant_date = models.DateField(_("授权公告日"), null=True, blank=True)
    lapse_date = models.DateField(_("失效日"), null=True, blank=True)
    applicant_organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patents",
        verbose_name=_("第一申请人(单位)"),
    )
    applicant_person = models.ForeignKey(
        "directory.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patents",
        verbose_name=_("第一申请人(个人)"),
    )
    applicant_name = models.CharField(_("第一申请人"), max_length=200)
    co_applicants = models.CharField(_("其他申请人"), max_length=500, blank=True, help_text=_("以“;”分隔"))
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        related_name="patents",
        verbose_name=_("所属县区"),
    )

    objects = PatentQuerySet.as_manager()
    # CheckConstraints whose rule clean() states in Python (_check_dates), with an error on the
    # field: an import validates them without a query per row (core.import_checks).
    constraints_in_clean = ("patent_grant_after_filing",)
    search_fields = ("title", "applicant_name", "co_applicants", "number")

    class Meta:
        ordering = ["-filing_date", "-id"]
        verbose_name = verbose_name_plural = _("专利")
        # Covering indexes for the statistics (bench/bench_patents.py, 1M rows): each count or
        # GROUP BY region reads only the index. Kind first where a figure is for one kind.
        indexes = [
            models.Index(fields=["filing_date"], name="patent_filing"),  # + rowid: the list's order
            models.Index(fields=["filing_date", "region"], name="patent_filing_region"),
            models.Index(fields=["kind", "filing_date", "region"], name="patent_kind_filing_region"),
            models.Index(fields=["grant_date", "region"], name="patent_grant_region"),
            models.Index(fields=["kind", "grant_date", "lapse_date", "region"], name="patent_kind_grant_lapse"),
            models.Index(fields=["region", "filing_date"], name="patent_region_filing"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(grant_date__isnull=True) | Q(grant_date__gte=models.F("filing_date")),
                name="patent_grant_after_filing",
                violation_error_message=_("授权日期不能早于申请日期。The grant date cannot be before the filing date."),
            ),
        ]

    def __str__(self) -> str:
        return f"ZL{self.number} {self.title}"

    detail_url_name = "ip:patent_detail"

    @property
    def applicant(self):
        """The first applicant as a directory record (credit checks, subsidy caps)."""
        return self.applicant_organisation or self.applicant_person

    def clean(self) -> None:
        # The record's own rules, here so that the page, the API and the Excel import all check them.
        errors: dict[str, list[ValidationError]] = {}
        _check_number_agrees(self, errors)
        _check_dates(self, errors)
        _check_status(self, errors)
        if errors:
            raise ValidationError(errors)


def _add(errors: dict, field: str, message, code: str, **params) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code, params=params or None))


def _check_number_agrees(patent: Patent, errors: dict) -> None:
    """The type and the year written in the application number bind the record."""
    try:
        number = patent_numbers.parse(patent.number, current_date())
    except patent_numbers.PatentNumberError:
        return  # the number's own validator reports it
    if patent.kind and patent.kind != number.kind:
        _add(
            errors,
            "kind",
            _("专利类型与申请号的类型位不符(申请号表示%(kind)s)。Type does not match the number."),
            "kind_mismatch",
            kind=Patent.Kind(number.kind).label,
        )
    if patent.filing_date and patent.filing_date.year != number.year:
        _add(
            errors,
            "filing_date",
            _("申请日年份与申请号中的年份(%(year)s)不符。The filing year does not match the number."),
            "year_mismatch",
            year=number.year,
        )


def _check_dates(patent: Patent, errors: dict) -> None:
    today = current_date()
    filing, grant, lapse = patent.filing_date, patent.grant_date, patent.lapse_date
    if filing and filing > today:
        _add(errors, "filing_date", _("申请日不能晚于今天。The filing date is in the future."), "future_filing")
    if grant and filing and grant < filing:
        _add(
            errors,
            "grant_date",
            _("授权日不能早于申请日。The grant date precedes the filing date."),
            "grant_before_filing",
        )
    if grant and grant > today:
        _add(errors, "grant_date", _("授权日不能晚于今天。The grant date is in the future."), "future_grant")
    if lapse and (grant or filing) and lapse < (grant or filing):
        _add(errors, "lapse_date", _("失效日不能早于授权日或申请日。The lapse date is too early."), "lapse_too_early")


def _check_status(patent: Patent, errors: dict) -> None:
    """The legal status agrees with the dates filled in."""
    status, grant, lapse = patent.status, patent.grant_date, patent.lapse_date
    if status == Patent.Status.GRANTED and not grant and "grant_date" not in errors:
        _add(errors, "grant_date", _("已授权专利须填写授权日。A granted patent needs its grant date."), "required")
    if grant and status in (Patent.Status.FILED, Patent.Status.REJECTED, Patent.Status.WITHDRAWN):
        _add(
            errors,
            "status",
            _("已填写授权日,法律状态应为已授权或已失效。Status conflicts with the grant date."),
            "status_conflict",
        )
    if status == Patent.Status.LAPSED and not lapse and "lapse_date" not in errors:
        _add(errors, "lapse_date", _("已失效专利须填写失效日。A lapsed patent needs its lapse date."), "required")
    if lapse and status != Patent.Status.LAPSED:
        _add(
            errors,
            "status",
            _("已填写失效日,法律状态应为已失效。Status conflicts with the lapse date."),
            "status_conflict",
        )


class RegionPopulationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # published statistics


class RegionPopulation(DetailPage, YearlyRecord):
    """Resident population of a region at year end (统计年鉴), for per-10,000 figures."""

    region = models.ForeignKey("directory.Region", on_delete=models.CASCADE, verbose_name=_("区划"))
    population = models.PositiveIntegerField(_("常住人口"), validators=[MinValueValidator(1)])

    objects = RegionPopulationQuerySet.as_manager()
    owner_field = "region"

    class Meta(YearlyRecord.Meta):
        ordering = ["-year", "region__code"]
        verbose_name = verbose_name_plural = _("年末人口")
        constraints = [one_per_year("region", "unique_region_population_year")]

    def __str__(self) -> str:
        return f"{super().__str__()}: {self.population}"

    detail_url_name = "ip:population_detail"

    def year_error(self) -> ValidationError | None:
        # Yearbook figures run from 1949 to this year: a year outside, a future one too, is invalid.
        if self.year is not None and not 1949 <= self.year <= timezone.localdate().year:
            return ValidationError(_("年度无效。Invalid year."), code="year")
        return None


# --- the patent application subsidy (专利申请资助资金) ------------------------------


class SubsidyPolicyQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # policies are published


class SubsidyPolicy(DetailPage, TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("名称"), max_length=200)
    total_budget = models.DecimalField(_("资金总额(元)"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    cap_per_applicant = models.DecimalField(
        _("每个申请人资助上限(元)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    is_open = models.BooleanField(_("受理中"), default=True)
    # Where the policy says so, the subsidy list is put to public notice (公示) on the portal.
    requires_notice = models.BooleanField(_("资助名单须公示"), default=False)

    objects = SubsidyPolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = _("专利资助政策")

    def __str__(self) -> str:
        return self.title

    detail_url_name = "ip:policy_detail"

    def clean(self) -> None:
        cap, budget = self.cap_per_applicant, self.total_budget
        if cap is not None and budget is not None and cap > budget:
            raise ValidationError(
                {
                    "cap_per_applicant": ValidationError(
                        _("单个申请人上限不能超过资金总额。The cap exceeds the budget."), code="cap_over_budget"
                    )
                }
            )

    def committed(self) -> Decimal:
        """Approved or paid: the money this policy has promised."""
        total = self.applications.filter(status__in=SubsidyApplication.COMMITTED).aggregate(s=Sum("amount"))["s"]
        return total or Decimal("0")

    def remaining(self) -> Decimal:
        return self.total_budget - self.committed()


class SubsidyRate(models.Model):
    class Stage(models.TextChoices):
        APPLICATION = "application", _("申请资助")
        GRANT = "grant", _("授权资助")

    policy = models.ForeignKey(SubsidyPolicy, on_delete=models.CASCADE, related_name="rates")
    kind = models.CharField(_("专利类型"), max_length=20, choices=Patent.Kind.choices)
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices)
    amount = models.DecimalField(_("资助金额(元)"), **MONEY, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["policy", "kind", "stage"]
        verbose_name = verbose_name_plural = _("资助标准")
        constraints = [models.UniqueConstraint(fields=["policy", "kind", "stage"], name="unique_subsidy_rate")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_stage_display()} {self.amount}"


class SubsidyApplicationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        """Money claims: the organisation's administrators see the organisation's, a PI only
        the claims for their own patents or filed by themselves (an applicant account is not
        a window on what the employer claims)."""
        if user.is_bureau_wide:
            return self
        query = Q(patent__applicant_organisation_id__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))
        query |= Q(submitted_by_id=user.pk)
        if user.region_codes:
            query |= region_q(user.region_codes, "patent__region__code")
        if user.person_id:
            query |= Q(patent__applicant_person_id=user.person_id)
        return self.filter(query)


class SubsidyApplication(DetailPage, TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未通过")
        WITHDRAWN = "withdrawn", _("已撤回")
        PAID = "paid", _("已拨付")

    COMMITTED = (Status.APPROVED, Status.PAID)
    # Rejected and withdrawn applications free the patent (and the money) again.
    ACTIVE = (Status.SUBMITTED, Status.APPROVED, Status.PAID)

    policy = models.ForeignKey(
        SubsidyPolicy, on_delete=models.PROTECT, related_name="applications", verbose_name=_("资助政策")
    )
    patent = models.ForeignKey(
        Patent, on_delete=models.PROTECT, related_name="subsidy_applications", verbose_name=_("专利")
    )
    stage = models.CharField(_("阶段"), max_length=12, choices=SubsidyRate.Stage.choices)
    amount = models.DecimalField(_("资助金额(元)"), **MONEY)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("提交人"),
    )
    paid_on = models.DateField(_("拨付日期"), null=True, blank=True)
    voucher_no = models.CharField(_("拨付凭证号"), max_length=40, blank=True)

    objects = SubsidyApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("专利资助申请")
        constraints = [
            # No patent is subsidised twice for the same stage, whichever year it is claimed in.
            models.UniqueConstraint(
                fields=["patent", "stage"],
                condition=Q(status__in=["submitted", "approved", "paid"]),
                name="patent_subsidised_once_per_stage",
                violation_error_message=_("该专利此阶段已申请资助。This patent has a claim for this stage."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patent.number} {self.get_stage_display()}"

    detail_url_name = "ip:subsidy_detail"


# --- IP advantage regions and enterprises (知识产权优势区域/企业) -------------------


class IPAdvantageQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(organisation_scope_q(user, "organisation_id", "region__code"))


class IPAdvantage(DetailPage, TimeStampedModel):
    class Kind(models.TextChoices):
        REGION = "region", _("知识产权优势区域")
        ENTERPRISE = "enterprise", _("知识产权优势企业")

    class Status(models.TextChoices):
        CULTIVATING = "cultivating", _("培育中")
        RECOGNISED = "recognised", _("已认定")
        REVOKED = "revoked", _("已撤销")

    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, default=Level.CITY)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        verbose_name=_("区域"),
        help_text=_("优势企业填其所在区划"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("企业")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CULTIVATING)
    recognised_on = models.DateField(_("认定日期"), null=True, blank=True)

    objects = IPAdvantageQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "region__code"]
        verbose_name = verbose_name_plural = _("知识产权优势单位")

    def __str__(self) -> str:
        subject = self.organisation if self.kind == self.Kind.ENTERPRISE else self.region
        return f"{self.get_kind_display()}:{subject}"

    detail_url_name = "ip:advantage_detail"

    def clean(self) -> None:
        if self.kind == self.Kind.ENTERPRISE and not self.organisation_id:
            raise ValidationError({"organisation": _("优势企业须指定企业。An enterprise is required.")})
        if self.status == self.Status.RECOGNISED and not self.recognised_on:
            raise ValidationError({"recognised_on": _("已认定须填写认定日期。Recognition date required.")})
        if self.recognised_on and self.recognised_on > timezone.localdate():
            raise ValidationError(
                {"recognised_on": ValidationError(_("认定日期不能晚于今天。The date is in the future."), code="future")}
            )
