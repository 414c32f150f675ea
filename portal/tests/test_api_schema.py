"""The public API in the OpenAPI schema (so the API fuzz reaches it): one page schema per list, whose
rows are exactly the list's declared columns, public (no 401/403), with the cursor parameters."""

import pytest
from django.test import Client
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from portal import lists
from projects.models import Project
from projects.tests.helpers import make_project
from projects.workflow import State

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)["paths"]


@pytest.mark.parametrize("spec", lists.LISTS, ids=lambda spec: spec.slug)
def test_every_public_list_is_documented_as_public(paths, spec):
    operation = paths[f"/api/public/{spec.slug}/"]["get"]

    assert operation["security"] == [{}]
    assert not {"401", "403"} & set(operation["responses"])
    names = {p["name"] for p in operation["parameters"]}
    assert {"after", "before"} <= names
    assert ("year" in names) == bool(spec.year_field) and ("program" in names) == bool(spec.program_field)
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert page["required"] == ["next", "previous", "licence", "results"]
    assert page["properties"]["results"]["items"]["required"] == [col.key for col in spec.columns]


def test_a_page_has_exactly_the_documented_fields(paths, users, org_a):
    made = [make_project(users["applicant"], org_a, status=State.APPROVED, year=2008) for _ in range(2)]
    Project.objects.filter(pk__in=[p.pk for p in made]).update(approved_at=timezone.now())
    page = paths["/api/public/projects/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]

    body = Client().get("/api/public/projects/").json()

    assert list(body) == page["required"] and body["licence"] == str(lists.LICENCE)
    row_keys = page["properties"]["results"]["items"]["required"]
    assert len(body["results"]) == 2
    for row in body["results"]:
        assert list(row) == row_keys
        assert all(value is None or isinstance(value, str | int | float) for value in row.values())


@pytest.mark.parametrize("year", ["²", "99999999999999999999", "-1", "20a8"])
def test_a_year_that_is_not_a_year_is_ignored(users, org_a, year):
    project = make_project(users["applicant"], org_a, status=State.APPROVED, year=2008)
    Project.objects.filter(pk=project.pk).update(approved_at=timezone.now())

    response = Client().get("/api/public/projects/", {"year": year})

    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [project.number]


@pytest.mark.parametrize("program", ["\x00", "gong\x00guan", "<script>alert(1)</script>", "x" * 41, "科技攻关"])
def test_a_program_that_is_not_a_code_is_ignored(users, org_a, program):
    # A NUL byte reached PostgreSQL and was a 500 there (found by the API fuzz).
    project = make_project(users["applicant"], org_a, status=State.APPROVED, year=2008)
    Project.objects.filter(pk=project.pk).update(approved_at=timezone.now())

    for url in ("/api/public/projects/", "/public/results/projects/"):
        response = Client().get(url, {"program": program})
        assert response.status_code == 200
    assert [row["number"] for row in Client().get("/api/public/projects/", {"program": program}).json()["results"]] == [
        project.number
    ]
