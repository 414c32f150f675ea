"""Serial numbers per kind and year from a locked counter row: two requests at the same moment
get different numbers (counting existing rows and adding one does not survive concurrency)."""

from collections.abc import Callable

from django.db import transaction

from .models import Counter


def next_number(kind: str, year: int, *, start: Callable[[], int] | None = None) -> int:
    """The next number of `kind` in `year` (1, 2, …). `start` gives the highest number already in
    use when the counter is first created, so numbers issued before the counter existed are skipped."""
    with transaction.atomic():
        counter, created = Counter.objects.select_for_update().get_or_create(kind=kind, year=year)
        if created and start is not None:
            counter.value = start()
        counter.value += 1
        counter.save(update_fields=["value"])
        return counter.value
