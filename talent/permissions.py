"""Who may do what with talent records (seeing is `visible_to`).

The talent officer (and admin) keeps the programmes and the list of people supported; the
person and their organisation file the yearly report; counties and bureau-wide roles read.
"""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers

READERS = (*REGISTER_READERS, Role.ORG_ADMIN, Role.APPLICANT)


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user, obj=None) -> bool:
    return keeps_registers(user)


def can_file(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN, Role.APPLICANT)


def concerns(user, talent) -> bool:
    """The talent is the user (as a person) or works at one of the user's organisations."""
    own_person = getattr(user, "person_id", None) is not None and talent.person_id == user.person_id
    return own_person or administers_organisation(user, talent.organisation_id)


def can_edit_report(user, report) -> bool:
    # Once accepted, what was accepted no longer changes (the admin may still correct it).
    editable = report.status in ("submitted", "returned")
    return user.has_role(Role.ADMIN) or (editable and (can_manage(user) or concerns(user, report.talent)))


def can_resubmit(user, report) -> bool:
    return can_manage(user) or concerns(user, report.talent)
