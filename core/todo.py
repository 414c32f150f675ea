"""One 待办 list across apps: each app names what waits for a user's decision in `<app>/todo.py`
(SOURCES = [TodoSource(...)]); the list and the count in the navigation gather them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

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


def todo_count(user) -> int:
    return sum(queryset.count() for _, queryset in _for(user))


def todo_groups(user) -> list[dict]:
    groups = []
    for source, queryset in _for(user):
        count = queryset.count()
        if count:
            rows = [{"text": source.describe(obj), "link": source.link(obj)} for obj in queryset[:PER_SOURCE]]
            groups.append({"key": source.key, "label": source.label, "count": count, "rows": rows})
    return groups
