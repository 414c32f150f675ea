"""Who may do what with the annual plan. Seeing is `visible_to` (models.py); these are for doing.

The planning division (计划科) prepares and confirms the plan; each responsible division reports
progress on its own indicators and work items; the admin may reopen a confirmed plan.
"""

from accounts.roles import Role

from .models import PLAN_READERS, Indicator, Plan, WorkItem

PLANNING_DIVISION = "planning"


def _is_planning_officer(user) -> bool:
    return any(
        a.role == Role.OFFICER and a.division_id and a.division.code == PLANNING_DIVISION for a in user.assignments
    )


def can_view_plans(user) -> bool:
    return user.has_role(*PLAN_READERS)


def can_import_plan(user) -> bool:
    return user.has_role(Role.ADMIN) or _is_planning_officer(user)


def can_edit_plan(user, plan: Plan) -> bool:
    """Change a draft's indicators and work items (the review page)."""
    return plan.status == Plan.Status.DRAFT and can_import_plan(user)


def can_confirm_plan(user, plan: Plan) -> bool:
    return can_import_plan(user)


def can_reopen_plan(user, plan: Plan) -> bool:
    return user.has_role(Role.ADMIN)


def can_delete_plan(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.DRAFT and can_import_plan(user)


def _responsible(user, division_id: int | None) -> bool:
    return bool(division_id) and division_id in user.division_ids


def can_edit_indicator(user, indicator: Indicator) -> bool:
    """Planning edits any indicator; a division adjusts the schedule and source of its own."""
    if indicator.plan.status == Plan.Status.DRAFT:
        return can_edit_plan(user, indicator.plan)
    return can_import_plan(user) or _responsible(user, indicator.division_id)


def can_report(user, indicator: Indicator) -> bool:
    """Manual progress is entered by the responsible division once the plan is confirmed."""
    return (
        indicator.plan.status == Plan.Status.CONFIRMED
        and indicator.is_manual
        and (user.has_role(Role.ADMIN) or _is_planning_officer(user) or _responsible(user, indicator.division_id))
    )


def can_delete_report(user, report) -> bool:
    return user.has_role(Role.ADMIN) or _responsible(user, report.indicator.division_id)


def can_update_work_item(user, item: WorkItem) -> bool:
    """Milestones and progress notes: the responsible division, its leader, planning, admin."""
    return (
        user.has_role(Role.ADMIN)
        or _is_planning_officer(user)
        or _responsible(user, item.division_id)
        or (item.leader_id is not None and item.leader_id == user.pk)
    )


def can_edit_work_item(user, item: WorkItem) -> bool:
    """Assigning the division and leader is the planning division's call."""
    return can_import_plan(user)


def can_run_alerts(user) -> bool:
    """The daily alert run: the scheduler (a SystemActor) or an admin by hand."""
    return user.has_role(Role.ADMIN)
