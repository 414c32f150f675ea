"""The inbox, and e-mail for the events a user chose (Django's email framework: console by
default, SMTP from the environment — see settings EMAIL_*)."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Notification

# Event kinds a user may receive by e-mail (the inbox gets every one).
WORKFLOW = "workflow"
EVENTS = {
    WORKFLOW: _("办理状态变更（提交、审核、立项、验收等）"),
    "report_due": _("报告到期提醒"),
    "review_invitation": _("评审邀请提醒"),
    "notice_end": _("公示结束提醒"),
    "payment_overdue": _("拨款逾期提醒"),
}


def notify(user, text: str, link: str = "", event: str = WORKFLOW) -> Notification | None:
    """Put a line in one user's inbox, and e-mail it if the user wants this event by e-mail; an
    absent recipient is skipped, never an error."""
    if not _reachable(user):
        return None
    notification = Notification.objects.create(recipient=user, text=text[:500], link=link[:500])
    if user.email and wants_email(user, event):
        # After the commit: a rolled-back change must not have told anyone.
        transaction.on_commit(lambda: _send(user.email, text, link))
    return notification


def notify_all(users: Iterable, text: str, link: str = "", event: str = WORKFLOW) -> list[Notification]:
    """Tell each reachable user once.

    Recipients come from optional relations (a historical project's PI has no account, a
    project may have no leader yet), so absent ones are dropped here rather than in every
    caller: a transition must never fail because nobody can be told about it.
    """
    unique = {user.pk: user for user in users if _reachable(user)}
    return [notify(user, text, link, event) for user in unique.values()]


def wants_email(user, event: str) -> bool:
    from .models import NotificationPreference

    preference = NotificationPreference.objects.filter(user=user).first()
    return event in (preference.email_events if preference else EVENTS)


def _send(address: str, text: str, link: str) -> None:
    body = text + (f"\n\n{settings.SITE_URL.rstrip('/')}{link}" if link else "")
    # A mail server that is down must not undo the work: the inbox already holds the message.
    send_mail(f"[{settings.EMAIL_SUBJECT_PREFIX.strip()}] {text[:60]}", body, None, [address], fail_silently=True)


def _reachable(user) -> bool:
    return user is not None and bool(getattr(user, "pk", None)) and getattr(user, "is_active", True)
