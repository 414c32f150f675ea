"""Implausible values are refused in the services with a bilingual message, and nothing is written
(issue 9, finding 11)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEntry
from projects import services
from projects.models import ChangeRequest, Disbursement, Project
from projects.workflow import Action, ChangeAction, ChangeKind, ChangeState, State

from .helpers import make_project

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def executing(users, org_a):
    return make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, start_date=dt.date(2026, 3, 1))


@pytest.mark.parametrize("paid_on", ["2999-01-01", "1900-01-01", "2026-02-27"])
def test_implausible_disbursement_date_is_refused(paid_on, executing, users):
    with pytest.raises(ValidationError) as info:
        services.record_disbursement(users[Role.FINANCE], executing, amount="1000", paid_on=paid_on)
    assert "拨付日期" in info.value.messages[0] and "plausible" in info.value.messages[0]
    assert not Disbursement.objects.exists()
    assert not AuditEntry.objects.filter(action="disburse").exists()


@pytest.mark.parametrize("hour", [0, 23])
def test_disbursement_today_in_beijing_is_accepted_at_any_hour(hour, users, org_a):
    moment = dt.datetime(2026, 11, 30, hour, 30, tzinfo=BEIJING)
    with time_machine.travel(moment, tick=False):
        project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
        today = timezone.localdate()
        services.record_disbursement(users[Role.FINANCE], project, amount="1000", paid_on=today.isoformat())
        tomorrow = (today + dt.timedelta(days=1)).isoformat()
        with pytest.raises(ValidationError):
            services.record_disbursement(users[Role.FINANCE], project, amount="1000", paid_on=tomorrow)
    assert Disbursement.objects.get().paid_on == dt.date(2026, 11, 30)


def test_extension_to_an_absurd_date_is_refused(executing, users):
    with pytest.raises(ValidationError, match="延期至"):
        services.request_change(
            users[Role.APPLICANT], executing, kind=ChangeKind.EXTENSION, reason="x", new_end_date="2999-01-01"
        )
    assert not ChangeRequest.objects.exists()


@pytest.mark.parametrize("closed", [State.TERMINATED, State.CLOSED])
def test_extension_is_not_approved_after_the_project_closed(closed, executing, users):
    old_end = executing.end_date
    change = services.request_change(
        users[Role.APPLICANT],
        executing,
        kind=ChangeKind.EXTENSION,
        reason="设备到货延迟",
        new_end_date=old_end + dt.timedelta(days=180),
    )
    if closed == State.TERMINATED:
        services.apply_action(users[Role.LEADER], executing, Action.TERMINATE, comment="结束", at_fault=False)
    else:  # closing takes acceptance first; the state is what matters here
        Project.objects.filter(pk=executing.pk).update(status=closed)
    audits = AuditEntry.objects.count()

    with pytest.raises(ValidationError, match="不能再批准变更"):
        services.decide_change(users[Role.OFFICER], change, ChangeAction.APPROVE, comment="同意延期")

    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeState.PENDING
    assert Project.objects.get(pk=executing.pk).end_date == old_end
    assert AuditEntry.objects.count() == audits
    # the pending request can still be turned down
    services.decide_change(users[Role.OFFICER], change, ChangeAction.REJECT, comment="项目已结束")
