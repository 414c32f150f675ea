"""Who may do what on the portal's officer side. The public pages need no permission at all."""

from accounts.roles import Role


def can_view(user) -> bool:
    return user.is_authenticated and user.is_bureau_wide


def can_publish(user) -> bool:
    """Officers and admins publish, withdraw and correct what the portal shows."""
    return user.is_authenticated and user.has_role(Role.OFFICER, Role.ADMIN)


def can_edit_publication(user, publication) -> bool:
    return can_publish(user)


def can_resolve(user, objection) -> bool:
    """Admins and the officers of the item's division (any officer when it has none) check an
    objection; one that holds goes to the leaders through the item's own objection step."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ADMIN):
        return True
    division = getattr(objection.item, "division_id", None)
    return user.has_role(Role.OFFICER) and (division is None or division in user.division_ids)


def can_follow_objections(user) -> bool:
    """A registered citizen (the `public` role) sees the objections they filed while logged in."""
    return user.is_authenticated
