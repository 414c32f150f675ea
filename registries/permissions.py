"""Who may do what with platforms and enterprise records (seeing is `visible_to`).

Officers (and admin) keep the registers; an org_admin files and edits its own organisation's
platforms, reports and figures; county offices and bureau-wide roles read.
"""

from accounts.roles import REGISTER_READERS, Role

READERS = (*REGISTER_READERS, Role.ORG_ADMIN)


def own(user, organisation_id) -> bool:
    return organisation_id is not None and organisation_id in user.scope_ids(Role.ORG_ADMIN, "organisation")


def can_view(user) -> bool:
    return user.has_role(*READERS)


def can_manage(user) -> bool:
    return user.has_role(Role.ADMIN, Role.OFFICER)


def can_manage_object(user, obj=None) -> bool:
    return can_manage(user)


def can_file(user) -> bool:
    """Add a record that an organisation reports itself (platform, report, figures)."""
    return user.has_role(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)


def can_edit_platform(user, platform) -> bool:
    return can_manage(user) or own(user, platform.host_id)


def can_edit_annual_report(user, report) -> bool:
    # Once the officer has evaluated it, the host can no longer change what was evaluated.
    editable = report.status in ("submitted", "returned")
    return user.has_role(Role.ADMIN) or (editable and (can_manage(user) or own(user, report.platform.host_id)))


def can_review(user, obj=None) -> bool:
    return can_manage(user)


def can_resubmit(user, report) -> bool:
    return own(user, report.platform.host_id) or can_manage(user)


def can_edit_incubator_report(user, report) -> bool:
    return can_manage(user) or own(user, report.platform.host_id)


def can_edit_alliance(user, alliance) -> bool:
    return can_manage(user) or own(user, alliance.lead_id)


def can_edit_enterprise_report(user, report) -> bool:
    return can_manage(user) or own(user, report.organisation_id)


def can_delete(user, obj=None) -> bool:
    return user.has_role(Role.ADMIN)
