"""Daily reminders (`manage.py send_reminders`): each app lists what is coming due in
`<app>/reminders.py` (REMINDERS = [Reminder(...)]); a `SentReminder` row per item, kind and
person makes a second run on the same (or a later) day send nothing again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from .discovery import app_modules
from .models import SentReminder
from .notifications import _reachable, notify


@dataclass(frozen=True)
class Due:
    """One item to remind about: the record, who is told, the text and the link."""

    obj: object
    recipients: Iterable
    text: str
    link: str = ""


@dataclass(frozen=True)
class Reminder:
    kind: str  # also the e-mail preference event (core.notifications.EVENTS)
    due: Callable[[dt.date, int], Iterable[Due]]  # (today, days ahead) -> items


def reminders() -> list[Reminder]:
    return [reminder for module in app_modules("reminders") for reminder in getattr(module, "REMINDERS", ())]


def send_reminders(today: dt.date) -> dict[str, int]:
    """Send what is due on `today`; returns the number sent per kind."""
    sent: dict[str, int] = {}
    for reminder in reminders():
        days = settings.REMINDER_DAYS.get(reminder.kind, 3)
        sent[reminder.kind] = sum(_send(reminder.kind, item) for item in reminder.due(today, days))
    return sent


def _send(kind: str, item: Due) -> int:
    content_type = ContentType.objects.get_for_model(item.obj)
    count = 0
    for user in {u.pk: u for u in item.recipients if _reachable(u)}.values():
        try:
            with transaction.atomic():
                _, created = SentReminder.objects.get_or_create(
                    kind=kind, content_type=content_type, object_id=str(item.obj.pk), recipient=user)
                if created:
                    notify(user, item.text, item.link, event=kind)
                    count += 1
        except IntegrityError:  # a run at the same moment sent it: once is enough
            continue
    return count
