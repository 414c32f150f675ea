"""Who may do what with rural S&T records (seeing is `visible_to`).

The rural division's officer (and admin) keeps every register and evaluates; a county office
files its own county actions, demonstration bases and commissioners; a commissioner (a user with
a directory person) writes their own service logs.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import keeper_or_county, role_in

can_view = role_in(*REGISTER_READERS, Role.APPLICANT)
can_manage = keeps_registers
can_file_regional = role_in(Role.ADMIN, Role.OFFICER, Role.COUNTY)
# An action, base or commissioner of the county office's own region (or any, for the officer).
can_edit_regional = keeper_or_county


def can_file_log(user) -> bool:
    return can_file_regional(user) or (user.has_role(Role.APPLICANT) and getattr(user, "person_id", None) is not None)


def is_the_commissioner(user, commissioner) -> bool:
    return getattr(user, "person_id", None) is not None and commissioner.person_id == user.person_id


def can_edit_log(user, log) -> bool:
    commissioner = log.commissioner
    return can_edit_regional(user, commissioner) or is_the_commissioner(user, commissioner)
