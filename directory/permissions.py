"""Who may do what in the directory. Seeing is `visible_to`; these predicates are for doing."""

from accounts.roles import REGISTER_READERS, Role
from core.permissions import region_prefix

DIRECTORY_READERS = (*REGISTER_READERS, Role.ORG_ADMIN)


def _in_user_region(user, organisation) -> bool:
    return any(organisation.region.code.startswith(region_prefix(c)) for c in user.region_codes)


def can_view_directory(user) -> bool:
    return user.has_role(*DIRECTORY_READERS)


def can_add_organisation(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.COUNTY)


def can_edit_organisation(user, organisation) -> bool:
    return (
        user.has_role(Role.ADMIN, Role.OFFICER)
        or (user.has_role(Role.COUNTY) and _in_user_region(user, organisation))
        or organisation.pk in user.scope_ids(Role.ORG_ADMIN, "organisation")
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
