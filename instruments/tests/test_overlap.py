"""The overlap rule under concurrency: two requests for overlapping slots, exactly one wins."""

import threading

import pytest
import time_machine
from django.db import IntegrityError, connection, connections, transaction

from core.testing import make_user
from instruments import services
from instruments.models import Booking

from .conftest import NOW, at


def _race(instrument, bookers, slots) -> list:
    """Start the requests at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(bookers))
    results: list = [None] * len(bookers)

    def run(index):
        try:
            with time_machine.travel(NOW, tick=False):
                barrier.wait()
                start, end = slots[index]
                results[index] = services.request_booking(bookers[index], instrument, start, end, "测试")
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(bookers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_threads_overlapping_exactly_one_wins(users, instrument, org_b):
    other = make_user("applicant", organisation=org_b)
    results = _race(instrument, [users["applicant"], other], [(at(3, 9), at(3, 11)), (at(3, 10), at(3, 12))])
    winners = [r for r in results if isinstance(r, Booking)]
    losers = [r for r in results if isinstance(r, services.BookingConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].conflict.pk == winners[0].pk
    assert services.slot_text(winners[0].start, winners[0].end) in losers[0].messages[0]
    assert Booking.objects.filter(instrument=instrument).count() == 1


@pytest.mark.django_db(transaction=True)
def test_many_threads_same_slot_exactly_one_wins(users, instrument, org_b):
    bookers = [make_user("applicant", organisation=org_b) for _ in range(6)]
    results = _race(instrument, bookers, [(at(4, 14), at(4, 16))] * 6)
    assert sum(isinstance(r, Booking) for r in results) == 1, results
    assert sum(isinstance(r, services.BookingConflict) for r in results) == 5, results


@pytest.mark.django_db(transaction=True)
def test_adjacent_slots_both_win(users, instrument, org_b):
    other = make_user("applicant", organisation=org_b)
    results = _race(instrument, [users["applicant"], other], [(at(3, 9), at(3, 10)), (at(3, 10), at(3, 11))])
    assert all(isinstance(r, Booking) for r in results), results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
@pytest.mark.django_db
def test_database_refuses_overlap_written_past_the_service(users, instrument):
    """Even code that bypasses the service cannot store an overlap on PostgreSQL."""
    fields = {"instrument": instrument, "user": users["applicant"], "purpose": "x", "price_group": "internal"}
    Booking.objects.create(start=at(5, 9), end=at(5, 11), status="confirmed", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=at(5, 10), end=at(5, 12), status="requested", **fields)
    # Cancelled and rejected bookings free the slot.
    Booking.objects.create(start=at(5, 10), end=at(5, 12), status="cancelled", **fields)
