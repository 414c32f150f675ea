"""The menu's badges: counted live, once per request, in one statement, and only when shown."""

from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from core.models import Notification
from core.navigation import navigation
from core.todo import count_each, todo_count
from projects.models import Project
from projects.tests.helpers import make_project
from projects.workflow import State


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_count_each_matches_count_for_plain_distinct_sliced_and_empty_querysets(users, org_a):
    pi = users[Role.APPLICANT]
    for status in (State.DRAFT, State.SUBMITTED, State.SUBMITTED):
        make_project(pi, org_a, status=status)
    querysets = [
        Project.objects.filter(status=State.SUBMITTED),
        Project.objects.filter(applicant_org=org_a).distinct(),
        Project.objects.order_by("pk")[:2],
        Project.objects.none(),
        Project.objects.filter(pk__in=[]),
    ]
    with CaptureQueriesContext(connection) as captured:
        counts = count_each(querysets)
    assert counts == [2, 3, 2, 0, 0]
    assert len(captured) == 1
    assert count_each([]) == []


def test_count_each_takes_values_as_parameters(users):
    hostile = "x') OR 1=1; --"
    assert count_each([Project.objects.filter(title=hostile)]) == [0]


def test_badges_are_counted_once_per_request_in_one_query(users, org_a):
    officer = users[Role.OFFICER]
    make_project(users[Role.APPLICANT], org_a, status=State.ENDORSED, division=None)  # the officer's step
    Notification.objects.create(recipient=officer, text="新消息")
    request = _request(officer)
    waiting = todo_count(officer)  # also looks the roles up: cached on the user, as for a request
    assert waiting == 1
    with CaptureQueriesContext(connection) as captured:
        first = navigation(request)
        assert int(str(first["unread_notifications"])) == 1
        assert int(str(first["todo_count"])) == waiting
        again = navigation(request)  # a second RequestContext (a table) in the same request
        assert str(again["todo_count"]) == str(first["todo_count"])
    assert len(captured) == 1


def test_a_fragment_that_shows_no_menu_counts_nothing(users):
    with CaptureQueriesContext(connection) as captured:
        navigation(_request(users[Role.OFFICER]))
    assert len(captured) == 0


def test_the_badge_follows_a_new_notification_on_the_next_request(users):
    officer = users[Role.OFFICER]
    client = Client()
    client.force_login(officer)
    url = reverse("core:todo")
    assert 'bg-danger ms-1">1<' not in client.get(url).content.decode()
    Notification.objects.create(recipient=officer, text="新消息")
    assert 'bg-danger ms-1">1<' in client.get(url).content.decode()


def test_the_menu_follows_the_role(users, client):
    anonymous = navigation(_request(type("Anonymous", (), {"is_authenticated": False})()))
    assert anonymous == {"nav_items": [], "unread_notifications": 0, "todo_count": 0}
    client.force_login(users[Role.OFFICER])
    assert 'data-nav="projects:work_queue"' in client.get(reverse("core:todo")).content.decode()
    client.force_login(users[Role.PUBLIC])
    assert 'data-nav="projects:work_queue"' not in client.get(reverse("core:todo")).content.decode()


def test_count_each_with_a_limit_stops_counting_there(users, org_a):
    pi = users[Role.APPLICANT]
    for _ in range(3):
        make_project(pi, org_a, status=State.SUBMITTED)
    querysets = [Project.objects.filter(status=State.SUBMITTED), Project.objects.order_by("pk")[:1]]
    with CaptureQueriesContext(connection) as captured:
        assert count_each(querysets, limit=2) == [2, 1]
    assert len(captured) == 1 and "LIMIT 2" in captured[0]["sql"]
    assert count_each(querysets, limit=10) == [3, 1]


def test_a_badge_above_the_limit_reads_99_plus_and_still_follows_new_records(users, org_a, monkeypatch):
    from core import navigation as nav

    monkeypatch.setattr(nav, "BADGE_LIMIT", 2)
    officer = users[Role.OFFICER]
    client = Client()
    client.force_login(officer)
    url = reverse("core:todo")
    for expected in ("1", "2", "2+"):  # one more project waiting for the officer before each page
        make_project(users[Role.APPLICANT], org_a, status=State.ENDORSED, division=None)
        assert f'id="todo-count">{expected}<' in client.get(url).content.decode()
    assert nav.badge(0) == 0 and nav.badge(2) == 2 and nav.badge(3) == "2+"
