"""The daily alert run: tell the people responsible when an indicator of this year's plan turns
存在风险 or 滞后, or a milestone becomes overdue — in the app and by e-mail.

Idempotent by design: each indicator keeps the status the last run saw (``alert_status``) and
each milestone the due date it was alerted for (``alerted_due``), so running it twice a day, or
every day while an indicator stays behind, sends nothing new. An alert goes out on a change for
the worse only: → at risk (from on track, achieved or no data) and → behind (from anything
else). Moving from behind back to at risk is recorded silently; recovering and then slipping
again alerts again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit
from core.notifications import notify_all
from core.permissions import require

from . import dashboard, permissions, progress
from .models import Indicator, Milestone, Plan

logger = logging.getLogger(__name__)

ALERT_STATUSES = (progress.AT_RISK, progress.BEHIND)
# Status → how bad it is; an alert goes out when a status ranks worse than the last one seen.
SEVERITY = {progress.AT_RISK: 1, progress.BEHIND: 2}


@dataclass
class Alert:
    subject: str
    body: str
    link: str
    recipients: list = field(default_factory=list)


@dataclass
class RunResult:
    indicators: int = 0
    milestones: int = 0
    notifications: int = 0
    emails: int = 0


def responsible(division_id: int | None, leader) -> list:
    """The division's active officers and the leader (who may be absent)."""
    officers = []
    if division_id:
        officers = list(
            get_user_model()
            .objects.filter(role_assignments__role=Role.OFFICER, role_assignments__division=division_id, is_active=True)
            .distinct()
        )
    return [*officers, leader] if leader is not None else officers


def should_alert(previous: str, current: str) -> bool:
    """A change for the worse into at risk or behind."""
    return current in ALERT_STATUSES and SEVERITY.get(current, 0) > SEVERITY.get(previous, 0)


def _indicator_alert(indicator: Indicator, standing: progress.Standing) -> Alert:
    params = {
        "code": indicator.code,
        "name": indicator.name,
        "status": _status_label(standing.status),
        "percent": standing.percent,
        "unit": indicator.unit,
        "current": _figure(standing.current),
        "expected": _figure(standing.expected),
    }
    subject = _("【工作要点提醒】指标 %(code)s %(name)s：%(status)s") % params
    body = (
        _(
            "指标 %(code)s %(name)s 当前状态为“%(status)s”：完成值 %(current)s%(unit)s，"
            "按进度应达 %(expected)s%(unit)s，完成 %(percent)s%%。"
        )
        % params
    )
    return Alert(subject, body, indicator.get_absolute_url(), responsible(indicator.division_id, indicator.leader))


def _figure(value) -> str:
    return "—" if value is None else f"{value.normalize():f}"


def _milestone_alert(milestone: Milestone) -> Alert:
    item = milestone.work_item
    params = {"number": item.number, "item": item.title, "title": milestone.title, "due": milestone.due.isoformat()}
    subject = _("【工作要点提醒】节点逾期：%(title)s") % params
    body = _("重点工作 %(number)s. %(item)s 的节点“%(title)s”计划于 %(due)s 完成，至今未完成。") % params
    return Alert(subject, body, item.get_absolute_url(), responsible(item.division_id, item.leader))


def _status_label(status: str) -> str:
    return str(dashboard.STATUS_LABELS.get(status, status))


def send(alert: Alert, connection=None) -> tuple[int, int]:
    """The in-app notification and one e-mail per recipient with an address; a mail failure is
    logged, never fatal (the in-app line is already there)."""
    notes = notify_all(alert.recipients, alert.subject, alert.link)
    addresses = sorted({u.email for u in alert.recipients if u is not None and u.email and u.is_active})
    messages = [EmailMessage(alert.subject, alert.body, None, [address]) for address in addresses]
    try:
        sent = (connection or get_connection()).send_messages(messages) or 0
    except OSError:
        logger.exception("plan alert e-mail failed: %s", alert.subject)
        sent = 0
    return len(notes), sent


class _Nobody:
    """The run reads as no one in particular: no row is "mine"."""

    pk = None
    division_ids = frozenset()


SYSTEM_READER = _Nobody()


def plans_to_watch(day: dt.date):
    """Only this year's confirmed plan: a past plan's shortfalls are history, not news."""
    return Plan.objects.filter(status=Plan.Status.CONFIRMED, year=day.year)


def run(actor, day: dt.date | None = None) -> RunResult:
    """Check every indicator and milestone of this year's plan once; send what changed."""
    require(permissions.can_run_alerts(actor))
    day = day or timezone.localdate()
    result = RunResult()
    connection = get_connection()
    for plan in plans_to_watch(day):
        with transaction.atomic():
            alerts = _indicator_alerts(plan, day, result) + _milestone_alerts(plan, day, result)
            for alert in alerts:
                notes, mails = send(alert, connection)
                result.notifications += notes
                result.emails += mails
            if alerts:
                audit.record(
                    actor, "plan_alerts", plan, after={"alerts": len(alerts), "day": day.isoformat()}
                )  # fmt: skip
    return result


def _indicator_alerts(plan: Plan, day: dt.date, result: RunResult) -> list[Alert]:
    alerts = []
    for row in dashboard.rows_for(dashboard.indicator_queryset(plan), SYSTEM_READER, day):
        indicator, status = row.indicator, row.status
        if status == indicator.alert_status:
            continue
        if should_alert(indicator.alert_status, status):
            alerts.append(_indicator_alert(indicator, row.standing))
            result.indicators += 1
        Indicator.objects.filter(pk=indicator.pk).update(alert_status=status)
    return alerts


def _milestone_alerts(plan: Plan, day: dt.date, result: RunResult) -> list[Alert]:
    alerts = []
    for milestone in dashboard.overdue_milestones(plan, day).exclude(alerted_due=F("due")):
        alerts.append(_milestone_alert(milestone))
        result.milestones += 1
        Milestone.objects.filter(pk=milestone.pk).update(alerted_due=milestone.due)
    return alerts
