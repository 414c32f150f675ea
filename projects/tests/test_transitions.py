"""Every row of the lifecycle table: allowed for its role (status log, audit, inbox), refused for others."""

import datetime as dt
from typing import NamedTuple

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEntry, Notification
from core.testing import make_user
from core.workflow import Rule, TransitionError, rows, status_log
from projects import services
from projects import workflow as wf
from projects.models import Project
from projects.workflow import Action, State

from .helpers import FUNDING, add_budget, make_project


class Row(NamedTuple):
    source: str
    action: str
    rule: Rule

    @property
    def target(self) -> str:
        return self.rule.to_state

    @property
    def roles(self) -> frozenset[str]:
        return self.rule.allowed.roles


# One case per state a row leaves.
ROWS = [Row(state, action, rule) for state, action, rule in rows(wf.TRANSITIONS)]
# Which fixture user acts for a role (a role's scope always covers the test project).
PREFERRED = [Role.APPLICANT, Role.ORG_ADMIN, Role.COUNTY, Role.OFFICER, Role.LEADER, Role.ADMIN]
OUTSIDERS = [
    Role.APPLICANT,
    Role.ORG_ADMIN,
    Role.COUNTY,
    Role.OFFICER,
    Role.LEADER,
    Role.FINANCE,
    Role.EXPERT,
]


def _inputs(row) -> dict:
    values = {
        "proposed_funding": str(FUNDING),
        "approved_funding": str(FUNDING),
        "notice_end": (timezone.now() + dt.timedelta(days=7)).isoformat(),
    }
    return {name: values[name] for name in wf.inputs_of(row.rule) if name in values}


def _project_for(row, users, org):
    project = make_project(users[Role.APPLICANT], org, status=row.source)
    if row.action == Action.SUBMIT_TASKBOOK:
        add_budget(project)
    return project


def _id(row):
    return f"{row.source}-{row.action}"


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_row_allowed(row, users, org_a):
    project = _project_for(row, users, org_a)
    actor = users[next(r for r in PREFERRED if r in row.roles)]
    before_notes = Notification.objects.count()

    result = services.apply_action(actor, project, row.action, comment="同意。理由充分", **_inputs(row))

    assert result.status == row.target
    assert Project.objects.get(pk=project.pk).status == row.target
    log = list(status_log(project))
    assert [(entry.from_state, entry.action, entry.to_state) for entry in log] == [(row.source, row.action, row.target)]
    assert log[0].actor == actor
    entry = AuditEntry.objects.filter(action=f"transition:{row.action}", object_id=str(project.pk)).get()
    assert entry.after["status"] == row.target
    if row.rule.notify:
        assert Notification.objects.count() > before_notes


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_row_forbidden_for_other_roles(row, users, org_a):
    project = _project_for(row, users, org_a)
    outsider = users[next(r for r in OUTSIDERS if r not in row.roles)]

    with pytest.raises(PermissionDenied):
        services.apply_action(outsider, project, row.action, comment="越权", **_inputs(row))

    assert Project.objects.get(pk=project.pk).status == row.source
    assert not status_log(project)
    assert not AuditEntry.objects.filter(action__startswith="transition:", object_id=str(project.pk)).exists()


@pytest.mark.parametrize("action", [Action.APPROVE, Action.SIGN_TASKBOOK, Action.ACCEPT, Action.SUBMIT])
def test_action_out_of_order_is_refused(action, users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED)
    with pytest.raises(TransitionError) as info:
        services.apply_action(users[Role.ADMIN], project, action, comment="x", approved_funding=str(FUNDING))
    assert info.value.code == "bad_state"
    assert str(State.RECOMMENDED.label) in " ".join(info.value.messages)
    assert Project.objects.get(pk=project.pk).status == State.RECOMMENDED


def test_pi_of_another_project_may_not_submit(users, org_a):
    other_pi = make_user(Role.APPLICANT, "other-pi", organisation=org_a)
    project = make_project(users[Role.APPLICANT], org_a)
    with pytest.raises(PermissionDenied):
        services.apply_action(other_pi, project, Action.SUBMIT)


def test_officer_of_another_division_may_not_act(users, org_a):
    from directory.models import Division

    rural = make_user(Role.OFFICER, "rural-officer", division=Division.objects.get(code="rural"))
    project = make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED)
    with pytest.raises(PermissionDenied):
        services.apply_action(rural, project, Action.PASS_FORMAL)


def test_county_of_another_region_may_not_recommend(users, org_b):
    from directory.models import Region

    pi = make_user(Role.APPLICANT, "xinan-pi", organisation=org_b)
    project = make_project(pi, org_b, status=State.ENDORSED)
    with pytest.raises(PermissionDenied):
        services.apply_action(users[Role.COUNTY], project, Action.RECOMMEND)
    xinan = make_user(Role.COUNTY, "xinan-county", region=Region.objects.get(code="410323"))
    assert services.apply_action(xinan, project, Action.RECOMMEND).recommender == "410323"


def test_termination_not_at_fault_records_no_credit_event(users, org_a):
    from credit.models import CreditEvent

    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    services.apply_action(users[Role.LEADER], project, Action.TERMINATE, comment="政策调整", at_fault=False)
    assert not CreditEvent.objects.exists()


@pytest.mark.parametrize("action", [Action.TERMINATE, Action.FAIL_ACCEPTANCE])
def test_fault_records_credit_events_against_org_and_pi(action, users, org_a):
    from credit.models import CreditEvent

    status = State.IN_PROGRESS if action == Action.TERMINATE else State.ACCEPTANCE_APPLIED
    actor = users[Role.LEADER] if action == Action.TERMINATE else users[Role.OFFICER]
    project = make_project(users[Role.APPLICANT], org_a, status=status)
    services.apply_action(actor, project, action, comment="未完成考核指标")
    subjects = {event.subject for event in CreditEvent.objects.all()}
    assert subjects == {org_a, users[Role.APPLICANT].person}
    assert all(event.points < 0 for event in CreditEvent.objects.all())
