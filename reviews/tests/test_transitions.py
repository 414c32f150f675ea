"""Workflow tables row by row: the allowed role moves the state (status log + audit entry),
a forbidden role is refused and nothing changes."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.models import AuditEntry, StatusLog
from core.testing import make_person
from core.workflow import find_rule, rows, transition
from reviews import services, workflow
from reviews.models import AwardNomination, Expert

from .helpers import make_expert

pytestmark = pytest.mark.django_db

EXTRA = {"comment": "理由", "grade": "2"}


def _check_row(obj, action, rule, table, allowed_user, forbidden_user):
    model = type(obj)
    with pytest.raises(PermissionDenied):
        transition(obj, action, forbidden_user, table, **EXTRA)
    assert model.objects.get(pk=obj.pk).status == obj.status
    moved = transition(obj, action, allowed_user, table, **EXTRA)
    assert moved.status == rule.to_state
    assert StatusLog.objects.filter(object_id=str(obj.pk), action=action, to_state=rule.to_state).exists()
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(obj.pk)).exists()


@pytest.mark.parametrize(("state", "action"), [(s, a) for s, a, _r in rows(workflow.EXPERT_TRANSITIONS)])
def test_expert_rows(state, action, users):
    expert = make_expert(None, "行测试", status=state)
    rule = find_rule(workflow.EXPERT_TRANSITIONS, state, action)
    _check_row(expert, action, rule, workflow.EXPERT_TRANSITIONS, users["officer"], users["supervisor"])
    if rule.to_state == Expert.Status.ACTIVE:
        assert Expert.objects.get(pk=expert.pk).valid_until > timezone.localdate()


@pytest.mark.parametrize(("state", "action"), list(workflow.NOMINATION_TRANSITIONS))
def test_nomination_rows(state, action, users, org_a):
    nomination = AwardNomination.objects.create(
        title="行测试成果",
        category="progress",
        grade_sought="2",
        nominee=make_person(org_a, "陈"),
        organisation=org_a,
        recommender=org_a,
        abstract="摘要",
        year=2008,
        status=state,
        notice_end=dt.date(2008, 12, 31),
    )
    rule = workflow.NOMINATION_TRANSITIONS[(state, action)]
    allowed = users["leader"] if action in ("award", "not_award") else users["officer"]
    forbidden = users["officer"] if action in ("award", "not_award") else users["org_admin"]
    _check_row(nomination, action, rule, workflow.NOMINATION_TRANSITIONS, allowed, forbidden)


def test_actions_not_in_the_table_are_refused(users):
    from core.workflow import TransitionError

    expert = make_expert(None, "退出", status=Expert.Status.RETIRED)
    for action in ("approve", "renew", "reinstate", "suspend"):
        with pytest.raises(TransitionError):
            services.expert_action(users["officer"], expert, action, comment="x")
