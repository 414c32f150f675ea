"""What the bureau publishes itself: policies, announcements and news, and the plan's indicators
as officers publish them at month-end. Calls, notices and results are read from the apps that
own them (projects, reviews, registries, ip); nothing is copied here but the monthly figures,
which must not change once published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet


class StaffQuerySet(ScopedQuerySet):
    """Every staff member reads the portal's records; the public reads only `published()`."""

    def scoped_for(self, user):
        return self.all() if user.is_bureau_wide else self.none()


class PublicationQuerySet(StaffQuerySet):
    def published(self):
        return self.filter(status=Publication.Status.PUBLISHED)


class Publication(DetailPage, TimeStampedModel):
    """A policy (政策法规), announcement (通知公告) or news item (工作动态) on the portal."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("政策法规")
        ANNOUNCEMENT = "announcement", _("通知公告")
        NEWS = "news", _("工作动态")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    kind = models.CharField(_("栏目"), max_length=14, choices=Kind.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuer = models.CharField(_("发布机构"), max_length=100, blank=True)
    body = models.TextField(_("正文"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("撤回原因"), blank=True)
    correction_note = models.TextField(_("更正说明"), blank=True)
    corrected_at = models.DateTimeField(_("更正时间"), null=True, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = verbose_name_plural = _("公开信息")
        indexes = [models.Index(fields=["kind", "status", "-published_at"], name="publication_list_idx")]

    def __str__(self) -> str:
        return self.title

    detail_url_name = "portal:publication_detail"

    def get_public_url(self) -> str:
        return reverse("portal:document", args=[self.pk])


class IndicatorSnapshot(models.Model):
    """The plan's indicators as an officer published them for one month (open data)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="+", verbose_name=_("工作要点"))
    month = models.DateField(_("截至日期"), help_text=_("月末日期"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = verbose_name_plural = _("指标月度公开数据")
        constraints = [models.UniqueConstraint(fields=["plan", "month"], name="unique_snapshot_month")]

    def __str__(self) -> str:
        return f"{self.plan.year} {self.month:%Y-%m}"


class SnapshotRow(models.Model):
    """One indicator's published figure; name, unit and target are copied so they stay as published."""

    snapshot = models.ForeignKey(IndicatorSnapshot, on_delete=models.CASCADE, related_name="rows")
    code = models.CharField(_("编号"), max_length=20)
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)
    target = models.DecimalField(_("目标值"), max_digits=18, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(_("完成值"), max_digits=18, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("指标数据")

    def __str__(self) -> str:
        return f"{self.code} {self.value}"


class PublicNoticeQuerySet(StaffQuerySet):
    def shown(self):
        """What the public sees: every notice once opened (closed ones stay listed as ended)."""
        return self.filter(status__in=[PublicNotice.Status.OPEN, PublicNotice.Status.CLOSED])


class PublicNotice(DetailPage, TimeStampedModel):
    """A 公示 the portal itself runs: platforms to be recognised, or a subsidy list whose policy
    requires publication. Projects and award nominations carry their notice on their own records."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("创新平台认定公示")
        SUBSIDY = "subsidy", _("专利资助名单公示")

    class Status(models.TextChoices):
        OPEN = "open", _("公示中")
        CLOSED = "closed", _("已结束")

    kind = models.CharField(_("公示类别"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=200)
    starts_at = models.DateTimeField(_("公示开始"))
    ends_at = models.DateTimeField(_("公示截止"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = PublicNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-ends_at", "-id"]
        verbose_name = verbose_name_plural = _("公示")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="notice_window_order",
                violation_error_message=_("公示结束时间须晚于开始时间。The notice must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_public_url(self) -> str:
        return reverse("portal:public_notice", args=[self.pk])

    detail_url_name = "portal:notice_manage"


class NoticeItem(models.Model):
    """One line of a portal notice: a platform or a subsidy claim (exactly one of the two)."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="items")
    platform = models.ForeignKey("registries.Platform", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("创新平台"))
    subsidy = models.ForeignKey("ip.SubsidyApplication", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("专利资助申请"))

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("公示条目")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(platform__isnull=False, subsidy__isnull=True)
                | models.Q(platform__isnull=True, subsidy__isnull=False),
                name="notice_item_names_one_record",
                violation_error_message=_(
                    "公示条目须指向一个平台或一项资助。A notice line names one platform or one subsidy."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(self.platform or self.subsidy)

    @property
    def record(self):
        return self.platform or self.subsidy

    @property
    def division_id(self):
        """Whose officers check an objection to this line (a subsidy claim has no division)."""
        return self.platform.division_id if self.platform_id else None
