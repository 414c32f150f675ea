"""Reminders of projects: reports coming due (to the PI), public notices ending (to the officers)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

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


REMINDERS = [Reminder("report_due", reports_due), Reminder("notice_end", notices_ending)]
