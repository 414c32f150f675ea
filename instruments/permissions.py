"""Who may do what in the sharing network (seeing is `visible_to`).

Owners (an org_admin of the owning organisation) keep their instruments, blackouts, training
records, approve bookings and record usage; officers (and admin) may do all of that for every
owner; counties and the other bureau-wide roles read. Anyone with an account that may act for
themself (applicant, org_admin, public) books instruments open in the network.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import in_user_region, keeper_or_owner, role_in

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)
BOOKERS = (Role.ADMIN, Role.ORG_ADMIN, Role.APPLICANT, Role.PUBLIC)

# The registry pages (lists with owners' data, statistics).
can_view = can_view_statements = role_in(*READERS)
# The network search, calendars and one's own bookings.
can_use_network = role_in(*READERS, *BOOKERS)
can_add = can_import = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)
can_book = role_in(*BOOKERS)
can_manage = keeper_or_owner("owner_id")
# Blackouts, training records, bookings to approve: the instrument's owner keeps them.
can_edit_child = can_delete_child = can_approve = keeper_or_owner("instrument.owner_id")


def can_see_contacts(user, instrument) -> bool:
    """Operator contacts are for the owner and the bureau (the county over the owner), not the public."""
    return can_manage(user, instrument) or user.is_bureau_wide or in_user_region(user, instrument.owner.region)


def can_cancel(user, booking) -> bool:
    return booking.user_id == user.pk or can_manage(user, booking.instrument)


# --- the literature sharing platform: officers keep it; every network user finds resources ---------

can_view_literature = can_use_network
can_manage_literature = keeps_registers
