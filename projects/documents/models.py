"""Issued official documents: numbered, archived, immutable; a re-issue supersedes with a reason."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage
from core.permissions import ScopedQuerySet


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("申报书")
    APPROVAL_NOTICE = "approval_notice", _("立项通知书")
    TASK_BOOK = "task_book", _("任务书(合同)")
    ACCEPTANCE = "acceptance", _("验收证书")
    APPROVED_LIST = "approved_list", _("立项项目名单")


class IssuedDocumentQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        from projects.models import Project

        if user.is_bureau_wide:
            return self.all()
        return self.filter(project__in=Project.objects.visible_to(user))

    def current(self):
        return self.filter(superseded_by__isnull=True)


# Only these fields may change after issue: the link to the document that replaced it.
SUPERSEDE_FIELDS = frozenset({"superseded_by", "superseded_at", "supersede_reason"})


class IssuedDocument(DetailPage, models.Model):
    """One issued document (its file is the record of what was issued, never regenerated)."""

    kind = models.CharField(_("文件类型"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("文号"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    project = models.ForeignKey("projects.Project", verbose_name=_("项目"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="documents")
    call = models.ForeignKey("projects.Call", verbose_name=_("申报通知"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("标题"), max_length=300)
    file = models.FileField(_("Word 文件"), upload_to="documents/%Y/")
    pdf = models.FileField(_("PDF 文件"), upload_to="documents/%Y/", blank=True)
    sha256 = models.CharField(_("校验值"), max_length=64)
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签发人"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    superseded_by = models.OneToOneField("self", verbose_name=_("被替代为"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="supersedes")
    superseded_at = models.DateTimeField(_("替代时间"), null=True, blank=True)
    supersede_reason = models.TextField(_("重新签发理由"), blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        app_label = "projects"
        ordering = ["-issued_at", "-id"]
        verbose_name = verbose_name_plural = _("正式文件")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "serial"], name="unique_document_serial"),
            models.CheckConstraint(condition=Q(project__isnull=False) | Q(call__isnull=False),
                                   name="document_has_subject",
                                   violation_error_message=_("文件须属于项目或申报通知。A document belongs to a "
                                                             "project or a call.")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if self.pk and (fields is None or not set(fields) <= SUPERSEDE_FIELDS):
            raise ValidationError(_("已签发的文件不能修改，请重新签发。An issued document cannot be changed; "
                                    "issue a new one."))
        super().save(*args, **kwargs)

    detail_url_name = "projects:document_download"

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None
