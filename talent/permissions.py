"""Who may do what with talent records (seeing is `visible_to`).

The talent officer (and admin) keeps the programmes and the list of people supported; the
person and their organisation file the yearly report; counties and bureau-wide roles read.
"""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers
from core.permissions import role_in, until_accepted

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN, Role.APPLICANT)
can_manage = keeps_registers
can_file = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN, Role.APPLICANT)


def concerns(user, talent) -> bool:
    """The talent is the user (as a person) or works at one of the user's organisations."""
    own_person = getattr(user, "person_id", None) is not None and talent.person_id == user.person_id
    return own_person or administers_organisation(user, talent.organisation_id)


def can_resubmit(user, report) -> bool:
    return can_manage(user) or concerns(user, report.talent)


can_edit_report = until_accepted(can_resubmit)
