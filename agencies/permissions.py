"""Who may do what with agencies, their services, evaluations and technology contracts (seeing is
`visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers
from core.permissions import keeper_or_owner, role_in

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN)
# Officers keep the register, evaluate agencies and decide complaints.
can_manage = can_decide = keeps_registers
can_add_service = can_add_contract = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)
# An agency keeps its own qualifications up to date; the seller files its contract for registration.
can_edit_agency = keeper_or_owner("organisation_id")
can_edit_contract = keeper_or_owner("seller_id")


def can_edit_service(user, service) -> bool:
    """The agency records what it rendered; once complained about, the record is the evidence."""
    if service.pk and service.status != "recorded":
        return False
    return can_manage(user) or (
        service.agency_id is not None and administers_organisation(user, service.agency.organisation_id)
    )
