"""Read-side questions: what waits for me, what is overdue, how long steps take."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from statistics import median

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.roles import Role
from core.models import StatusLog
from core.workflow import rows

from . import workflow as wf
from .models import Call, Milestone, Project, Report
from .querysets import in_regions


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
        query |= Q(status__in=_states_for(Role.COUNTY)) & in_regions(user.region_codes)
    org_ids = user.scope_ids(Role.ORG_ADMIN, "organisation")
    if org_ids:
        query |= Q(status__in=_states_for(Role.ORG_ADMIN), applicant_org_id__in=org_ids)
    if user.has_role(Role.APPLICANT):
        query |= Q(status__in=_states_for(Role.APPLICANT), pi=user)
    return Project.objects.filter(query)


# A leader's page lists at most this many rows per table; the rest are counted, not shown.
LEADER_PAGE_ROWS = 200


def _overdue(model: type[Milestone | Report], leader, today: dt.date | None, **not_done):
    """Rows of the leader's projects due before today and not done (joins, no IN-subquery)."""
    today = today or timezone.localdate()
    return (
        model.objects.filter(project__leader=leader, due_date__lt=today, **not_done)
        .select_related("project")
        .order_by("due_date", "id")
    )


def overdue_milestones(leader, today: dt.date | None = None):
    return _overdue(Milestone, leader, today, done_on__isnull=True)


def overdue_reports(leader, today: dt.date | None = None):
    return _overdue(Report, leader, today, submitted_at__isnull=True)


def leader_projects(user):
    return Project.objects.filter(leader=user).select_related("program", "applicant_org", "division")


# --- cycle time -------------------------------------------------------------------------
# Each question is one grouped query, however many calls or projects the year has: approvals
# come back as (call, approval time, how many), the status log as one ordered pass.


def counted_median(counts: dict[float, int]) -> float:
    """The median of values given with how often each occurs (statistics.median's rule: the
    mean of the two middle values when the count is even)."""
    total = sum(counts.values())
    middle = {(total - 1) // 2, total // 2}
    picked: list[float] = []
    seen = 0
    for value in sorted(counts):
        picked += [value for index in middle if seen <= index < seen + counts[value]]
        seen += counts[value]
    return sum(picked) / len(picked)


def _steps(projects, group: str, since: dt.datetime | None = None):
    """(group value, state, days spent in it) for each finished step of `projects`, read from the
    status log in one query ordered by project. The log drives: its rows since `since` are matched
    to their project by primary key (probing the log once per project would cost as much with no
    log at all)."""
    owner = projects.filter(pk=Cast(OuterRef("object_id"), BigIntegerField())).order_by().values(group)[:1]
    logs = StatusLog.objects.filter(content_type=ContentType.objects.get_for_model(Project))
    if since is not None:
        logs = logs.filter(at__gte=since)
    rows = (
        logs.annotate(group=Subquery(owner)).filter(group__isnull=False)
        .order_by("object_id", "id").values_list("object_id", "group", "from_state", "to_state", "at")
    )
    last = ("", "", None)  # the previous row's project, state reached and time
    for object_id, value, from_state, to_state, at in rows.iterator(chunk_size=5000):
        if last[:2] == (object_id, from_state):
            yield value, from_state, (at - last[2]).total_seconds() / 86400
        last = (object_id, to_state, at)


def step_durations(projects) -> dict[str, list[float]]:
    """Days spent in each state, from the status log, for the given projects (finished steps only)."""
    durations: dict[str, list[float]] = defaultdict(list)
    for _pk, state, days in _steps(projects, "pk"):
        durations[state].append(days)
    return durations


def _approval_days(calls: dict[int, Call]) -> dict[int, Counter]:
    """Per call: days from its closing to each approval, with how many projects took that long."""
    approved = Project.objects.filter(call__in=list(calls), approved_at__isnull=False).order_by()
    days: dict[int, Counter] = defaultdict(Counter)
    for call_id, approved_at, count in approved.values_list("call_id", "approved_at").annotate(n=Count("pk")):
        days[call_id][(approved_at - calls[call_id].closes_at).total_seconds() / 86400] += count
    return days


def _step_medians(calls: dict[int, Call]) -> dict[int, dict[str, float]]:
    steps: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    approved = Project.objects.filter(call__in=list(calls), approved_at__isnull=False)
    # A call's applications are made inside its window: their history starts when it opens.
    opened = min((call.opens_at for call in calls.values()), default=None)
    for call_id, state, days in _steps(approved, "call_id", since=opened):
        steps[call_id][state].append(days)
    return {call_id: {state: round(median(values), 1) for state, values in states.items()}
            for call_id, states in steps.items()}


def cycle_report(calls) -> list[dict]:
    """For each call: days from closing to approval (median, max) and the median days per step."""
    calls = {call.pk: call for call in calls}
    approvals = _approval_days(calls)
    steps = _step_medians(calls)
    rows = []
    for call_id, call in calls.items():
        days = approvals.get(call_id)
        rows.append(
            {
                "call": call,
                "approved": sum(days.values()) if days else 0,
                "median_days": round(counted_median(days), 1) if days else None,
                "max_days": round(max(days), 1) if days else None,
                "steps": steps.get(call_id, {}),
            }
        )
    return rows


def first_half_check(year: int) -> dict:
    """Seed §16: "projects arranged within the first half year" — approved by 30 June of the year."""
    deadline = dt.datetime(year, 7, 1, tzinfo=timezone.get_current_timezone())
    arranged = Project.objects.filter(year=year, approved_at__isnull=False).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(approved_at__lt=deadline))
    )
    total, on_time = arranged["total"], arranged["on_time"]
    return {
        "year": year,
        "arranged": total,
        "on_time": on_time,
        "late": total - on_time,
        "ok": total > 0 and on_time == total,
    }
