"""County S&T progress assessment (县市区科技进步考核): schemes, county reports, frozen results.

A `Scheme` is the year's rule book, versioned: indicator groups and indicators (weight, scoring
rule, data source), the figures counties report (`Figure`) and the veto items (`VetoItem`), all
rows, so that a scheme may name other vetoes without a code change. An `Assessment` applies one
scheme to the county-level units; each unit fills a `CountyReport`; computing freezes every
indicator's value with the query description that made it into `IndicatorScore` rows.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet, region_q

FIGURE = {"max_digits": 18, "decimal_places": 4, "null": True, "blank": True}
POSITIVE = [MinValueValidator(Decimal("0"))]
PUBLIC_STATES = ("published",)
RESULT_STATES = ("computed", "confirmed", "published")


class SchemeQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # the rules of the assessment are known to everyone assessed


class Scheme(DetailPage, TimeStampedModel):
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    name = models.CharField(_("方案名称"), max_length=120)
    basis = models.TextField(_("依据"), blank=True)
    excellent_min = models.DecimalField(_("先进分数线"), max_digits=6, decimal_places=2, default=Decimal("85"))
    pass_min = models.DecimalField(_("合格分数线"), max_digits=6, decimal_places=2, default=Decimal("60"))
    grade_excellent = models.CharField(_("一等次名称"), max_length=12, default="先进")
    grade_pass = models.CharField(_("二等次名称"), max_length=12, default="合格")
    grade_fail = models.CharField(_("三等次名称"), max_length=12, default="不合格")

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = verbose_name_plural = _("考核方案")
        constraints = [models.UniqueConstraint(fields=["year", "version"], name="unique_scheme_version")]

    def __str__(self) -> str:
        return f"{self.name}（{self.year} v{self.version}）"

    detail_url_name = "assessment:scheme_detail"

    def clean(self) -> None:
        if self.pass_min is not None and self.excellent_min is not None and self.pass_min > self.excellent_min:
            raise ValidationError({"pass_min": _("合格分数线不能高于先进分数线。Pass mark above the top mark.")})

    def indicators(self):
        return Indicator.objects.filter(group__scheme=self).select_related("group", "figure")

    @property
    def is_draft(self) -> bool:
        """Still a draft: no assessment uses it yet, or only one still in draft. Past that, counties
        fill its figures and results are frozen by it, so it changes only by a new version."""
        status = Assessment.objects.filter(scheme=self).values_list("status", flat=True).first()
        return status in (None, "draft")


class SchemePartQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # like the scheme itself: known to everyone assessed


class SchemePart(models.Model):
    """A scheme's indicator group, indicator or veto item: named, placed by `order`, edited on its
    own page and shown on the scheme's."""

    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = SchemePartQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.scheme_of().get_absolute_url()

    def scheme_of(self) -> "Scheme":
        return self.scheme


class Figure(models.Model):
    """A figure the county reports, with evidence (财政科技拨款占比, 机构设置 …)."""

    class Type(models.TextChoices):
        AMOUNT = "amount", _("数量/金额（不小于 0）")
        SHARE = "share", _("比重（0–100%）")
        RATE = "rate", _("增长率（%，可为负）")
        YES_NO = "yes_no", _("是/否")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="figures", verbose_name=_("考核方案"))
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("填报项"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    type = models.CharField(_("数据类型"), max_length=10, choices=Type.choices, default=Type.AMOUNT)
    requires_evidence = models.BooleanField(_("须上传佐证"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["scheme", "order", "pk"]
        verbose_name = verbose_name_plural = _("填报项")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="unique_figure_code")]

    def __str__(self) -> str:
        return self.name

    def check_value(self, value: Decimal) -> None:
        """Bad input is refused with a reason (a share is 0–100, an amount not negative)."""
        if self.type in (self.Type.AMOUNT, self.Type.SHARE) and value < 0:
            raise ValidationError(
                _("“%(name)s”不能为负数。Must not be negative.") % {"name": self.name}, code="negative"
            )
        if self.type == self.Type.SHARE and value > 100:
            raise ValidationError(
                _("“%(name)s”是比重，不能超过 100%%。A share cannot exceed 100%%.") % {"name": self.name},
                code="above_100",
            )
        if self.type == self.Type.YES_NO and value not in (0, 1):
            raise ValidationError(_("“%(name)s”只能填 是/否。Yes or no.") % {"name": self.name}, code="yes_no")


class IndicatorGroup(SchemePart):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="groups", verbose_name=_("考核方案"))
    name = models.CharField(_("指标组"), max_length=60)

    class Meta:
        ordering = ["scheme", "order", "pk"]
        verbose_name = verbose_name_plural = _("指标组")


class Indicator(SchemePart):
    class Rule(models.TextChoices):
        LINEAR = "linear", _("线性（下限→目标）")
        RANK = "rank", _("按名次")
        YES_NO = "yes_no", _("是/否")
        TIERS = "tiers", _("分档")

    group = models.ForeignKey(IndicatorGroup, on_delete=models.CASCADE, related_name="indicators",
                              verbose_name=_("指标组"))
    name = models.CharField(_("指标名称"), max_length=120)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, validators=POSITIVE)
    rule = models.CharField(_("计分规则"), max_length=10, choices=Rule.choices, default=Rule.LINEAR)
    floor = models.DecimalField(_("下限（得 0 分）"), **FIGURE)
    target = models.DecimalField(_("目标（得满分）"), **FIGURE)
    # [[threshold, share of the weight], …]: the highest threshold reached gives its share
    tiers = models.JSONField(_("分档"), default=list, blank=True, help_text=_("如 [[20, 1], [10, 0.6], [5, 0.3]]"))
    source_key = models.CharField(_("数据来源"), max_length=60, blank=True,
                                  help_text=_("系统按区划统计的查询；留空则取县区填报项。"))
    figure = models.ForeignKey(Figure, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators",
                               verbose_name=_("填报项"))

    class Meta:
        ordering = ["group__order", "order", "pk"]
        verbose_name = verbose_name_plural = _("考核指标")

    def scheme_of(self) -> "Scheme":
        return self.group.scheme

    def clean(self) -> None:
        if bool(self.source_key) == bool(self.figure_id):
            raise ValidationError(_("数据来源与填报项须且只能选一。Choose a query or a reported figure."))
        if self.source_key:
            from .queries import QUERIES

            if self.source_key not in QUERIES:
                raise ValidationError({"source_key": _("未知的数据来源。Unknown data source.")})
        if self.rule == self.Rule.LINEAR and (self.floor is None or self.target is None or self.floor == self.target):
            raise ValidationError(_("线性计分须填写不同的下限与目标。Linear scoring needs a floor and a target."))
        if self.rule == self.Rule.TIERS:
            _check_tiers(self.tiers)


def _check_tiers(tiers) -> None:
    try:
        pairs = [(Decimal(str(t)), Decimal(str(s))) for t, s in tiers]
    except (TypeError, ValueError, ArithmeticError) as exc:
        message = _("分档格式应为 [[门槛, 得分比例], …]。Tiers: [[threshold, share], …].")
        raise ValidationError({"tiers": message}) from exc
    if not pairs or any(not 0 <= share <= 1 for _t, share in pairs):
        raise ValidationError({"tiers": _("得分比例应在 0 与 1 之间。Each share is between 0 and 1.")})


class VetoItem(SchemePart):
    """A one-vote-veto condition: a reported figure compared with a threshold or another figure."""

    class Op(models.TextChoices):
        AT_LEAST = "gte", _("不低于")
        YES = "yes", _("须为“是”")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="veto_items", verbose_name=_("考核方案"))
    name = models.CharField(_("否决项"), max_length=160)
    figure = models.ForeignKey(Figure, on_delete=models.PROTECT, related_name="veto_items", verbose_name=_("填报项"))
    op = models.CharField(_("条件"), max_length=4, choices=Op.choices, default=Op.AT_LEAST)
    threshold = models.DecimalField(_("标准值"), **FIGURE)
    compare_to = models.ForeignKey(Figure, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("对比填报项"))

    class Meta:
        ordering = ["scheme", "order", "pk"]
        verbose_name = verbose_name_plural = _("一票否决项")

    def clean(self) -> None:
        if self.op == self.Op.AT_LEAST and (self.threshold is None) == (self.compare_to_id is None):
            raise ValidationError(_("“不低于”须指定标准值或对比填报项之一。Give a threshold or a figure to compare."))


class AssessmentQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        if user.region_codes:
            return self.exclude(status="draft")
        return self.filter(status__in=PUBLIC_STATES)


class Assessment(DetailPage, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("县区填报中")
        COMPUTED = "computed", _("已计算（待审定）")
        CONFIRMED = "confirmed", _("领导已审定")
        PUBLISHED = "published", _("已公布")

    scheme = models.OneToOneField(Scheme, on_delete=models.PROTECT, related_name="assessment",
                                  verbose_name=_("考核方案"))
    title = models.CharField(_("名称"), max_length=160)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    due_date = models.DateField(_("填报截止"), null=True, blank=True)
    snapshot_date = models.DateField(_("数据截止日"), null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-scheme__year"]
        verbose_name = verbose_name_plural = _("年度考核")

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.scheme.year

    detail_url_name = "assessment:assessment_detail"


class CountyReportQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(region_q(user.region_codes)) if user.region_codes else self.none()


class CountyReport(DetailPage, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("填报中")
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已受理")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports",
                                   verbose_name=_("年度考核"))
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("县（市、区）"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    contact = models.CharField(_("填报联系人"), max_length=60, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    objects = CountyReportQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "region__code"]
        verbose_name = verbose_name_plural = _("县区填报")
        constraints = [models.UniqueConstraint(fields=["assessment", "region"], name="unique_county_report")]

    def __str__(self) -> str:
        return f"{self.region} · {self.assessment}"

    detail_url_name = "assessment:report_detail"


class ReportedValue(models.Model):
    """One reported figure; its evidence files are `core.Attachment` rows on it."""

    report = models.ForeignKey(CountyReport, on_delete=models.CASCADE, related_name="values", verbose_name=_("填报"))
    figure = models.ForeignKey(Figure, on_delete=models.PROTECT, related_name="values", verbose_name=_("填报项"))
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=4)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["report", "figure__order"]
        verbose_name = verbose_name_plural = _("填报数值")
        constraints = [models.UniqueConstraint(fields=["report", "figure"], name="unique_reported_value")]

    def __str__(self) -> str:
        return f"{self.figure}: {self.value}"

    def clean(self) -> None:
        if self.value is not None and self.figure_id:
            try:
                self.figure.check_value(self.value)
            except ValidationError as exc:
                raise ValidationError({"value": exc.messages}) from exc


class ResultQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        public = Q(assessment__status__in=PUBLIC_STATES)
        if user.region_codes:
            return self.filter(public | region_q(user.region_codes))
        return self.filter(public)


class CountyResult(models.Model):
    """A county's frozen result: total, rank, grade and veto, as computed at the snapshot date."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results",
                                   verbose_name=_("年度考核"))
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("县（市、区）"))
    score = models.DecimalField(_("总分"), max_digits=8, decimal_places=2)
    rank = models.PositiveSmallIntegerField(_("名次"))
    grade = models.CharField(_("等次"), max_length=12)
    vetoed = models.BooleanField(_("一票否决"), default=False)
    veto_items = models.JSONField(_("未达标否决项"), default=list, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "rank", "region__code"]
        verbose_name = verbose_name_plural = _("考核结果")
        constraints = [models.UniqueConstraint(fields=["assessment", "region"], name="unique_county_result")]

    def __str__(self) -> str:
        return f"{self.region} {self.score}"


class IndicatorScore(models.Model):
    result = models.ForeignKey(CountyResult, on_delete=models.CASCADE, related_name="scores", verbose_name=_("结果"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("指标"))
    value = models.DecimalField(_("指标值"), **FIGURE)
    score = models.DecimalField(_("得分"), max_digits=8, decimal_places=2)
    query = models.TextField(_("取数口径"), blank=True)

    class Meta:
        ordering = ["result", "indicator__group__order", "indicator__order", "indicator__pk"]
        verbose_name = verbose_name_plural = _("指标得分")
        constraints = [models.UniqueConstraint(fields=["result", "indicator"], name="unique_indicator_score")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"
