"""The registry of S&T achievements (科技成果登记, seed §14: 科技成果资源共享平台): results of accepted
projects and directly registered ones, searchable in Chinese, with their transfer (转化) status."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet, organisation_scope_q
from core.search import SearchableModel
from core.validators import future_date_error, raise_errors

MONEY = {"max_digits": 18, "decimal_places": 2}


class State(models.TextChoices):
    REGISTERED = "registered", _("已登记(待转化)")
    LICENSED = "licensed", _("已许可")
    SOLD = "sold", _("已转让")
    INVESTED = "invested", _("已作价入股")


TRANSFERRED = (State.LICENSED, State.SOLD, State.INVESTED)


class AchievementQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a county its region's; an organisation its own results."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(organisation_scope_q(user, "owner_id", "owner__region__code"))

    def open_for_transfer(self):
        """What the public portal lists: registered, offered for transfer, not yet transferred."""
        return self.filter(open_for_transfer=True, status=State.REGISTERED)

    def transferred_in(self, year: int, as_of):
        return self.filter(status__in=TRANSFERRED, transferred_on__year=year, transferred_on__lte=as_of)


class Achievement(DetailPage, SearchableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        APPLIED = "applied", _("应用技术")
        BASIC = "basic", _("基础理论")
        SOFT = "soft", _("软科学")

    class Maturity(models.TextChoices):
        RESEARCH = "research", _("研制阶段")
        PILOT = "pilot", _("小试阶段")
        TRIAL = "trial", _("中试阶段")
        MATURE = "mature", _("成熟应用阶段")

    number = models.CharField(_("登记号"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("成果名称"), max_length=200)
    kind = models.CharField(_("成果类型"), max_length=10, choices=Kind.choices, default=Kind.APPLIED)
    field = models.CharField(_("技术领域"), max_length=60, blank=True)
    maturity = models.CharField(_("成熟度"), max_length=10, choices=Maturity.choices, default=Maturity.TRIAL)
    owner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="achievements", verbose_name=_("完成单位")
    )
    completers = models.CharField(_("主要完成人"), max_length=200, blank=True)
    project = models.OneToOneField(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievement",
        verbose_name=_("来源项目"),
    )
    summary = models.TextField(_("成果简介"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    registered_on = models.DateField(_("登记日期"))
    open_for_transfer = models.BooleanField(_("公开征集受让方"), default=True)
    status = models.CharField(_("转化状态"), max_length=12, choices=State.choices, default=State.REGISTERED)
    transferee = models.CharField(_("受让方(被许可方)"), max_length=200, blank=True)
    transfer_amount = models.DecimalField(
        _("转化金额(元)"), null=True, blank=True, validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    transferred_on = models.DateField(_("转化日期"), null=True, blank=True)

    objects = AchievementQuerySet.as_manager()
    search_fields = ("title", "summary", "keywords", "field", "completers")

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = verbose_name_plural = _("科技成果")
        indexes = [models.Index(fields=["status", "transferred_on"], name="achievement_transfer")]
        constraints = [
            models.CheckConstraint(
                condition=Q(transfer_amount__isnull=True) | Q(transfer_amount__gte=0),
                name="achievement_amount_not_negative",
                violation_error_message=_("转化金额不能为负数。A transfer amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self) -> None:
        raise_errors({"registered_on": future_date_error(self.registered_on, _("登记日期"))})

    detail_url_name = "achievements:achievement_detail"
