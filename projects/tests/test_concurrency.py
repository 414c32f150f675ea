"""Finding 5: guards that count rows lock the row they protect, and numbers come from a locked
counter. The two-thread races need PostgreSQL's row locks; SQLite gets the sequential checks."""

import contextlib
import threading

import pytest
from django.db import connection, connections

from accounts.roles import Role
from core.numbering import next_number
from core.workflow import TransitionError
from projects import services
from projects.models import Project
from projects.services import lifecycle
from projects.workflow import Action, Guard, State

from .helpers import make_call, make_project

needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises whole-database writers, so there is no row-lock race to prove; "
    "run with DATABASE_URL=postgres://… for this test",
)
# Threads need committed rows, hence a transactional test. No serialized rollback: its reload of
# the migration data collides with content types that an earlier transactional test's flush has
# already recreated; the `reference_data` fixture reloads what the test needs instead.
RACE = pytest.mark.django_db(transaction=True)


def run_in_threads(*calls):
    """Run each call in its own thread and database connection; return results or exceptions."""
    results = [None] * len(calls)

    def worker(index, call):
        try:
            results[index] = call()
        except Exception as exc:  # the loser's refusal is the result under test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@needs_row_locks
@RACE
def test_two_simultaneous_recommendations_for_the_last_place_one_wins(users, org_a, monkeypatch):
    call = make_call(default_quota=1)
    first, second = (make_project(users[Role.APPLICANT], org_a, call=call, status=State.ENDORSED) for _ in "12")
    # Each recommendation waits, after its quota check, until the other one has checked too:
    # without a lock both see a free place; with the lock the second waits for the first to
    # commit, and the barrier gives up after a second.
    barrier = threading.Barrier(2, timeout=1)
    check = lifecycle.GUARD_CHECKS[Guard.WITHIN_QUOTA]

    def check_then_wait(project, actor, data):
        check(project, actor, data)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    monkeypatch.setitem(lifecycle.GUARD_CHECKS, Guard.WITHIN_QUOTA, check_then_wait)
    county = users[Role.COUNTY]
    results = run_in_threads(*(lambda p=p: services.apply_action(county, p, Action.RECOMMEND) for p in (first, second)))
    refusals = [r for r in results if isinstance(r, TransitionError)]
    assert len(refusals) == 1 and refusals[0].code == "quota", results
    assert Project.objects.filter(call=call, status=State.RECOMMENDED).count() == 1


@needs_row_locks
@RACE
def test_simultaneous_numbers_are_distinct():
    barrier = threading.Barrier(4, timeout=5)

    def take():
        barrier.wait()
        return [next_number("test", 2027) for _ in range(10)]

    results = run_in_threads(take, take, take, take)
    numbers = [n for batch in results for n in batch]
    assert sorted(numbers) == list(range(1, 41))


def test_numbers_count_per_kind_and_year(db):
    assert [next_number("doc", 2008) for _ in range(3)] == [1, 2, 3]
    assert next_number("doc", 2009) == 1
    assert next_number("other", 2008) == 1
    assert next_number("doc", 2008, start=lambda: 99) == 4  # `start` only seeds a new counter
    assert next_number("new", 2008, start=lambda: 12) == 13


def test_application_number_is_not_reused_after_a_deletion(users, org_a):
    call = make_call()
    applicant = users[Role.APPLICANT]
    first = services.create_application(applicant, call, {"title": "一"})
    second = services.create_application(applicant, call, {"title": "二"})
    first.delete()
    third = services.create_application(applicant, call, {"title": "三"})
    assert third.number not in {first.number, second.number}
    assert third.number.endswith("00003")


def test_application_numbers_continue_after_imported_ones(users, org_a):
    call = make_call()
    prefix = f"{call.year}-GONGGUAN-"
    make_project(users[Role.APPLICANT], org_a, call=call, number=f"{prefix}00041")
    project = services.create_application(users[Role.APPLICANT], call, {"title": "续号"})
    assert project.number == f"{prefix}00042"
