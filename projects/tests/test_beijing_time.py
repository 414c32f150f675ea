"""Dates are Beijing dates at any hour: each test runs at 23:30 and at 00:30 Asia/Shanghai (the
`beijing_edge` fixture), where the UTC date is the day, and on 1 January the year, before."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from credit.models import CreditEvent
from projects import demo, services
from projects.models import Call, Program
from projects.workflow import State

from .helpers import make_project

pytestmark = pytest.mark.django_db


def _report(users, org_a, due_date):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    return services.submit_report(users[Role.APPLICANT], project, kind="annual", due_date=due_date, content="年报")


def test_report_due_yesterday_is_late_and_recorded(beijing_edge, users, org_a):
    report = _report(users, org_a, timezone.localdate() - dt.timedelta(days=1))
    assert report.is_late
    assert {e.subject for e in CreditEvent.objects.filter(area="implementation")} == {
        org_a, users[Role.APPLICANT].person}


def test_report_due_today_is_on_time(beijing_edge, users, org_a):
    report = _report(users, org_a, timezone.localdate())
    assert not report.is_late
    assert not CreditEvent.objects.exists()


def test_demo_open_calls_belong_to_the_beijing_year(beijing_edge, reference_data):
    demo._calls(list(Program.objects.all()))
    open_calls = Call.objects.filter(closes_at__gt=timezone.now(), status="published")
    assert open_calls.exists()
    assert set(open_calls.values_list("year", flat=True)) == {beijing_edge.year}
