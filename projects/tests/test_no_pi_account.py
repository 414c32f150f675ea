"""Imported and historical projects have a PI name but no PI account: every transition still works.

Regression for issue 9, finding 3: the inbox step dereferenced ``project.pi`` and answered 500.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import Role
from core.models import AuditEntry, Notification
from core.workflow import status_log
from projects import services
from projects.models import Project
from projects.workflow import Action, State

from .helpers import add_budget, make_project
from .test_transitions import ROWS, _id, _inputs

# Bureau and organisation roles, in the order a fixture user is picked to act.
ACTORS = [Role.ORG_ADMIN, Role.COUNTY, Role.OFFICER, Role.LEADER, Role.ADMIN]


def _imported(row, org):
    project = make_project(None, org, status=row.source, pi_name="王建国")
    if row.action == Action.SUBMIT_TASKBOOK:
        add_budget(project)
    return project


@pytest.mark.parametrize("row", [r for r in ROWS if set(r.roles) & set(ACTORS)], ids=_id)
def test_every_transition_works_without_pi_account(row, users, org_a):
    project = _imported(row, org_a)
    actor = users[next(r for r in ACTORS if r in row.roles)]

    result = services.apply_action(actor, project, row.action, comment="同意。理由充分", **_inputs(row))

    assert result.status == row.target
    assert [e.action for e in status_log(project)] == [row.action]
    assert AuditEntry.objects.filter(action=f"transition:{row.action}", object_id=str(project.pk)).exists()
    assert not Notification.objects.filter(recipient=None).exists()


@pytest.mark.parametrize("row", [r for r in ROWS if set(r.roles) <= {Role.APPLICANT}], ids=_id)
def test_pi_only_transition_is_refused_cleanly_without_pi_account(row, users, org_a):
    project = _imported(row, org_a)
    with pytest.raises(PermissionDenied):
        services.apply_action(users[Role.APPLICANT], project, row.action, comment="x", **_inputs(row))
    assert Project.objects.get(pk=project.pk).status == row.source


@pytest.mark.parametrize(
    ("status", "action", "role"),
    [
        (State.RECOMMENDED, Action.PASS_FORMAL, Role.OFFICER),
        (State.IN_PROGRESS, Action.START_MIDTERM, Role.OFFICER),
        (State.IN_PROGRESS, Action.TERMINATE, Role.LEADER),
    ],
)
def test_action_page_without_pi_account_does_not_fail(status, action, role, client, users, org_a):
    project = make_project(None, org_a, status=status, pi_name="王建国")
    client.force_login(users[role])
    url = reverse("projects:project_action", args=[project.pk])
    response = client.post(url, {"action": action, "comment": "同意。理由充分"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status != status
