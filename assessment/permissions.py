"""Who may do what in the county assessment (one predicate per action)."""

from accounts.roles import Role
from core.permissions import in_user_region, role_in

# Bureau officers (and the admin) run the assessment and its schemes.
can_manage = can_manage_assessment = role_in(Role.ADMIN, Role.OFFICER)
# Leaders confirm and publish the result.
can_decide = can_decide_assessment = role_in(Role.ADMIN, Role.LEADER)


def can_view(user) -> bool:
    return user.is_authenticated


def is_open(report) -> bool:
    return report.assessment.status == "open"


def can_fill(user, report) -> bool:
    return user.has_role(Role.COUNTY) and in_user_region(user, report.region) and is_open(report) and report.status in (
        "draft", "returned",
    )


def can_review(user, report) -> bool:
    return can_manage(user) and is_open(report)


def can_see_results(user, assessment) -> bool:
    if assessment.status == "published":
        return user.is_authenticated
    return assessment.status in ("computed", "confirmed") and (user.is_bureau_wide or bool(user.region_codes))


def can_edit_scheme(user, scheme) -> bool:
    """Officers change a scheme's groups, indicators and veto items while it is still a draft."""
    return can_manage(user) and scheme.is_draft


def can_edit_part(user, part) -> bool:
    return can_edit_scheme(user, part.scheme_of())
