"""Project list pages fetched keys first (projects.paging): same rows, same order, and as many
queries for a page of 3 as for a page of 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from core.testing import make_organisation
from projects.models import Project
from projects.paging import KeysFirstPaginator
from projects.views import ROW_RELATIONS

from .helpers import make_call, make_project


@pytest.fixture
def projects(users, org_a):
    call = make_call()
    orgs = [org_a, make_organisation("410323")]
    return [make_project(users[Role.APPLICANT], orgs[i % 2], call=call, title=f"轴承{i}") for i in range(7)]


@pytest.mark.parametrize("order", [("-id",), ("title", "id"), ("-status_changed_at", "-id")])
def test_a_page_has_the_rows_of_a_plain_slice_in_order(projects, order):
    queryset = Project.objects.order_by(*order).prefetch_related(*ROW_RELATIONS)
    for number in (1, 2, 3):
        page = KeysFirstPaginator(queryset, 3).page(number)
        assert list(page) == list(queryset[(number - 1) * 3:number * 3])
    assert [p.applicant_org.name for p in KeysFirstPaginator(queryset, 3).page(1)]


def test_queries_do_not_grow_with_the_page_size(projects):
    queryset = Project.objects.order_by("-id").prefetch_related(*ROW_RELATIONS)
    counts = []
    for size in (2, 7):
        with CaptureQueriesContext(connection) as captured:
            rows = list(KeysFirstPaginator(queryset, size).page(1))
            assert [row.program.name for row in rows] and [row.applicant_org.name for row in rows]
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_county_list_and_api_page_exactly_its_projects(client, users, projects):
    client.force_login(users[Role.COUNTY])
    mine = sorted((p for p in projects if p.applicant_org.region.code == "410305"), key=lambda p: -p.pk)
    page = client.get("/projects/?per_page=2&page=2").content.decode()
    assert f"共 {len(mine)} 条" in page
    assert [p.number in page for p in mine] == [False, False, True, True]
    api = client.get("/api/projects/").json()
    assert api["count"] == len(mine) and [row["id"] for row in api["results"]] == [p.pk for p in mine]
    assert client.get("/api/projects/?page=9").status_code == 404


def test_a_status_filter_counts_the_page_without_distinct(projects):
    from projects.filters import ProjectFilterSet

    filtered = ProjectFilterSet({"status": [projects[0].status]}, queryset=Project.objects.all()).qs
    with CaptureQueriesContext(connection) as captured:
        total = KeysFirstPaginator(filtered, 3).count
    assert total == Project.objects.filter(status=projects[0].status).count() == 7
    assert "DISTINCT" not in captured[0]["sql"].upper()
