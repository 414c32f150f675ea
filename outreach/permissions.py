"""Who may do what with events, agreements and cultivation lists (seeing is `visible_to`).

The bureau's officers (and admin) keep all three; a county office files the events held in its
region; organisations read their own agreements and list entries.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from rural.permissions import in_region

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)
EVENT_READERS = REGISTER_READERS


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_view_events(user) -> bool:
    return user.has_role(*EVENT_READERS)


def can_manage(user, obj=None) -> bool:
    return keeps_registers(user)


def can_file_event(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.COUNTY)


def can_edit_event(user, event) -> bool:
    return can_manage(user) or in_region(user, event.region)
