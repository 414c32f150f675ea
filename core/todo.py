"""One 待办 list across apps: each app names what waits for a user's decision in `<app>/todo.py`
(SOURCES = [TodoSource(...)]); the list and the count in the navigation gather them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from .discovery import app_modules

PER_SOURCE = 50  # items listed per source (the count is exact)


@dataclass(frozen=True)
class TodoSource:
    key: str
    label: str
    items: Callable[[object], QuerySet | None]  # user -> what waits for this user, None if not theirs
    link: Callable[[object], str] = lambda obj: obj.get_absolute_url()
    describe: Callable[[object], str] = str


@functools.cache
def sources() -> list[TodoSource]:
    return [source for module in app_modules("todo") for source in getattr(module, "SOURCES", ())]


def _for(user):
    if not getattr(user, "is_authenticated", False):
        return
    for source in sources():
        queryset = source.items(user)
        if queryset is not None:
            yield source, queryset


def todo_querysets(user) -> list[QuerySet]:
    """What waits for this user, one queryset per source that concerns them (for counting)."""
    return [queryset for _, queryset in _for(user)]


def todo_count(user) -> int:
    return sum(count_each(todo_querysets(user)))


def count_each(querysets: list[QuerySet], limit: int | None = None) -> list[int]:
    """The row count of every queryset, in one statement (one round trip instead of one each).

    Each is counted as `(SELECT COUNT(*) FROM (<its rows' ids>))`, so a distinct or sliced queryset
    counts exactly as its .count() would. With `limit`, a count stops at `limit` rows: what a
    badge needs ("99+") costs a few index entries instead of every match. All must be on one
    database.
    """
    if not querysets:
        return []
    parts, params = [], []
    for index, queryset in enumerate(querysets):
        # The order changes no count (a sliced queryset keeps it: it picks which rows are in).
        ids = (queryset if queryset.query.is_sliced else queryset.order_by()).values("pk")
        if limit is not None:
            ids = ids[:limit]
        try:
            sql, part_params = ids.query.get_compiler(using=ids.db).as_sql()
        except EmptyResultSet:  # .none() or `pk__in=[]`: nothing to ask the database
            parts.append("0")
            continue
        # The ORM compiled `sql`; every value in it is a parameter, none is pasted in.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{index})")  # noqa: S608
        params.extend(part_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


def todo_groups(user) -> list[dict]:
    groups = []
    for source, queryset in _for(user):
        count = queryset.count()
        if count:
            rows = [{"text": source.describe(obj), "link": source.link(obj)} for obj in queryset[:PER_SOURCE]]
            groups.append({"key": source.key, "label": source.label, "count": count, "rows": rows})
    return groups
