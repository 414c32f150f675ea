"""Who may do what in the directory. Seeing is `visible_to`; these predicates are for doing."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers
from core.permissions import in_user_region

DIRECTORY_READERS = (*REGISTER_READERS, Role.ORG_ADMIN)


def can_view_directory(user) -> bool:
    return user.has_role(*DIRECTORY_READERS)


def can_add_organisation(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.COUNTY)


def can_edit_organisation(user, organisation) -> bool:
    return (
        keeps_registers(user)
        or (user.has_role(Role.COUNTY) and in_user_region(user, organisation.region))
        or administers_organisation(user, organisation.pk)
    )


def can_delete(user, obj=None) -> bool:
    return user.has_role(Role.ADMIN)


def can_import(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER)


def can_add_person(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.COUNTY, Role.ORG_ADMIN)


def can_edit_person(user, person) -> bool:
    return can_edit_organisation(user, person.organisation)


def can_see_full_id_number(user) -> bool:
    return user.has_role(Role.ADMIN)
