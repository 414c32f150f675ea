"""Popularisation (seed §20) and cooperation (§13, §15, §19): S&T events such as the S&T activity
week and the peony festival's S&T activities; cooperation agreements with universities and
institutes, abroad (Russia) and with other regions, with the projects born from them; and the
enterprise cultivation lists (innovative-enterprise pilots, listing reserve) whose entries keep
their history (the day entered and each status change in the status log) instead of a flag."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet, region_q
from core.validators import future_date_error, raise_errors
from registries.models import OrganisationScopedQuerySet

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class EventQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a county office the events held in its region."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(region_q(user.region_codes, "region__code"))

    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)


class Event(DetailPage, TimeStampedModel):
    class Kind(models.TextChoices):
        ACTIVITY_WEEK = "activity_week", _("科技活动周")
        PEONY_FESTIVAL = "peony_festival", _("牡丹花会科技活动")
        LECTURE = "lecture", _("科普报告会")
        RURAL = "rural", _("科技下乡")
        OTHER = "other", _("其他科普活动")

    class Status(models.TextChoices):
        DRAFT = "draft", _("筹备中")
        PUBLISHED = "published", _("已发布")

    name = models.CharField(_("活动名称"), max_length=200)
    kind = models.CharField(_("活动类别"), max_length=16, choices=Kind.choices)
    region = models.ForeignKey(
        "directory.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("举办地区")
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    venues = models.CharField(_("活动场所"), max_length=300)
    organisers = models.CharField(_("主办承办单位"), max_length=300)
    programme = models.TextField(_("活动内容"))
    participants = models.PositiveIntegerField(_("参与单位数"), default=0)
    reach = models.PositiveIntegerField(_("受众人次"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = verbose_name_plural = _("科普活动")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "outreach:event_detail"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期早于开始日期。The event ends before it starts.")})


class AgreementQuerySet(OrganisationScopedQuerySet):
    org_field = "local_party_id"
    region_lookup = "local_party__region__code"


class Agreement(DetailPage, TimeStampedModel):
    """A cooperation agreement (合作协议): with a university or institute, abroad, or a region."""

    class Kind(models.TextChoices):
        ACADEMIC = "academic", _("院校合作")
        INTERNATIONAL = "international", _("国际合作")
        REGIONAL = "regional", _("区域合作")

    class Status(models.TextChoices):
        NEGOTIATING = "negotiating", _("洽谈中")
        IN_FORCE = "in_force", _("已签约实施")
        COMPLETED = "completed", _("已完成")
        TERMINATED = "terminated", _("已终止")

    title = models.CharField(_("协议名称"), max_length=200)
    kind = models.CharField(_("合作类别"), max_length=14, choices=Kind.choices)
    partner = models.CharField(_("合作方"), max_length=200)
    country = models.CharField(_("国家或地区"), max_length=60, default="中国")
    local_party = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("本地合作单位"),
    )
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    ends_on = models.DateField(_("协议期满"), null=True, blank=True)
    content = models.TextField(_("合作内容"))
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="agreements", verbose_name=_("由此产生的项目")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.NEGOTIATING)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-signed_on", "title"]
        verbose_name = verbose_name_plural = _("合作协议")

    def __str__(self) -> str:
        return self.title

    detail_url_name = "outreach:agreement_detail"

    def clean(self) -> None:
        raise_errors({"signed_on": future_date_error(self.signed_on, _("签约日期"))})
        if self.signed_on and self.ends_on and self.ends_on <= self.signed_on:
            raise ValidationError({"ends_on": _("期满日期须晚于签约日期。The term ends before signing.")})


class CultivationEntry(DetailPage, TimeStampedModel):
    """An enterprise on a cultivation list since a day, and where it stands now; the status log
    keeps each change (graduated, withdrawn) with its date and reason."""

    class Roster(models.TextChoices):
        INNOVATION_PILOT = "innovation_pilot", _("创新型企业试点")
        LISTING = "listing", _("上市后备企业")
        # seed §13: "进入省百户重点企业、50户高成长性企业和市30户重点企业全部建立研发机构"
        PROVINCIAL_KEY_100 = "provincial_key_100", _("省百户重点企业")
        HIGH_GROWTH_50 = "high_growth_50", _("50户高成长性企业")
        CITY_KEY_30 = "city_key_30", _("市30户重点企业")

    class Status(models.TextChoices):
        CULTIVATING = "cultivating", _("培育中")
        GRADUATED = "graduated", _("已认定或上市")
        WITHDRAWN = "withdrawn", _("已退出")

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="cultivation_entries", verbose_name=_("企业")
    )
    roster = models.CharField(_("名单"), max_length=20, choices=Roster.choices)
    entered_on = models.DateField(_("入选日期"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CULTIVATING)
    graduated_on = models.DateField(_("认定或上市日期"), null=True, blank=True)
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["roster", "-entered_on", "pk"]
        verbose_name = verbose_name_plural = _("企业培育名单")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "roster"],
                name="unique_cultivation_entry",
                violation_error_message=_("该企业已在此名单。The enterprise is already listed."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_roster_display()}"

    detail_url_name = "outreach:cultivation_detail"

    def clean(self) -> None:
        raise_errors(
            {
                "organisation": self._not_enterprise_error(),
                "entered_on": future_date_error(self.entered_on, _("入选日期")),
            }
        )

    def _not_enterprise_error(self) -> ValidationError | None:
        if self.organisation_id and self.organisation.kind != self.organisation.Kind.ENTERPRISE:
            return ValidationError(_("只有企业可以列入培育名单。Only enterprises are listed."), code="kind")
        return None
