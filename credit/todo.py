"""What waits in credit: events recorded automatically, awaiting confirmation."""

from django.utils.translation import gettext_lazy as _

from core.todo import TodoSource

from . import permissions as perms
from .models import CreditEvent


def _pending(user):
    if not perms.can_decide(user):
        return None
    return CreditEvent.objects.visible_to(user).filter(status=CreditEvent.Status.PENDING)


SOURCES = [TodoSource("credit_events", _("待确认的信用记录"), _pending)]
