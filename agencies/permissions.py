"""Who may do what with agencies, their services, evaluations and technology contracts (seeing is
`visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)


_own = administers_organisation


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user) -> bool:
    """Officers keep the register, evaluate agencies and decide complaints."""
    return keeps_registers(user)


def can_manage_object(user, obj=None) -> bool:
    return can_manage(user)


def can_edit_agency(user, agency) -> bool:
    """An agency keeps its own qualifications up to date; officers keep every agency."""
    return can_manage(user) or _own(user, agency.organisation_id)


def can_add_service(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_edit_service(user, service) -> bool:
    """The agency records what it rendered; once complained about, the record is the evidence."""
    if service.pk and service.status != "recorded":
        return False
    return can_manage(user) or (service.agency_id is not None and _own(user, service.agency.organisation_id))


def can_decide(user, service=None) -> bool:
    return can_manage(user)


def can_add_contract(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_edit_contract(user, contract) -> bool:
    """The seller files its contract for registration; officers of the technology market keep all."""
    return can_manage(user) or _own(user, contract.seller_id)
