"""Who may do what to a project: role from the workflow row, scope from the user's assignments."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.roles import Role
from core.permissions import in_user_region


def is_pi(user, project) -> bool:
    return user.has_role(Role.APPLICANT) and project.pi_id == user.pk


def is_org_admin_of(user, project) -> bool:
    return project.applicant_org_id in user.scope_ids(Role.ORG_ADMIN, "organisation")


def is_county_of(user, project) -> bool:
    return in_user_region(user, project.applicant_org.region)


def is_officer_of(user, project) -> bool:
    """An officer acts on the projects of their division (a project without one: any officer)."""
    if not user.has_role(Role.OFFICER):
        return False
    return project.division_id is None or project.division_id in user.division_ids


# One predicate per role: does this user hold the role *for this project*?
_IN_SCOPE = {
    Role.ADMIN: lambda user, project: user.has_role(Role.ADMIN),
    Role.LEADER: lambda user, project: user.has_role(Role.LEADER),
    Role.OFFICER: is_officer_of,
    Role.COUNTY: is_county_of,
    Role.ORG_ADMIN: is_org_admin_of,
    Role.APPLICANT: is_pi,
}


@dataclass(frozen=True)
class ActingAs:
    """The `allowed(user, project)` of a lifecycle rule: the user holds one of `roles` for this
    project. The roles stay readable (the work queue and the generated table use them)."""

    roles: frozenset[str]

    def __call__(self, user, project) -> bool:
        return any(_IN_SCOPE[role](user, project) for role in self.roles if role in _IN_SCOPE)


def can_manage_programs(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER)


def can_create_application(user) -> bool:
    return user.has_role(Role.APPLICANT)


def can_edit_application(user, project) -> bool:
    from .workflow import State

    return is_pi(user, project) and project.status in (State.DRAFT, State.RETURNED)


def can_record_score(user, project) -> bool:
    return user.has_role(Role.ADMIN) or is_officer_of(user, project)


def can_edit_taskbook(user, project) -> bool:
    return is_pi(user, project)


def can_disburse(user, project) -> bool:
    return user.has_role(Role.FINANCE, Role.ADMIN)


def can_report(user, project) -> bool:
    return is_pi(user, project)


def can_decide_change(user, project) -> bool:
    return user.has_role(Role.ADMIN) or is_officer_of(user, project)


def can_import(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER)


def is_change_requester(user, change) -> bool:
    return is_pi(user, change.project)


def may_decide_change_request(user, change) -> bool:
    return can_decide_change(user, change.project)
