"""What waits in registries: platforms' annual reports to evaluate."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.todo import TodoSource

from . import permissions as perms
from .models import PlatformAnnualReport


def _reports(user):
    if not perms.can_review(user):
        return None
    return PlatformAnnualReport.objects.visible_to(user).filter(
        status=PlatformAnnualReport.Status.SUBMITTED).select_related("platform")


SOURCES = [TodoSource("platform_reports", _("待评估的平台年度报告"), _reports,
                      link=lambda r: reverse("registries:report_detail", args=[r.pk]))]
