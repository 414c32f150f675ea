"""Shared tables: the chained audit log, status logs of every lifecycle, inbox, jobs; and the
abstract furniture of every app's models (`TimeStampedModel`, `YearlyRecord`, `DetailPage`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.validators import future_year_error, raise_errors


class Level(models.TextChoices):
    """The level of a programme, platform, recognition or honour: one vocabulary for every app."""

    CITY = "city", _("市级")
    PROVINCIAL = "provincial", _("省级")
    NATIONAL = "national", _("国家级")


class DetailPage:
    """A model mixin: the record's page is the URL named `detail_url_name`, with the record's pk."""

    detail_url_name: str

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.pk])


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class YearlyRecord(models.Model):
    """One record per owner per year (a yearly report, evaluation or set of figures): the year,
    never in the future, newest first. A subclass names its owner in `owner_field`, declares the
    uniqueness in its Meta (a subclass of `YearlyRecord.Meta`, so the ordering is inherited or
    overridden) with `one_per_year`, and extends `clean()` or `year_error()` through super(). A
    subclass whose years are bounded redeclares `year` with its validators (same label)."""

    owner_field: str

    year = models.PositiveSmallIntegerField(_("年度"))

    class Meta:
        abstract = True
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"{getattr(self, self.owner_field)} {self.year}"

    def clean(self) -> None:
        raise_errors({"year": self.year_error()})

    def year_error(self) -> ValidationError | None:
        return future_year_error(self.year)


def one_per_year(owner_field: str, name: str, message: str | None = None) -> models.UniqueConstraint:
    """A `YearlyRecord`'s unique (owner, year); `message` explains a second record of the year."""
    return models.UniqueConstraint(fields=[owner_field, "year"], name=name, violation_error_message=message)


class AuditEntry(models.Model):
    """One row per change. `entry_hash` chains to the previous row so edits and deletions show."""

    timestamp = models.DateTimeField(_("时间"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_repr = models.CharField(_("用户"), max_length=150, blank=True)
    request_id = models.CharField(_("请求号"), max_length=36, blank=True, db_index=True)
    action = models.CharField(_("操作"), max_length=40, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-id"])]
        verbose_name = verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.user_repr} {self.action} {self.object_repr}"


class StatusLog(models.Model):
    """Every lifecycle transition of any object, in order (the django-oscar shape)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField(_("原状态"), max_length=40)
    action = models.CharField(_("动作"), max_length=40)
    to_state = models.CharField(_("新状态"), max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id", "id"])]
        verbose_name = verbose_name_plural = _("状态记录")

    def __str__(self) -> str:
        return f"{self.from_state} --{self.action}--> {self.to_state}"


class Notification(models.Model):
    """The in-system inbox: a line of text and a link, per user."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("内容"), max_length=500)
    link = models.CharField(_("链接"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("站内通知")

    def __str__(self) -> str:
        return self.text


class Job(models.Model):
    """A long piece of work (a big import) run by a task worker; its page shows the progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未通过")

    kind = models.CharField(_("类型"), max_length=200)
    label = models.CharField(_("名称"), max_length=100)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("后台任务")

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status in (self.Status.DONE, self.Status.FAILED):
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class SeedRecord(models.Model):
    """Which app's demo data is loaded, so `make run` a second time keeps the data and is fast."""

    app = models.CharField(max_length=40, unique=True)
    scale = models.CharField(max_length=20)
    seeded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.app}@{self.scale}"


class AttachmentQuerySet(models.QuerySet):
    def of(self, obj: models.Model) -> "AttachmentQuerySet":
        """The files attached to `obj`."""
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class Attachment(models.Model):
    """A file attached to any object; its type was checked by content when it came in."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    owner_object = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("用途"), max_length=60, blank=True)
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("文件名"), max_length=255)
    kind = models.CharField(_("类型"), max_length=20)
    size = models.PositiveBigIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def of_upload(cls, obj: models.Model, upload, kind: str, purpose: str, actor) -> "Attachment":
        """An unsaved attachment of `upload` to `obj`; `kind` is what `core.uploads.check_upload` found."""
        return cls(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            purpose=purpose,
            file=upload,
            original_name=upload.name[:255],
            kind=kind,
            size=upload.size,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


class Counter(models.Model):
    """The last number handed out per kind and year (application numbers, document numbers such as
    洛科〔2008〕12号); `core.numbering.next_number` takes it under a row lock, so numbers never collide."""

    kind = models.CharField(max_length=60)
    year = models.PositiveIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="unique_counter_kind_year")]
        verbose_name = verbose_name_plural = _("编号计数器")

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.value}"


class NotificationPreference(models.Model):
    """Which events a user also wants by e-mail (the inbox always gets them). No row: every event."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    email_events = models.JSONField(_("邮件通知的事项"), default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("通知设置")

    def __str__(self) -> str:
        return str(self.user)


class SentReminder(models.Model):
    """One reminder of one kind about one item to one person: `send_reminders` runs daily and
    sends nothing twice."""

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("已发提醒")
        constraints = [models.UniqueConstraint(fields=["kind", "content_type", "object_id", "recipient"],
                                               name="unique_sent_reminder")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} → {self.recipient_id}"
