"""Navigation by role: each app may have nav.py with ITEMS; the menu shows what a user may open."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .discovery import app_modules


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    group: str = ""
    order: int = 100


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
        url = reverse(item.url_name)
        result.append({"label": item.label, "url": url, "group": str(item.group), "name": item.url_name})
    return result


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"nav_items": [], "unread_notifications": 0, "todo_count": 0}
    # Once per request: a template rendered again with the request (django-tables2's render_table
    # does, for every list) would otherwise count the inbox and every to-do source a second time.
    if not hasattr(request, "_navigation"):
        from .todo import todo_count

        unread = user.notifications.filter(read_at__isnull=True).count()
        request._navigation = {"nav_items": items_for(user), "unread_notifications": unread,
                               "todo_count": todo_count(user)}
    return request._navigation
