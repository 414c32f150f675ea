"""Finding 7: records a project writes beside itself (objections inside a transition, reports,
outcomes) are audited, and their entries name the project."""

import datetime as dt

from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEntry
from projects import services
from projects.workflow import Action, State

from .helpers import make_project


def entry_for(obj) -> AuditEntry:
    return AuditEntry.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk)).latest("id")


def test_objection_raised_and_resolved_in_transitions_is_audited(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_NOTICE)
    services.apply_action(users[Role.OFFICER], project, Action.RAISE_OBJECTION, comment="申报材料数据不实")
    objection = project.objections.get()
    raised = entry_for(objection)
    assert (raised.action, raised.user, raised.after["content"]) == ("create", users[Role.OFFICER], "申报材料数据不实")
    assert raised.object_repr.startswith(project.number)

    services.apply_action(users[Role.LEADER], project, Action.UPHOLD_OBJECTION, comment="情况属实")
    resolved = entry_for(objection)
    assert (resolved.action, resolved.user) == ("update", users[Role.LEADER])
    assert resolved.before["upheld"] is None
    assert (resolved.after["upheld"], resolved.after["resolution"]) == (True, "情况属实")


def test_report_entry_names_its_project(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    report = services.submit_report(users[Role.APPLICANT], project, kind="annual", due_date=tomorrow, content="按期")
    entry = entry_for(report)
    assert entry.action == "report" and entry.object_repr.startswith(f"{project.number} / ")


def test_outcome_entry_names_its_project(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.MIDTERM_PASSED)
    outcome = services.record_outcome(users[Role.APPLICANT], project, kind="paper", title="轴承寿命研究")
    entry = entry_for(outcome)
    assert entry.action == "outcome" and entry.object_repr == f"{project.number} / {outcome}"
