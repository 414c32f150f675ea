"""A search counts its results exactly up to SEARCH_COUNT_CAP and says "more than" beyond it, on the
list page and the API alike; the pages go on up to the cap, newest first, within the user's scope.
A list without a search term still counts everything."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from accounts.roles import Role
from core.testing import make_user
from projects.models import Project
from projects.paging import KeysFirstPagination
from projects.views import ProjectListView
from projects.workflow import State

from .helpers import make_project

LIST = reverse("projects:project_list")
API = "/api/projects/"


@pytest.fixture
def bearings(users, org_a) -> list[Project]:
    """Five projects of 涧西区 (the county user's region) whose titles hold 轴承, oldest first."""
    return [
        make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED, title=f"第{n}代轴承试验台")
        for n in range(5)
    ]


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def newest_first(projects: list[Project]) -> list[str]:
    return [p.title for p in sorted(projects, key=lambda p: -p.pk)]


def test_below_the_cap_the_count_is_exact(users, bearings, settings):
    settings.SEARCH_COUNT_CAP = 5
    client = client_of(users[Role.OFFICER])
    page = client.get(LIST, {"q": "轴承"})
    assert (page.context["table"].paginator.count, page.context["table"].paginator.count_exact) == (5, True)
    assert "共 5 条" in page.content.decode()
    api = client.get(API, {"q": "轴承"}).json()
    assert (api["count"], api["count_exact"]) == (5, True)


def test_above_the_cap_the_count_says_more_than(users, bearings, settings):
    settings.SEARCH_COUNT_CAP = 4
    client = client_of(users[Role.OFFICER])
    page = client.get(LIST, {"q": "轴承"})
    assert (page.context["table"].paginator.count, page.context["table"].paginator.count_exact) == (4, False)
    html = page.content.decode()
    assert "超过 4 条" in html and "共 4 条" not in html
    assert [row.record.title for row in page.context["table"].page.object_list] == newest_first(bearings)[:4]
    api = client.get(API, {"q": "轴承"}).json()
    assert (api["count"], api["count_exact"]) == (4, False)
    assert [row["title"] for row in api["results"]] == newest_first(bearings)[:4]


def test_the_capped_label_in_english(users, bearings, settings):
    settings.SEARCH_COUNT_CAP = 2
    client = client_of(users[Role.OFFICER])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(LIST, {"q": "轴承"}).content.decode()
    assert "More than 2 records; the first 2 are listed." in html


def test_the_count_reads_at_most_the_cap_plus_one_rows(users, bearings, settings):
    settings.SEARCH_COUNT_CAP = 3
    client = client_of(users[Role.OFFICER])
    with CaptureQueriesContext(connection) as queries:
        client.get(API, {"q": "轴承"})
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "projects_project" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 4" in counts[0]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "！？"}, {"status": State.RECOMMENDED}])
def test_a_list_that_searches_nothing_counts_everything(users, bearings, settings, params):
    settings.SEARCH_COUNT_CAP = 2
    client = client_of(users[Role.OFFICER])
    page = client.get(LIST, params)
    assert (page.context["table"].paginator.count, page.context["table"].paginator.count_exact) == (5, True)
    api = client.get(API, params).json()
    assert (api["count"], api["count_exact"]) == (5, True)


def test_pages_go_on_up_to_the_cap(users, bearings, settings, monkeypatch):
    settings.SEARCH_COUNT_CAP = 3
    monkeypatch.setattr(ProjectListView, "per_page", 2)
    monkeypatch.setattr(KeysFirstPagination, "page_size", 2)
    client = client_of(users[Role.OFFICER])
    expected = newest_first(bearings)[:3]

    pages = [client.get(LIST, {"q": "轴承", "page": n}).context["table"] for n in (1, 2)]
    assert [row.record.title for table in pages for row in table.page.object_list] == expected
    assert pages[0].paginator.num_pages == 2
    api_pages = [client.get(API, {"q": "轴承", "page": n}) for n in (1, 2, 3)]
    assert [row["title"] for page in api_pages[:2] for row in page.json()["results"]] == expected
    assert api_pages[0].json()["next"] and api_pages[1].json()["next"] is None
    assert api_pages[2].status_code == 404  # past the cap, as past the last page


def test_the_county_counts_its_own_region_only(users, bearings, org_b, settings):
    settings.SEARCH_COUNT_CAP = 6
    pi = make_user(Role.APPLICANT, "xinan-pi", organisation=org_b)
    for n in range(3):
        make_project(pi, org_b, status=State.RECOMMENDED, title=f"新安轴承{n}")
    county = client_of(users[Role.COUNTY])  # 涧西区: org_a's five, not 新安县's three
    page = county.get(LIST, {"q": "轴承"})
    assert (page.context["table"].paginator.count, page.context["table"].paginator.count_exact) == (5, True)
    assert {row.record.title for row in page.context["table"].page.object_list} == {p.title for p in bearings}
    api = county.get(API, {"q": "轴承"}).json()
    assert (api["count"], api["count_exact"]) == (5, True)
    leader = client_of(users[Role.LEADER]).get(API, {"q": "轴承"}).json()
    assert (leader["count"], leader["count_exact"]) == (6, False)


def test_the_schema_documents_the_capped_count(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    page = schema["paths"][API]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/PaginatedProjectList"}
    listed = schema["components"]["schemas"]["PaginatedProjectList"]
    assert listed["properties"]["count_exact"]["type"] == "boolean"
    assert "count_exact" in listed["required"]
    assert "SEARCH_COUNT_CAP" in listed["properties"]["count"]["description"]
