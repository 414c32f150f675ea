"""Who may do what with patents, the subsidy and IP advantage units (seeing is `visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers
from core.permissions import keeper_or_owner, role_in

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN, Role.APPLICANT)
# Officers keep the registers (policies, advantage units, population figures, imports) and review claims.
can_manage = can_review_subsidy = keeps_registers
can_add_patent = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)
can_edit_patent = keeper_or_owner("applicant_organisation_id")
can_add_subsidy = role_in(Role.ORG_ADMIN, Role.APPLICANT)
can_pay_subsidy = role_in(Role.FINANCE)


def can_delete_patent(user, patent) -> bool:
    return can_manage(user) and not patent.subsidy_applications.exists()


def can_apply_subsidy(user, patent) -> bool:
    """The first applicant claims: its org_admin, or the person themself (individual applicants)."""
    if administers_organisation(user, patent.applicant_organisation_id):
        return True
    person_id = getattr(user, "person_id", None)
    return bool(person_id) and patent.applicant_person_id == person_id and user.has_role(Role.APPLICANT)


def can_withdraw_subsidy(user, application) -> bool:
    return can_apply_subsidy(user, application.patent)
