"""Money display, indicator sources, analytics, demo data."""

import datetime as dt
import random
from decimal import Decimal
from itertools import pairwise

import pytest
from django.db.models import F
from django.utils import timezone

from accounts.roles import Role
from core.money import wan
from projects import queries
from projects.models import Call, Outcome, Project
from projects.workflow import State

from .helpers import make_call, make_project


@pytest.mark.parametrize(
    "yuan, shown",
    [
        (Decimal("500000"), "50.00"),
        (Decimal("50"), "0.01"),
        (Decimal("49"), "0.00"),
        (Decimal("123456789.99"), "12,345.68"),
        (None, "—"),
    ],
)
def test_wan_rounds_half_up(yuan, shown):
    assert wan(yuan) == shown


def _aware(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_indicator_sources_count_live_data(users, org_a):
    from plans import sources

    call = make_call(year=2008)
    make_project(
        users[Role.APPLICANT],
        org_a,
        call=call,
        status=State.IN_PROGRESS,
        year=2008,
        approved_at=_aware(dt.date(2008, 5, 1)),
    )
    make_project(
        users[Role.APPLICANT],
        org_a,
        call=call,
        status=State.IN_PROGRESS,
        year=2008,
        approved_at=_aware(dt.date(2008, 9, 1)),
    )
    make_project(users[Role.APPLICANT], org_a, call=call, status=State.EXPERT_REVIEW, year=2008)
    source = sources.get("projects.key_research")
    assert source.value(2008, dt.date(2008, 6, 30)) == Decimal(1)
    assert source.value(2008, dt.date(2008, 12, 31)) == Decimal(2)
    assert source.records(2008, dt.date(2008, 12, 31)).count() == 2
    assert sources.get("projects.iur").value(2008, dt.date(2008, 12, 31)) == Decimal(0)
    field = sources.get("projects.field.gongguan.1")
    assert "装备制造" in field.label


def test_key_technologies_and_superior_funding(users, org_a):
    from plans import sources

    project = make_project(
        users[Role.APPLICANT],
        org_a,
        status=State.ACCEPTED,
        level="provincial",
        year=2008,
        approved_at=_aware(dt.date(2008, 4, 1)),
    )
    Outcome.objects.filter(project=project).update(recorded_at=_aware(dt.date(2008, 10, 1)))
    assert sources.get("projects.key_technologies").value(2008, dt.date(2008, 12, 31)) == Decimal(1)
    assert sources.get("projects.superior_funding").value(2008, dt.date(2008, 12, 31)) == Decimal(50)


def test_first_half_check_and_cycle_report(users, org_a):
    call = make_call(year=2008, opens_at=_aware(dt.date(2008, 1, 10)), closes_at=_aware(dt.date(2008, 3, 15)))
    make_project(
        users[Role.APPLICANT],
        org_a,
        call=call,
        status=State.IN_PROGRESS,
        year=2008,
        approved_at=_aware(dt.date(2008, 5, 15)),
    )
    make_project(
        users[Role.APPLICANT],
        org_a,
        call=call,
        status=State.IN_PROGRESS,
        year=2008,
        approved_at=_aware(dt.date(2008, 7, 15)),
    )
    check = queries.first_half_check(2008)
    assert (check["arranged"], check["on_time"], check["ok"]) == (2, 1, False)
    row = queries.cycle_report(Call.objects.filter(pk=call.pk))[0]
    assert row["approved"] == 2 and row["median_days"] == 91.5 and row["max_days"] == 122.0


def test_step_durations_from_status_log(users, org_a, time_machine):
    from projects import services
    from projects.workflow import Action

    time_machine.move_to(timezone.now())
    project = make_project(users[Role.APPLICANT], org_a, status=State.SUBMITTED)
    services.apply_action(users[Role.ORG_ADMIN], project, Action.ENDORSE)
    time_machine.shift(dt.timedelta(days=3))
    services.apply_action(users[Role.COUNTY], project, Action.RECOMMEND)
    durations = queries.step_durations(Project.objects.filter(pk=project.pk))
    assert [round(d) for d in durations[State.ENDORSED]] == [3]


def test_demo_seed_covers_every_state(users, org_a, org_b):
    from projects import demo

    summary = demo.seed("small", random.Random("t"))
    assert set(Project.objects.values_list("status", flat=True)) == set(State.values)
    assert "projects" in summary
    assert Call.objects.filter(closes_at__gt=timezone.now()).exists()
    # The region county lists match on is the undertaker's, as save() would have copied it.
    assert not Project.objects.exclude(region_id=F("applicant_org__region_id")).exists()
    # One PI per project: the team's PI is the person the page names as PI.
    with_team = 0
    for project in Project.objects.filter(pi__isnull=True).prefetch_related("team__person")[:200]:
        pis = [m.person.name for m in project.team.all() if m.role == "pi"]
        assert pis in ([], [project.pi_name]), project.number
        with_team += bool(pis)
    assert with_team


def _log_chain(project, start, steps):
    """Status log rows for `project`: each (from, to, days later) written as the workflow would."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import StatusLog

    at = start
    for from_state, to_state, days in steps:
        at += dt.timedelta(days=days)
        log = StatusLog.objects.create(content_type=ContentType.objects.get_for_model(Project),
                                       object_id=str(project.pk), from_state=from_state, action="x", to_state=to_state)
        StatusLog.objects.filter(pk=log.pk).update(at=at)


def _straightforward(call):
    """The report row computed the plain way: every project and every log row in Python."""
    from statistics import median

    from django.contrib.contenttypes.models import ContentType

    from core.models import StatusLog

    approved = list(Project.objects.filter(call=call, approved_at__isnull=False))
    days = [(p.approved_at - call.closes_at).total_seconds() / 86400 for p in approved]
    steps = {}
    for project in approved:
        logs = list(StatusLog.objects.filter(content_type=ContentType.objects.get_for_model(Project),
                                             object_id=str(project.pk)).order_by("id"))
        for before, after in pairwise(logs):
            if before.to_state == after.from_state:
                steps.setdefault(after.from_state, []).append((after.at - before.at).total_seconds() / 86400)
    return {
        "approved": len(days),
        "median_days": round(median(days), 1) if days else None,
        "max_days": round(max(days), 1) if days else None,
        "steps": {state: round(median(values), 1) for state, values in steps.items()},
    }


def test_cycle_report_equals_a_straightforward_computation(users, org_a, django_assert_max_num_queries):
    rng = random.Random("cycle")
    closes = _aware(dt.date(2008, 3, 15))
    calls = [make_call(code, year=2008, opens_at=_aware(dt.date(2008, 1, 10)), closes_at=closes)
             for code in ("gongguan", "chanxueyan", "zhuanhua")]
    for call in calls[:2]:  # the third call has no approved project
        for index in range(rng.randrange(4, 8)):
            approved = closes + dt.timedelta(days=rng.randrange(20, 120), hours=rng.randrange(24))
            project = make_project(users[Role.APPLICANT], org_a, call=call, status=State.IN_PROGRESS, year=2008,
                                   approved_at=approved if index else None)
            # A broken chain (a log whose from-state is not the last to-state) counts no step.
            _log_chain(project, closes, [(State.SUBMITTED, State.ENDORSED, rng.random() * 9),
                                         (State.ENDORSED, State.RECOMMENDED, rng.randrange(1, 5)),
                                         (State.EXPERT_REVIEW, State.PROPOSED, rng.random() * 30),
                                         (State.PROPOSED, State.APPROVED, rng.random() * 10)])
        make_project(users[Role.APPLICANT], org_a, call=call, status=State.EXPERT_REVIEW, year=2008)
    with django_assert_max_num_queries(3):
        rows = queries.cycle_report(Call.objects.filter(year=2008).order_by("pk"))
    assert [row["call"] for row in rows] == calls
    for row in rows:
        expected = _straightforward(row["call"])
        assert {key: row[key] for key in expected} == expected
    assert rows[2]["approved"] == 0 and rows[0]["approved"] >= 3 and rows[0]["steps"]


@pytest.mark.parametrize("counts, expected", [
    ({5.0: 1}, 5.0), ({1.0: 1, 2.0: 1}, 1.5), ({1.0: 3, 9.0: 1}, 1.0), ({1.0: 2, 9.0: 2}, 5.0),
    ({3.0: 1, 1.0: 1, 2.0: 1}, 2.0),
])
def test_counted_median_is_the_median_of_the_expanded_values(counts, expected):
    from statistics import median

    assert queries.counted_median(counts) == expected == median(v for v, n in counts.items() for _ in range(n))
