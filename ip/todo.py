"""What waits in ip: patent subsidy claims to decide, approved ones to pay."""

from django.utils.translation import gettext_lazy as _

from core.todo import TodoSource

from . import permissions as perms
from .models import SubsidyApplication


def _to_decide(user):
    if not perms.can_review_subsidy(user):
        return None
    return SubsidyApplication.objects.visible_to(user).filter(status=SubsidyApplication.Status.SUBMITTED)


def _to_pay(user):
    if not perms.can_pay_subsidy(user):
        return None
    return SubsidyApplication.objects.visible_to(user).filter(status=SubsidyApplication.Status.APPROVED)


SOURCES = [
    TodoSource("subsidy_decide", _("待审核的专利资助申请"), _to_decide),
    TodoSource("subsidy_pay", _("待拨付的专利资助"), _to_pay),
]
