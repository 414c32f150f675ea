"""Issue 9, the API and input side: bad input is a clear 400 (or a form error on the page) with
nothing written, a record still referred to is a 409 / a message naming what refers to it, and the
OpenAPI schema describes what the endpoints really take."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from core.exceptions import exception_handler
from core.models import AuditEntry
from directory.models import Organisation, Person
from ip.tests.conftest import make_patent
from projects.tests.helpers import make_call, make_project
from projects.workflow import State
from registries.tests.conftest import make_platform

pytestmark = pytest.mark.django_db
HUGE = "10273173269833854976"  # above 2^63: SQLite's INTEGER overflows on it


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def applicant_person(org_a) -> Person:
    person = Person.objects.create(name="王发明", organisation=org_a)
    make_patent(person=person)
    return person


# --- one exception handler -------------------------------------------------------------


def test_handler_turns_django_errors_into_400_403_and_409(org_a):
    assert exception_handler(ValidationError({"name": ["太长。"]}), {}).data == {"name": ["太长。"]}
    assert exception_handler(ValidationError("不行。"), {}).status_code == 400
    assert exception_handler(PermissionDenied("无权。"), {}).status_code == 403
    conflict = exception_handler(ProtectedError("fk", {org_a}), {})
    assert conflict.status_code == 409
    assert "单位 ×1" in conflict.data["detail"]


def test_api_delete_of_a_patent_applicant_is_409_naming_the_patent(users, applicant_person):
    audits = AuditEntry.objects.count()
    response = api_as(users["admin"]).delete(f"/api/people/{applicant_person.pk}/")
    assert response.status_code == 409, response.content
    assert "专利 ×1" in response.json()["detail"]
    assert "ip_patent" not in response.json()["detail"]  # no table or constraint names
    assert Person.objects.filter(pk=applicant_person.pk).exists()
    assert AuditEntry.objects.count() == audits


def test_page_delete_of_a_patent_applicant_explains_instead_of_500(users, applicant_person):
    audits = AuditEntry.objects.count()
    response = web_as(users["admin"]).post(f"/directory/people/{applicant_person.pk}/delete/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "仍有其他记录引用它，不能删除（专利 ×1）" in page
    assert "cannot be deleted" in page
    assert Person.objects.filter(pk=applicant_person.pk).exists()
    assert AuditEntry.objects.count() == audits


# --- filters validate their input ----------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/api/registries/platforms/?recognised_year=0",
    "/api/registries/platforms/?recognised_year=abc",
    "/api/registries/platforms/?flagged_for=99999",
    "/api/registries/high-tech-enterprises/?certified_year=99999999999",
    f"/api/projects/?applicant_org={HUGE}",
    "/api/projects/?year=-1",
    f"/api/people/?organisation={HUGE}",
    f"/api/registries/platforms/?host={HUGE}",
])
def test_api_filter_out_of_range_is_400(users, url):
    response = api_as(users["admin"]).get(url)
    assert response.status_code == 400, response.content
    assert response.json()  # names the field


@pytest.mark.parametrize("url", [
    "/registries/platform/?recognised_year=0",
    "/registries/hightech/?certified_year=99999999999",
    f"/directory/people/?organisation={HUGE}",
    f"/projects/?applicant_org={HUGE}",
])
def test_page_filter_out_of_range_shows_the_error_and_an_empty_list(users, org_a, url):
    make_platform(org_a)
    Person.objects.create(name="李四", organisation=org_a)
    response = web_as(users["admin"]).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page
    assert response.context["table"].paginator.count == 0


def test_year_filter_in_range_still_filters(users, org_a):
    platform = make_platform(org_a)
    year = platform.recognised_on.year if platform.recognised_on else 2008
    response = api_as(users["admin"]).get(f"/api/registries/platforms/?recognised_year={year}")
    assert response.status_code == 200
    assert response.json()["count"] == (1 if platform.recognised_on else 0)


@pytest.mark.parametrize("value", ["abc", "0", "99999999999"])
def test_analytics_year_is_parsed_by_a_form(users, value):
    response = web_as(users["officer"]).get(f"/projects/analytics/?year={value}")
    assert response.status_code == 200
    assert 'id="year-error"' in response.content.decode()


# --- JSON types --------------------------------------------------------------------------


def test_object_where_a_name_belongs_is_400_and_nothing_stored(users, org_a):
    response = api_as(users["admin"]).patch(f"/api/organisations/{org_a.pk}/", {"name": {"a": 1}}, format="json")
    assert response.status_code == 400, response.content
    assert "name" in response.json()
    org_a.refresh_from_db()
    assert org_a.name != "{'a': 1}"
    assert Organisation.objects.filter(name__contains="{").count() == 0


@pytest.mark.parametrize("body", [{"opens_at": ["x"]}, {"year": {"y": 1}}, {"default_quota": True}, {"title": [1]}])
def test_wrong_json_type_on_a_call_is_400(users, body):
    call = make_call()
    before = (call.opens_at, call.year, call.default_quota, call.title)
    response = api_as(users["admin"]).patch(f"/api/calls/{call.pk}/", body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) == set(body)
    call.refresh_from_db()
    assert (call.opens_at, call.year, call.default_quota, call.title) == before


def test_body_that_is_not_an_object_is_400(users):
    call = make_call()
    response = api_as(users["admin"]).patch(f"/api/calls/{call.pk}/", [1, 2], format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("body", [{"comment": {"x": 1}}, {"proposed_funding": [1]}, {"notice_end": 5}])
def test_action_body_with_wrong_types_is_400_and_nothing_moves(users, org_a, body):
    project = make_project(users["applicant"], org_a, status=State.EXPERT_REVIEW)
    audits = AuditEntry.objects.count()
    response = api_as(users["admin"]).post(f"/api/projects/{project.pk}/actions/propose/", body,
                                           format="json")
    assert response.status_code == 400, response.content
    project.refresh_from_db()
    assert project.status == State.EXPERT_REVIEW
    assert AuditEntry.objects.count() == audits


# --- the schema tells the truth, for signed-in users only -----------------------------------------


def test_schema_and_docs_need_a_signed_in_user(users):
    assert APIClient().get("/api/schema/").status_code in (401, 403)
    assert APIClient().get("/api/docs/").status_code in (401, 403)
    assert api_as(users["public"]).get("/api/schema/").status_code == 200


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_project_action_names_are_an_enum_and_the_body_is_the_action_input(schema):
    operation = schema["paths"]["/api/projects/{id}/actions/{name}/"]["post"]
    name = next(p for p in operation["parameters"] if p["name"] == "name")
    assert {"submit", "approve", "terminate"} <= set(name["schema"]["enum"])
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/ProjectAction")
    assert set(schema["components"]["schemas"]["ProjectAction"]["properties"]) == {
        "comment", "proposed_funding", "approved_funding", "notice_end", "at_fault"}
    assert "`approve`" in operation["description"]


def test_registry_action_endpoint_lists_its_actions(schema):
    do_paths = [path for path in schema["paths"] if path.endswith("/do/{name}/")]
    assert do_paths
    for path in do_paths:
        operation = schema["paths"][path]["post"]
        name = next(p for p in operation["parameters"] if p["name"] == "name")
        assert name["schema"]["enum"], path
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Comment")


def test_writes_are_described_by_the_edit_form(schema):
    operation = schema["paths"]["/api/organisations/{id}/"]["patch"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    props = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert props["name"]["type"] == "string"
    assert "credit_code" in props and "search_text" not in props
    call = schema["components"]["schemas"]["CallWrite"]["properties"]
    assert call["opens_at"]["format"] == "date-time"


def test_filter_bounds_are_in_the_schema(schema):
    params = schema["paths"]["/api/registries/platforms/"]["get"]["parameters"]
    year = next(p for p in params if p["name"] == "recognised_year")["schema"]
    assert (year.get("minimum"), year.get("maximum")) == (1949, 2100)
