"""E-mail for workflow events with per-user preferences, the daily reminders at their boundaries
(idempotent), and the one 待办 list with its count in the navigation."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.models import AuditEntry, Notification, NotificationPreference, SentReminder
from core.notifications import notify
from core.reminders import send_reminders
from core.todo import todo_count, todo_groups
from projects import services as project_services
from projects.funds import services as fund_services
from projects.models import BudgetLine, Report
from projects.tests.helpers import make_project
from projects.workflow import Action, State

TODAY = dt.date(2008, 6, 10)
NOON = dt.datetime(2008, 6, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def pi(users):
    user = users[Role.APPLICANT]
    user.email = "pi@example.cn"
    user.save(update_fields=["email"])
    return user


# --- e-mail --------------------------------------------------------------------------------


def test_workflow_event_is_emailed_after_commit(users, pi, org_a, mailoutbox, django_capture_on_commit_callbacks):
    project = make_project(pi, org_a, status=State.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        project_services.apply_action(users[Role.ORG_ADMIN], project, Action.ENDORSE)
    [mail] = [m for m in mailoutbox if "pi@example.cn" in m.to]
    assert project.number in mail.subject and project.get_absolute_url() in mail.body


def test_preferences_turn_email_off_but_keep_the_inbox(pi, mailoutbox, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(pi)
    page = client.get(reverse("core:notification_preferences")).content.decode()
    assert 'value="workflow"' in page and "checked" in page  # every event by default
    response = client.post(reverse("core:notification_preferences"), {"email_events": ["report_due"]})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=pi).email_events == ["report_due"]
    assert AuditEntry.objects.filter(object_repr=str(pi), action="create").exists()
    with django_capture_on_commit_callbacks(execute=True):
        notify(pi, "状态变更", "/x/")
        notify(pi, "报告提醒", "/y/", event="report_due")
    assert [m.body.split("\n")[0] for m in mailoutbox] == ["报告提醒"]
    assert Notification.objects.filter(recipient=pi).count() == 2


def test_unknown_preference_is_refused_and_nothing_written(pi):
    client = Client()
    client.force_login(pi)
    response = client.post(reverse("core:notification_preferences"), {"email_events": ["nonsense"]})
    assert response.status_code == 200 and not NotificationPreference.objects.exists()


# --- reminders -----------------------------------------------------------------------------


def _report(project, due):
    return Report.objects.create(project=project, kind=Report.Kind.ANNUAL, due_date=due)


@pytest.mark.parametrize(("days_ahead", "sent"), [(-1, 0), (0, 1), (7, 1), (8, 0)])
def test_report_reminder_window(pi, org_a, days_ahead, sent):
    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    _report(project, TODAY + dt.timedelta(days=days_ahead))
    assert send_reminders(TODAY)["report_due"] == sent


def test_reminders_are_sent_once(pi, org_a, mailoutbox, django_capture_on_commit_callbacks):
    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    report = _report(project, TODAY + dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(TODAY)["report_due"] == 1
        assert send_reminders(TODAY)["report_due"] == 0
        assert send_reminders(TODAY + dt.timedelta(days=1))["report_due"] == 0
    assert SentReminder.objects.get().object_id == str(report.pk)
    assert len(mailoutbox) == 1 and Notification.objects.filter(recipient=pi).count() == 1


def test_notice_end_reminder_to_the_division_officers(users, pi, org_a):
    project = make_project(pi, org_a, status=State.IN_NOTICE)
    project.notice_end = dt.datetime(2008, 6, 11, 18, 0, tzinfo=timezone.get_current_timezone())
    project.save(update_fields=["notice_end"])
    assert send_reminders(TODAY - dt.timedelta(days=1))["notice_end"] == 0  # two days before: not yet
    assert send_reminders(TODAY)["notice_end"] >= 1
    assert Notification.objects.filter(recipient=users[Role.OFFICER], text__contains=project.number).exists()


def test_review_invitation_reminder_before_the_deadline(users, pi, org_a):
    from core.testing import make_user
    from reviews import services as review_services
    from reviews.models import Invitation
    from reviews.tests.helpers import make_expert, make_round, review_project

    expert = make_expert(org_a, "提醒专家", user=make_user(Role.EXPERT, "reminded-expert"))
    due = dt.datetime(2008, 6, 13, 17, 0, tzinfo=timezone.get_current_timezone())
    review_round = make_round(reviewers_per_item=1, due_at=due)
    review_services.add_items(users[Role.OFFICER], review_round, [review_project(pi, org_a)])
    Invitation.objects.create(round=review_round, item=review_round.items.get(), expert=expert)
    assert send_reminders(TODAY - dt.timedelta(days=1))["review_invitation"] == 0  # four days ahead
    assert send_reminders(TODAY)["review_invitation"] == 1  # three days ahead
    assert Notification.objects.filter(recipient=expert.user, text__contains=review_round.title).exists()


def test_overdue_payment_alert_reaches_finance_once(users, pi, org_a):
    from projects.models import Milestone

    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    Milestone.objects.create(project=project, title="首笔拨款", due_date=TODAY, payment=Decimal("100000"))
    assert send_reminders(TODAY)["payment_overdue"] == 0  # due today: not late yet
    assert send_reminders(TODAY + dt.timedelta(days=1))["payment_overdue"] == 1
    assert send_reminders(TODAY + dt.timedelta(days=2))["payment_overdue"] == 0
    assert Notification.objects.filter(recipient=users[Role.FINANCE], text__contains="首笔拨款").count() == 1


def test_send_reminders_command_uses_today(pi, org_a, time_machine):
    time_machine.move_to(NOON)
    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    _report(project, TODAY + dt.timedelta(days=7))
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "report_due: 1" in out.getvalue()
    time_machine.move_to(NOON + dt.timedelta(days=1))
    call_command("send_reminders", stdout=out)
    assert out.getvalue().count("report_due: 0") == 1


# --- 待办 ------------------------------------------------------------------------------------


def test_todo_lists_a_pending_adjustment_for_the_officer(users, pi, org_a):
    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    BudgetLine.objects.create(project=project, category="materials", amount=Decimal("300000"))
    adjustment = fund_services.request_adjustment(pi, project, source="materials", target="labour",
                                                  amount="200000", reason="增加劳务")
    officer = users[Role.OFFICER]
    groups = {g["key"]: g for g in todo_groups(officer)}
    assert groups["budget_adjustments"]["count"] == 1
    assert groups["budget_adjustments"]["rows"][0]["link"] == adjustment.get_absolute_url()
    assert "budget_adjustments" not in {g["key"] for g in todo_groups(users[Role.FINANCE])}
    client = Client()
    client.force_login(officer)
    page = client.get(reverse("core:todo")).content.decode()
    assert 'data-todo="budget_adjustments"' in page
    assert f'id="todo-count">{todo_count(officer)}<' in page


def test_todo_is_empty_for_a_user_with_nothing_waiting(users):
    client = Client()
    client.force_login(users[Role.PUBLIC])
    page = client.get(reverse("core:todo")).content.decode()
    assert 'id="todo-empty"' in page and 'id="todo-count"' not in page


def test_todo_lists_an_overdue_milestone_payment_for_finance(users, pi, org_a):
    from projects.models import Disbursement, Milestone

    project = make_project(pi, org_a, status=State.IN_PROGRESS)
    today = timezone.localdate()
    late = Milestone.objects.create(project=project, title="第一笔拨款", due_date=today - dt.timedelta(days=3),
                                    payment=Decimal("200000"))
    Milestone.objects.create(project=project, title="第二笔拨款", due_date=today, payment=Decimal("100000"))
    finance = users[Role.FINANCE]
    groups = {g["key"]: g for g in todo_groups(finance)}
    assert groups["overdue_payments"]["count"] == 1  # due today is not yet overdue
    [row] = groups["overdue_payments"]["rows"]
    assert row["link"] == project.get_absolute_url() + "#funds"
    assert project.number in row["text"] and late.title in row["text"] and "20.00 万元" in row["text"]
    assert "已逾期 3 天" in row["text"]
    assert "overdue_payments" not in {g["key"] for g in todo_groups(users[Role.OFFICER])}
    assert "overdue_payments" not in {g["key"] for g in todo_groups(pi)}
    client = Client()
    client.force_login(finance)
    page = client.get(reverse("core:todo")).content.decode()
    assert 'data-todo="overdue_payments"' in page and project.get_absolute_url() in page
    # Once disbursed the item leaves the list.
    Disbursement.objects.create(project=project, amount=Decimal("200000"), paid_on=today)
    assert "overdue_payments" not in {g["key"] for g in todo_groups(finance)}
