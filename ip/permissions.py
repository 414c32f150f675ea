"""Who may do what with patents, the subsidy and IP advantage units (seeing is `visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers

READERS = (*REGISTER_READERS, Role.ORG_ADMIN, Role.APPLICANT)


_own_organisation = administers_organisation


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user) -> bool:
    """Officers keep the registers: policies, advantage units, population figures, imports."""
    return keeps_registers(user)


def can_manage_object(user, obj=None) -> bool:
    return can_manage(user)


def can_add_patent(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_edit_patent(user, patent) -> bool:
    return can_manage(user) or _own_organisation(user, patent.applicant_organisation_id)


def can_delete_patent(user, patent) -> bool:
    return can_manage(user) and not patent.subsidy_applications.exists()


def can_apply_subsidy(user, patent) -> bool:
    """The first applicant claims: its org_admin, or the person themself (individual applicants)."""
    if _own_organisation(user, patent.applicant_organisation_id):
        return True
    person_id = getattr(user, "person_id", None)
    return bool(person_id) and patent.applicant_person_id == person_id and user.has_role(Role.APPLICANT)


def can_add_subsidy(user) -> bool:
    return user.has_role(Role.ORG_ADMIN, Role.APPLICANT)


def can_review_subsidy(user, application=None) -> bool:
    return can_manage(user)


def can_pay_subsidy(user, application=None) -> bool:
    return user.has_role(Role.FINANCE)


def can_withdraw_subsidy(user, application) -> bool:
    return can_apply_subsidy(user, application.patent)
