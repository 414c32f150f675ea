from collections.abc import Iterable

from .models import Notification


def notify(user, text: str, link: str = "") -> Notification | None:
    """Put a line in one user's inbox; an absent recipient is skipped, never an error."""
    if not _reachable(user):
        return None
    return Notification.objects.create(recipient=user, text=text[:500], link=link[:500])


def notify_all(users: Iterable, text: str, link: str = "") -> list[Notification]:
    """Tell each reachable user once.

    Recipients come from optional relations (a historical project's PI has no account, a
    project may have no leader yet), so absent ones are dropped here rather than in every
    caller: a transition must never fail because nobody can be told about it.
    """
    unique = {user.pk: user for user in users if _reachable(user)}
    return [notify(user, text, link) for user in unique.values()]


def _reachable(user) -> bool:
    return user is not None and bool(getattr(user, "pk", None)) and getattr(user, "is_active", True)
