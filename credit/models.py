"""The single credit ledger (科研诚信) of people, organisations, experts and intermediary agencies.

Rules (documented in docs/reviews.md, "Credit ledger"):
* score = 100 + the points of the subject's confirmed, unexpired events;
  grade A >= 90, B >= 75, C >= 60, below 60 blacklist;
* an event whose kind is *severe* (fraud, plagiarism, serious misconduct) blacklists its subject
  by itself until it expires or is revoked on appeal;
* automatic events (from review behaviour) start *pending* and count only after an officer
  confirms them; a confirmed event may be appealed once; an upheld appeal revokes the event.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.models import DetailPage
from core.permissions import ScopedQuerySet


class CreditEventQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        from .permissions import LEDGER_READERS

        if user.has_role(*LEDGER_READERS):
            return self.all()
        # Everyone else sees the events about themselves: their person, and the organisations they
        # administer (an applicant of an organisation does not see the organisation's record).
        query = models.Q(pk__in=[])
        person_type = ContentType.objects.get_by_natural_key("directory", "person")
        org_type = ContentType.objects.get_by_natural_key("directory", "organisation")
        if user.person_id:
            query |= models.Q(subject_type=person_type, subject_id=str(user.person_id))
        org_ids = [str(pk) for pk in user.scope_ids(Role.ORG_ADMIN, "organisation")]
        if org_ids:
            query |= models.Q(subject_type=org_type, subject_id__in=org_ids)
        return self.filter(query)


class CreditEvent(DetailPage, models.Model):
    """One entry in the single credit ledger (科研诚信) of people, organisations, experts, agencies."""

    class Area(models.TextChoices):
        APPLICATION = "application", _("申报")
        FUNDS = "funds", _("经费")
        IMPLEMENTATION = "implementation", _("实施")
        ACCEPTANCE = "acceptance", _("验收")
        REVIEW = "review", _("评审")

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        DISMISSED = "dismissed", _("已撤销")
        REVOKED = "revoked", _("申诉撤销")

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(_("对象"), max_length=200, blank=True)
    kind = models.CharField(_("类型"), max_length=40, blank=True, db_index=True)
    area = models.CharField(_("领域"), max_length=20, choices=Area.choices)
    points = models.IntegerField(_("分值"), help_text=_("负数为扣分"))
    severe = models.BooleanField(_("严重失信"), default=False, help_text=_("单独即列入黑名单"))
    reason = models.CharField(_("事由"), max_length=300)
    evidence = models.TextField(_("证据"), blank=True)
    automatic = models.BooleanField(_("系统自动记录"), default=False)
    # What the event is about (a project, a review invitation …), for the evidence link.
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    expires_on = models.DateField(_("失效日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    decision_note = models.TextField(_("确认意见"), blank=True)

    objects = CreditEventQuerySet.as_manager()

    # What an event says, in the order its page and the API show it (each adds its own who and when).
    facts = ["kind", "area", "points", "severe", "reason", "evidence", "automatic", "status", "expires_on"]

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "status"])]
        verbose_name = verbose_name_plural = _("信用事件")

    def __str__(self) -> str:
        return f"{self.subject_repr or self.subject} {self.points:+d} {self.reason}"

    detail_url_name = "credit:event_detail"


class AppealQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(event__in=CreditEvent.objects.visible_to(user))


class Appeal(models.Model):
    """A subject's appeal (申诉) against a confirmed event, and its outcome."""

    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        UPHELD = "upheld", _("申诉成立")
        REJECTED = "rejected", _("申诉驳回")

    event = models.ForeignKey(CreditEvent, on_delete=models.CASCADE, related_name="appeals")
    statement = models.TextField(_("申诉理由"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField(_("申诉时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    outcome = models.TextField(_("处理结果"), blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("信用申诉")

    def __str__(self) -> str:
        return f"{self.event} — {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()
