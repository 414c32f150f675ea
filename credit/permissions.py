"""Who may do what in the credit ledger. Seeing is `CreditEvent.objects.visible_to`."""

from accounts.roles import Role

LEDGER_READERS = (Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR)


def can_view_ledger(user) -> bool:
    """Readers of the whole ledger; every other signed-in user sees only their own events."""
    return getattr(user, "is_authenticated", False)


def can_decide(user) -> bool:
    """Record events by hand, confirm or dismiss automatic ones, decide appeals."""
    return user.has_role(Role.ADMIN, Role.OFFICER)


def is_own_event(user, event) -> bool:
    model = event.subject_type.model
    if model == "person":
        return bool(user.person_id) and str(user.person_id) == event.subject_id
    if model == "organisation":
        return event.subject_id in {str(pk) for pk in user.scope_ids(Role.ORG_ADMIN, "organisation")}
    return False


def can_appeal(user, event) -> bool:
    return event.status == event.Status.CONFIRMED and is_own_event(user, event) and not event.appeals.exists()
