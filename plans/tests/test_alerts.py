"""The daily alert run at the status boundaries: one alert per change for the worse, not per run.

The confirmed 2010 plan's patent indicator (专利申请量达到1600件, linear) is expected at
1600 × elapsed share of the year; "at risk" is 80–100% of that, "behind" below 80%.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from core.models import AuditEntry, Notification
from core.testing import BEIJING
from plans import alerts
from plans.models import Milestone, ProgressReport
from plans.services import SystemActor

pytestmark = pytest.mark.django_db
RUNNER = SystemActor("plan_alerts")


@pytest.fixture
def watched(confirmed_plan, manual_indicator, hightech_officer, users):
    """The patent indicator with a division officer and the leader, both with an address."""
    for user, address in ((hightech_officer, "officer@example.com"), (users["leader"], "leader@example.com")):
        user.email = address
        user.save(update_fields=["email"])
    return manual_indicator


def report(indicator, day: dt.date, value: int) -> None:
    ProgressReport.objects.create(indicator=indicator, as_of=day, value=Decimal(value))


def run_on(day: dt.date) -> alerts.RunResult:
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=BEIJING), tick=False):
        return alerts.run(RUNNER)


def test_turning_at_risk_notifies_the_division_officer_and_the_leader_in_app_and_by_mail(
    watched, users, hightech_officer
):
    report(watched, dt.date(2010, 6, 30), 700)  # expected ≈ 798 on 1 July: 88% → at risk
    result = run_on(dt.date(2010, 7, 1))
    assert (result.indicators, result.milestones, result.notifications, result.emails) == (1, 0, 2, 2)
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {hightech_officer.username, users["leader"].username}
    assert "存在风险" in Notification.objects.first().text and watched.code in Notification.objects.first().text
    assert sorted(m.to[0] for m in mail.outbox) == ["leader@example.com", "officer@example.com"]
    assert "700" in mail.outbox[0].body
    watched.refresh_from_db()
    assert watched.alert_status == "at_risk"
    entry = AuditEntry.objects.get(action="plan_alerts")
    assert entry.after == {"alerts": 1, "day": "2010-07-01"}


def test_staying_at_risk_or_running_twice_sends_nothing_more(watched):
    report(watched, dt.date(2010, 6, 30), 700)
    run_on(dt.date(2010, 7, 1))
    assert run_on(dt.date(2010, 7, 1)).indicators == 0
    assert run_on(dt.date(2010, 7, 2)).indicators == 0
    assert Notification.objects.count() == 2 and len(mail.outbox) == 2


def test_turning_late_alerts_again_and_staying_late_does_not(watched):
    report(watched, dt.date(2010, 6, 30), 700)
    run_on(dt.date(2010, 7, 1))
    result = run_on(dt.date(2010, 8, 31))  # expected ≈ 1065: 66% → behind
    assert result.indicators == 1
    assert "滞后" in mail.outbox[-1].subject
    assert run_on(dt.date(2010, 9, 10)).indicators == 0
    watched.refresh_from_db()
    assert watched.alert_status == "behind"
    assert len(mail.outbox) == 4


def test_improving_from_behind_to_at_risk_is_recorded_without_an_alert(watched):
    report(watched, dt.date(2010, 6, 30), 300)
    assert run_on(dt.date(2010, 7, 1)).indicators == 1  # 38% → behind
    report(watched, dt.date(2010, 7, 5), 700)
    assert run_on(dt.date(2010, 7, 6)).indicators == 0
    watched.refresh_from_db()
    assert watched.alert_status == "at_risk"


def test_recovering_then_slipping_again_is_a_new_alert(watched):
    report(watched, dt.date(2010, 6, 30), 700)
    run_on(dt.date(2010, 7, 1))
    report(watched, dt.date(2010, 9, 15), 1300)  # expected ≈ 1131 → on track
    assert run_on(dt.date(2010, 9, 16)).indicators == 0
    watched.refresh_from_db()
    assert watched.alert_status == "on_track"
    assert run_on(dt.date(2010, 11, 30)).indicators == 1  # expected ≈ 1464: 89% → at risk again
    assert len(mail.outbox) == 4


def test_an_overdue_milestone_is_alerted_once_and_again_when_rescheduled_and_missed(watched, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    milestone = Milestone.objects.create(work_item=item, title="完成专项验收", due=dt.date(2010, 7, 15))
    assert run_on(dt.date(2010, 7, 15)).milestones == 0  # due today is not overdue
    result = run_on(dt.date(2010, 7, 16))
    assert result.milestones == 1
    assert "完成专项验收" in mail.outbox[-1].subject and "2010-07-15" in mail.outbox[-1].body
    assert run_on(dt.date(2010, 7, 20)).milestones == 0
    Milestone.objects.filter(pk=milestone.pk).update(due=dt.date(2010, 8, 1))
    assert run_on(dt.date(2010, 8, 2)).milestones == 1
    Milestone.objects.filter(pk=milestone.pk).update(done_on=dt.date(2010, 8, 3))
    assert run_on(dt.date(2010, 8, 10)).milestones == 0


def test_a_past_years_plan_is_not_watched(watched):
    report(watched, dt.date(2010, 6, 30), 100)
    result = run_on(dt.date(2011, 3, 1))
    assert (result.indicators, result.milestones) == (0, 0)
    assert not Notification.objects.exists() and not mail.outbox


def test_only_an_admin_or_the_scheduler_may_run_it(watched, users):
    report(watched, dt.date(2010, 6, 30), 100)
    with pytest.raises(PermissionDenied):
        alerts.run(users["officer"], dt.date(2010, 7, 1))
    watched.refresh_from_db()
    assert watched.alert_status == "" and not Notification.objects.exists()
    assert alerts.run(users["admin"], dt.date(2010, 7, 1)).indicators == 1


def test_the_command_reports_what_it_sent_and_rejects_a_bad_date(watched, capsys):
    report(watched, dt.date(2010, 6, 30), 700)
    call_command("plan_alerts", "--date", "2010-07-01")
    assert "indicators alerted: 1" in capsys.readouterr().out
    call_command("plan_alerts", "--date", "2010-07-01")
    assert "indicators alerted: 0" in capsys.readouterr().out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("plan_alerts", "--date", "1 July")


def test_enqueue_runs_through_the_task_backend(watched, capsys):
    report(watched, dt.date(2010, 6, 30), 700)
    with time_machine.travel(dt.datetime(2010, 7, 1, 9, tzinfo=BEIJING), tick=False):
        call_command("plan_alerts", "--enqueue")
    assert "queued:" in capsys.readouterr().out
    assert Notification.objects.count() == 2  # the immediate backend ran it in-process
