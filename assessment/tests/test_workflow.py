"""Every transition of both lifecycles: allowed (state moves, audit entry), forbidden, wrong state."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from assessment import services
from assessment.models import Assessment, CountyReport
from assessment.workflow import ASSESSMENT_TRANSITIONS, REPORT_TRANSITIONS
from core.models import AuditEntry, StatusLog
from core.workflow import TransitionError

from .conftest import fill, submit_and_accept

pytestmark = pytest.mark.django_db


def _report_in(state, report, users):
    fill(report, user=users["county"])
    if state == "draft":
        return report
    report = services.report_action(users["county"], report, "submit")
    if state == "accepted":
        report = services.report_action(users["officer"], report, "accept")
    if state == "returned":
        report = services.report_action(users["officer"], report, "return", "缺少盖章")
    return report


REPORT_CASES = [
    # state, action, permitted role, a forbidden role
    ("draft", "submit", "county", "officer"),
    ("returned", "submit", "county", "leader"),
    ("submitted", "return", "officer", "county"),
    ("submitted", "accept", "officer", "county"),
    ("accepted", "reopen", "admin", "supervisor"),
]


def test_report_cases_cover_the_table():
    assert {(s, a) for s, a, *_ in REPORT_CASES} == set(REPORT_TRANSITIONS)


@pytest.mark.parametrize(("state", "action", "role", "forbidden"), REPORT_CASES)
def test_report_transition(report, users, state, action, role, forbidden):
    report = _report_in(state, report, users)
    with pytest.raises(PermissionDenied):
        services.report_action(users[forbidden], report, action, "理由")
    moved = services.report_action(users[role], report, action, "理由")
    assert moved.status == REPORT_TRANSITIONS[(state, action)].to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(report.pk)).exists()
    assert StatusLog.objects.filter(object_id=str(report.pk), action=action).exists()


def test_report_wrong_state_and_missing_reason(report, users):
    with pytest.raises(TransitionError):
        services.report_action(users["officer"], report, "accept")
    report = _report_in("submitted", report, users)
    with pytest.raises(TransitionError, match=r"意见|理由"):
        services.report_action(users["officer"], report, "return", "")
    assert CountyReport.objects.get(pk=report.pk).status == "submitted"


def test_return_keeps_the_reason_and_resubmit_clears_it(report, users):
    report = _report_in("returned", report, users)
    assert report.return_reason == "缺少盖章"
    report = services.report_action(users["county"], report, "submit")
    assert report.return_reason == "" and report.submitted_at is not None


def test_county_cannot_act_once_the_assessment_is_computed(assessment, report, users):
    submit_and_accept(assessment, users["officer"])
    services.assessment_action(users["officer"], assessment, "compute", snapshot_date=dt.date(2009, 1, 5))
    with pytest.raises(PermissionDenied):
        services.report_action(users["officer"], CountyReport.objects.get(pk=report.pk), "reopen", "x")


ASSESSMENT_CASES = [
    ("draft", "open", "officer", "county"),
    ("open", "compute", "officer", "leader"),
    ("computed", "reopen", "officer", "county"),
    ("computed", "confirm", "leader", "officer"),
    ("confirmed", "return", "leader", "officer"),
    ("confirmed", "publish", "leader", "supervisor"),
]


def test_assessment_cases_cover_the_table():
    assert {(s, a) for s, a, *_ in ASSESSMENT_CASES} == set(ASSESSMENT_TRANSITIONS)


def _assessment_in(state, scheme, users):
    officer, leader = users["officer"], users["leader"]
    assessment = services.create_assessment(officer, scheme)
    path = ["draft", "open", "computed", "confirmed"]
    for step, action in zip(path[: path.index(state)], ["open", "compute", "confirm"], strict=False):
        if action == "compute":
            submit_and_accept(assessment, officer)
        actor = leader if action == "confirm" else officer
        assessment = services.assessment_action(actor, assessment, action, snapshot_date=dt.date(2009, 1, 5))
        assert assessment.status != step
    return assessment


@pytest.mark.parametrize(("state", "action", "role", "forbidden"), ASSESSMENT_CASES)
def test_assessment_transition(scheme, users, state, action, role, forbidden):
    assessment = _assessment_in(state, scheme, users)
    if action == "compute":
        submit_and_accept(assessment, users["officer"])
    with pytest.raises(PermissionDenied):
        services.assessment_action(users[forbidden], assessment, action, "理由")
    moved = services.assessment_action(users[role], assessment, action, "理由")
    assert moved.status == ASSESSMENT_TRANSITIONS[(state, action)].to_state
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(assessment.pk)).exists()


def test_assessment_wrong_state(scheme, users):
    assessment = _assessment_in("draft", scheme, users)
    with pytest.raises(TransitionError):
        services.assessment_action(users["leader"], assessment, "publish")
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"


def test_publish_stamps_the_time(scheme, users):
    assessment = _assessment_in("confirmed", scheme, users)
    assert services.assessment_action(users["leader"], assessment, "publish").published_at is not None
