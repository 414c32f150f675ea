"""Who may do what with rural S&T records (seeing is `visible_to`).

The rural division's officer (and admin) keeps every register and evaluates; a county office
files its own county actions, demonstration bases and commissioners; a commissioner (a user with
a directory person) writes their own service logs.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import region_prefix

READERS = (*REGISTER_READERS, Role.APPLICANT)


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user, obj=None) -> bool:
    return keeps_registers(user)


def in_region(user, region) -> bool:
    return region is not None and any(region.code.startswith(region_prefix(c)) for c in user.region_codes)


def can_file_regional(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.COUNTY)


def can_edit_regional(user, obj) -> bool:
    """An action, base or commissioner of the county office's own region (or any, for the officer)."""
    return can_manage(user) or in_region(user, obj.region)


def can_file_log(user) -> bool:
    return can_file_regional(user) or (user.has_role(Role.APPLICANT) and getattr(user, "person_id", None) is not None)


def is_the_commissioner(user, commissioner) -> bool:
    return getattr(user, "person_id", None) is not None and commissioner.person_id == user.person_id


def can_edit_log(user, log) -> bool:
    commissioner = log.commissioner
    return can_edit_regional(user, commissioner) or is_the_commissioner(user, commissioner)
