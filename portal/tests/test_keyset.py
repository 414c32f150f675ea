"""Keyset pagination of the public lists: every row exactly once, in order, forward and backward,
with null keys; a new record shows at once (no cached count); a bad cursor gives the first page."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import keyset
from portal.models import Publication
from projects.models import Project

from .helpers import publication

pytestmark = pytest.mark.django_db

ORDER = ("-published_at", "id")


@pytest.fixture
def rows():
    start = timezone.now()
    made = [publication(title=f"第{i}号", published_at=start - dt.timedelta(hours=i % 4)) for i in range(11)]
    made += [publication(status=Publication.Status.DRAFT, title=f"草稿{i}") for i in range(3)]  # null keys
    return made


def _expected():
    return list(Publication.objects.order_by(*keyset._ordering(ORDER, backward=False)).values_list("pk", flat=True))


def test_walking_forward_then_back_visits_every_row_once_in_order(rows):
    seen, pages, after = [], [], ""
    for _page in range(10):
        page = keyset.paginate(Publication.objects.all(), ORDER, after=after, size=4)
        pages.append(page)
        seen += [row.pk for row in page.rows]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert seen == _expected() and len(seen) == 14 and len(pages) == 4
    assert pages[0].previous_cursor == "" and pages[-1].next_cursor == ""
    back = keyset.paginate(Publication.objects.all(), ORDER, before=pages[-1].previous_cursor, size=4)
    assert [row.pk for row in back.rows] == [row.pk for row in pages[-2].rows]
    first = keyset.paginate(Publication.objects.all(), ORDER, before=pages[1].previous_cursor, size=4)
    assert [row.pk for row in first.rows] == [row.pk for row in pages[0].rows] and first.previous_cursor == ""


def test_a_new_record_moves_the_pages_at_once(rows):
    page = keyset.paginate(Publication.objects.all(), ORDER, size=4)
    newest = publication(title="刚发布", published_at=timezone.now() + dt.timedelta(minutes=1))
    again = keyset.paginate(Publication.objects.all(), ORDER, size=4)
    assert again.rows[0] == newest and page.rows[0] != newest


@pytest.mark.parametrize("cursor", ["", "not-base64!!", "W1sidiIsMV1d", "e30", "W1sieCIsMV0sWyJ2IiwxXV0"])
def test_a_malformed_cursor_gives_the_first_page(rows, cursor):
    first = keyset.paginate(Publication.objects.all(), ORDER, size=4)
    for key in ("after", "before"):
        page = keyset.paginate(Publication.objects.all(), ORDER, size=4, **{key: cursor})
        assert page.rows == first.rows and page.previous_cursor == ""


def test_the_result_page_and_the_api_walk_by_cursor(users, org_a, monkeypatch):
    from projects.tests.helpers import make_project
    from projects.workflow import State

    monkeypatch.setattr("portal.views.PER_PAGE", 2)
    made = [make_project(users["applicant"], org_a, status=State.APPROVED, year=2008) for _ in range(3)]
    Project.objects.filter(pk__in=[p.pk for p in made]).update(approved_at=timezone.now())
    client = Client()
    url = reverse("portal:result_list", args=["projects"])
    first = client.get(url)
    cursor = first.context["page"].next_cursor
    assert cursor and f"after={cursor}" in first.content.decode()
    second = client.get(url, {"after": cursor})
    numbers = [row[0] for row in first.context["rows"] + second.context["rows"]]
    assert sorted(numbers) == sorted(p.number for p in Project.objects.filter(pk__in=[p.pk for p in made]))
    assert "before=" in second.content.decode() and "after=" not in second.content.decode()
    body = client.get("/api/public/projects/").json()
    assert body["previous"] is None and len(body["results"]) == 3 and body["next"] is None
