"""Navigation by role: each app may have nav.py with ITEMS; the menu shows what a user may open."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from .discovery import app_modules


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    group: str = ""
    order: int = 100


def section(group: str, start: int, entries: list, step: int = 5) -> list[NavItem]:
    """One app's items of a menu group, in the order given and numbered from `start` by `step`.
    An entry is a (label, url name, who sees it) triple, or a `core.crud.Registry`: its list page
    under its title, for whom may open that list."""
    triples = [entry.nav_entry() if hasattr(entry, "nav_entry") else entry for entry in entries]
    return [NavItem(label, url, visible, group, start + i * step) for i, (label, url, visible) in enumerate(triples)]


@functools.cache
def all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for module in app_modules("nav"):
        items.extend(module.ITEMS)
    # A group sits where its first item would; the template's regroup needs a group's items together.
    group_order: dict[str, int] = {}
    for item in sorted(items, key=lambda item: item.order):
        group_order.setdefault(str(item.group), item.order)
    return sorted(items, key=lambda item: (group_order[str(item.group)], str(item.group), item.order))


def items_for(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    result = []
    for item in all_items():
        if not item.visible(user):
            continue
        url = _url(item.url_name, get_urlconf(), get_script_prefix())
        result.append({"label": item.label, "url": url, "group": str(item.group), "name": item.url_name})
    return result


@functools.cache
def _url(url_name: str, urlconf, script_prefix: str) -> str:
    # The menu's URLs take no arguments: reversing them once per URLconf and prefix is enough.
    return reverse(url_name, urlconf=urlconf)


def navigation(request) -> dict:
    """The menu and the two badges (unread notifications, 待办), computed once per request and only
    if a template shows them.

    A context processor runs for every RequestContext a request renders (a django-tables2 table is
    a second one) and for fragments that show no menu at all; the values are lazy and kept on the
    request, so each number is counted at most once, live, per request.
    """
    cached = getattr(request, "_navigation", None)
    if cached is None:
        cached = request._navigation = _navigation(getattr(request, "user", None))
    return cached


def _navigation(user) -> dict:
    if not (user and user.is_authenticated):
        return {"nav_items": [], "unread_notifications": 0, "todo_count": 0}
    counts = SimpleLazyObject(lambda: _badge_counts(user))
    return {
        "nav_items": SimpleLazyObject(lambda: items_for(user)),
        "unread_notifications": SimpleLazyObject(lambda: counts["unread"]),
        "todo_count": SimpleLazyObject(lambda: counts["todo"]),
    }


# A badge shows a number up to this, then "99+": an officer's 待办 holds tens of thousands of projects
# at province scale, and counting them all on every page cost more than most pages' own queries.
# The count stays live (read on every page view); the 待办 page itself gives the exact figures.
BADGE_LIMIT = 99


def _badge_counts(user) -> dict:
    """Unread notifications and everything waiting for the user, counted in one statement, each
    count reading at most BADGE_LIMIT + 1 rows."""
    from .todo import count_each, todo_querysets

    querysets = [user.notifications.filter(read_at__isnull=True), *todo_querysets(user)]
    unread, *todo = count_each(querysets, limit=BADGE_LIMIT + 1)
    return {"unread": badge(unread), "todo": badge(sum(todo))}


def badge(count: int) -> int | str:
    """The count as a badge shows it: the number, or "99+" above BADGE_LIMIT (0 stays falsy)."""
    return count if count <= BADGE_LIMIT else f"{BADGE_LIMIT}+"
