"""Who may do what in the sharing network (seeing is `visible_to`).

Owners (an org_admin of the owning organisation) keep their instruments, blackouts, training
records, approve bookings and record usage; officers (and admin) may do all of that for every
owner; counties and the other bureau-wide roles read. Anyone with an account that may act for
themself (applicant, org_admin, public) books instruments open in the network.
"""

from accounts.roles import REGISTER_READERS, Role
from core.permissions import region_prefix

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)
BOOKERS = (Role.ADMIN, Role.ORG_ADMIN, Role.APPLICANT, Role.PUBLIC)


def manages_all(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER)


def owns(user, organisation_id) -> bool:
    return organisation_id is not None and organisation_id in user.scope_ids(Role.ORG_ADMIN, "organisation")


def can_view(user) -> bool:
    """The registry pages (lists with owners' data, statistics)."""
    return user.has_role(*READERS)


def can_use_network(user) -> bool:
    """The network search, calendars and one's own bookings."""
    return user.has_role(*READERS, *BOOKERS)


def can_add(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_manage(user, instrument) -> bool:
    return manages_all(user) or owns(user, instrument.owner_id)


def can_see_contacts(user, instrument) -> bool:
    """Operator contacts are for the owner and the bureau (the county over the owner), not the public."""
    code = instrument.owner.region.code
    in_region = any(code.startswith(region_prefix(c)) for c in user.region_codes)
    return can_manage(user, instrument) or user.is_bureau_wide or in_region


def can_edit_child(user, obj) -> bool:
    return can_manage(user, obj.instrument)


def can_delete_child(user, obj) -> bool:
    return can_manage(user, obj.instrument)


def can_import(user) -> bool:
    return can_add(user)


def can_book(user, instrument=None) -> bool:
    return user.has_role(*BOOKERS)


def can_approve(user, booking) -> bool:
    return can_manage(user, booking.instrument)


def can_cancel(user, booking) -> bool:
    return booking.user_id == user.pk or can_manage(user, booking.instrument)


def can_view_statements(user) -> bool:
    return user.has_role(*READERS)


# --- the literature sharing platform: officers keep it; every network user finds resources ---------


def can_view_literature(user) -> bool:
    return can_use_network(user)


def can_manage_literature(user, obj=None) -> bool:
    return manages_all(user)
