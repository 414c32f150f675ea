"""Read-side questions: what waits for me, what is overdue, how long steps take."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from statistics import median

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from accounts.roles import Role
from core.models import StatusLog
from core.permissions import region_q
from core.workflow import rows

from . import workflow as wf
from .models import Milestone, Project, Report


def _states_for(role: str) -> list[str]:
    return sorted({state for state, _action, rule in rows(wf.TRANSITIONS) if role in rule.allowed.roles})


def work_queue(user):
    """Projects on which this user can take a lifecycle step now (same scope rules as permissions)."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    if user.has_role(Role.ADMIN):
        return Project.objects.filter(status__in=_states_for(Role.ADMIN))
    query = Q(pk__in=[])
    if user.has_role(Role.OFFICER):
        mine = Q(division_id__in=user.division_ids) | Q(division__isnull=True)
        query |= Q(status__in=_states_for(Role.OFFICER)) & mine
    if user.has_role(Role.LEADER):
        query |= Q(status__in=_states_for(Role.LEADER))
    if user.region_codes:
        query |= Q(status__in=_states_for(Role.COUNTY)) & region_q(user.region_codes, "applicant_org__region__code")
    org_ids = user.scope_ids(Role.ORG_ADMIN, "organisation")
    if org_ids:
        query |= Q(status__in=_states_for(Role.ORG_ADMIN), applicant_org_id__in=org_ids)
    if user.has_role(Role.APPLICANT):
        query |= Q(status__in=_states_for(Role.APPLICANT), pi=user)
    return Project.objects.filter(query)


# A leader's page lists at most this many rows per table; the rest are counted, not shown.
LEADER_PAGE_ROWS = 200


def overdue_milestones(leader, today: dt.date | None = None):
    """Milestones of the leader's projects past their date and not done (joins, no IN-subquery)."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.filter(project__leader=leader, done_on__isnull=True, due_date__lt=today)
        .select_related("project")
        .order_by("due_date", "id")
    )


def overdue_reports(leader, today: dt.date | None = None):
    today = today or timezone.localdate()
    return (
        Report.objects.filter(project__leader=leader, submitted_at__isnull=True, due_date__lt=today)
        .select_related("project")
        .order_by("due_date", "id")
    )


def leader_projects(user):
    return Project.objects.filter(leader=user).select_related("program", "applicant_org", "division")


# --- cycle time -------------------------------------------------------------------------


def step_durations(projects) -> dict[str, list[float]]:
    """Days spent in each state, from the status log, for the given projects (finished steps only)."""
    content_type = ContentType.objects.get_for_model(Project)
    ids = [str(pk) for pk in projects.values_list("pk", flat=True)]
    logs = StatusLog.objects.filter(content_type=content_type, object_id__in=ids).order_by("object_id", "id")
    durations: dict[str, list[float]] = defaultdict(list)
    previous: dict[str, StatusLog] = {}
    for log in logs.only("object_id", "from_state", "to_state", "at"):
        last = previous.get(log.object_id)
        if last is not None and last.to_state == log.from_state:
            durations[log.from_state].append((log.at - last.at).total_seconds() / 86400)
        previous[log.object_id] = log
    return durations


def cycle_report(calls) -> list[dict]:
    """For each call: days from closing to approval (median, max) and the median days per step."""
    rows = []
    for call in calls:
        approved = Project.objects.filter(call=call, approved_at__isnull=False)
        days = [(p.approved_at - call.closes_at).total_seconds() / 86400 for p in approved.only("approved_at")]
        steps = {state: round(median(values), 1) for state, values in step_durations(approved).items() if values}
        rows.append(
            {
                "call": call,
                "approved": len(days),
                "median_days": round(median(days), 1) if days else None,
                "max_days": round(max(days), 1) if days else None,
                "steps": steps,
            }
        )
    return rows


def first_half_check(year: int) -> dict:
    """Seed §16: "projects arranged within the first half year" — approved by 30 June of the year."""
    deadline = dt.datetime(year, 7, 1, tzinfo=timezone.get_current_timezone())
    arranged = Project.objects.filter(year=year, approved_at__isnull=False)
    total = arranged.count()
    on_time = arranged.filter(approved_at__lt=deadline).count()
    return {
        "year": year,
        "arranged": total,
        "on_time": on_time,
        "late": total - on_time,
        "ok": total > 0 and on_time == total,
    }
