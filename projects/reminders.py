"""Reminders of projects: reports coming due (to the PI), public notices ending (to the officers)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core.reminders import Due, Reminder

from . import workflow as wf
from .models import Project, Report


def reports_due(today: dt.date, days: int):
    reports = Report.objects.filter(submitted_at__isnull=True, due_date__gte=today,
                                    due_date__lte=today + dt.timedelta(days=days),
                                    project__pi__isnull=False).select_related("project__pi")
    for report in reports.iterator(chunk_size=500):
        project = report.project
        text = _("%(project)s：%(report)s 应于 %(date)s 前提交。") % {
            "project": project.number, "report": report.get_kind_display(), "date": report.due_date}
        yield Due(report, [project.pi], text, project.get_absolute_url())


def notices_ending(today: dt.date, days: int):
    from .services.lifecycle import PARTY_USERS

    last = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days + 1), dt.time.min))
    first = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    projects = Project.objects.filter(status=wf.State.IN_NOTICE, notice_end__gte=first, notice_end__lt=last)
    for project in projects.iterator(chunk_size=500):
        text = _("%(project)s 的公示将于 %(date)s 结束，请及时办理立项。") % {
            "project": project.number, "date": timezone.localtime(project.notice_end).strftime("%Y-%m-%d %H:%M")}
        yield Due(project, PARTY_USERS[wf.NOTIFY_OFFICERS](project), text, project.get_absolute_url())


def payments_overdue(today: dt.date, days: int):
    """The alert of a milestone payment past its date and not disbursed, to finance (once each)."""
    from .funds.queries import overdue_payments
    from .services.lifecycle import _users_with

    finance = list(_users_with(Role.FINANCE))
    for alert in overdue_payments(Project.objects.all(), today):
        project = alert.milestone.project
        text = _("%(project)s：节点“%(title)s”的拨款应于 %(date)s 拨付，已逾期 %(days)s 天。") % {
            "project": project.number, "title": alert.milestone.title, "date": alert.milestone.due_date,
            "days": alert.days}
        yield Due(alert.milestone, finance, text, project.get_absolute_url() + "#funds")


REMINDERS = [Reminder("report_due", reports_due), Reminder("notice_end", notices_ending),
             Reminder("payment_overdue", payments_overdue)]
