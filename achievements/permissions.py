"""Who may do what with the achievement registry (seeing is `visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user) -> bool:
    """Officers register results of accepted projects and keep the registry."""
    return keeps_registers(user)


def can_add(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_edit(user, achievement) -> bool:
    """The owner registers and reports the transfer of its own results; officers keep all."""
    return can_manage(user) or administers_organisation(user, achievement.owner_id)


def can_transfer(user, achievement) -> bool:
    return can_edit(user, achievement)
