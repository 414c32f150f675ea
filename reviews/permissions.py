"""Who may do what in reviews. Seeing is `visible_to` (experts: only their own invitations)."""

from accounts.roles import Role

from .models import STAFF_READERS, Invitation


def can_view_reviews(user) -> bool:
    return user.has_role(*STAFF_READERS)


def can_manage(user, obj=None) -> bool:
    """Run rounds, the expert library, conflicts, assignments, awards."""
    return user.has_role(Role.ADMIN, Role.OFFICER)


def can_supervise(user) -> bool:
    """Replay draws and read every exclusion and score (discipline inspection)."""
    return user.has_role(Role.ADMIN, Role.SUPERVISOR)


def can_see_reviewer_names(user) -> bool:
    # Single and double blind both hide reviewers from applicants; bureau staff see them.
    return user.has_role(*STAFF_READERS)


def is_expert(user) -> bool:
    return user.has_role(Role.EXPERT) and hasattr(user, "expert")


def is_invitee(user, invitation: Invitation) -> bool:
    return invitation.expert.user_id == user.pk


def can_see_materials(user, invitation: Invitation) -> bool:
    """An expert sees the proposal only after accepting and signing the declaration."""
    if user.has_role(*STAFF_READERS):
        return True
    return is_invitee(user, invitation) and invitation.status in (
        Invitation.Status.ACCEPTED,
        Invitation.Status.SUBMITTED,
    )


def can_edit_round(user, review_round) -> bool:
    """A round's settings change only before it starts."""
    from .models import ReviewRound

    return can_manage(user) and review_round.status == ReviewRound.Status.DRAFT


def can_chair(user, review_round) -> bool:
    return bool(review_round.chair_id) and review_round.chair.user_id == user.pk
