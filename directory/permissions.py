"""Who may do what in the directory. Seeing is `visible_to`; these predicates are for doing."""

from accounts.roles import REGISTER_READERS, Role, administers_organisation, keeps_registers
from core.permissions import in_user_region, role_in

can_view_directory = role_in(*REGISTER_READERS, Role.ORG_ADMIN)
can_add_organisation = role_in(Role.ADMIN, Role.OFFICER, Role.COUNTY)
can_add_person = role_in(Role.ADMIN, Role.OFFICER, Role.COUNTY, Role.ORG_ADMIN)
can_import = role_in(Role.ADMIN, Role.OFFICER)
can_delete = role_in(Role.ADMIN)
can_see_full_id_number = role_in(Role.ADMIN)


def can_edit_organisation(user, organisation) -> bool:
    return (
        keeps_registers(user)
        or (user.has_role(Role.COUNTY) and in_user_region(user, organisation.region))
        or administers_organisation(user, organisation.pk)
    )


def can_edit_person(user, person) -> bool:
    return can_edit_organisation(user, person.organisation)
