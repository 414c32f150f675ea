"""The directory API: authentication (401 without credentials, token auth), the same scoping as the
pages, the same filters, and writes validated by the same forms as the edit pages."""

import datetime as dt
import random

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import AuditEntry
from core.testing import PASSWORD, make_organisation, make_person
from directory import demo_data
from directory.models import Organisation, Person

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/organisations/"
PEOPLE = "/api/people/"
REGIONS = "/api/regions/"
DIVISIONS = "/api/divisions/"


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def names(response) -> set[str]:
    return {row["name"] for row in response.json()["results"]}


def new_code(seed: str, region: str = "410305") -> str:
    return demo_data.uscc_for(random.Random(seed), region, "enterprise")


def counts() -> tuple[int, int]:
    return Organisation.objects.count(), AuditEntry.objects.count()


# --- authentication ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [ORGANISATIONS, PEOPLE, REGIONS, DIVISIONS])
def test_no_credentials_is_401_with_challenge(db, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_bad_token_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(ORGANISATIONS).status_code == 401


def test_token_is_issued_for_right_password_only(users):
    client = APIClient()
    refused = client.post(reverse("api_token"), {"username": "t-officer", "password": "wrong-Passw0rd"})
    assert refused.status_code == 400
    issued = client.post(reverse("api_token"), {"username": "t-officer", "password": PASSWORD})
    assert issued.status_code == 200
    assert issued.json()["token"] == Token.objects.get(user=users["officer"]).key


def test_token_authenticates_api_calls(users, org_a):
    token = Token.objects.create(user=users["county"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get(ORGANISATIONS)
    assert response.status_code == 200
    assert names(response) == {org_a.name}


def test_session_login_also_works(users, org_a):
    client = APIClient()
    client.force_login(users["admin"])
    assert client.get(ORGANISATIONS).status_code == 200


# --- who may read -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role, status", [
    ("admin", 200), ("leader", 200), ("officer", 200), ("county", 200), ("org_admin", 200),
    ("supervisor", 200), ("finance", 200), ("applicant", 403), ("expert", 403), ("public", 403),
])
def test_directory_api_readers(users, role, status):
    client = api_as(users[role])
    assert client.get(ORGANISATIONS).status_code == status
    assert client.get(PEOPLE).status_code == status
    # Regions and divisions are public knowledge for every signed-in user.
    assert client.get(REGIONS).status_code == 200
    assert client.get(DIVISIONS).status_code == 200


def test_county_sees_only_its_region(users, org_a, org_b):
    response = api_as(users["county"]).get(ORGANISATIONS)
    assert names(response) == {org_a.name}
    assert api_as(users["county"]).get(f"{ORGANISATIONS}{org_b.pk}/").status_code == 404
    assert api_as(users["county"]).get(f"{ORGANISATIONS}{org_a.pk}/").status_code == 200


def test_org_admin_sees_only_its_organisation_and_people(users, org_a, org_b):
    make_person(org_b, "外单位人")
    client = api_as(users["org_admin"])
    assert names(client.get(ORGANISATIONS)) == {org_a.name}
    assert names(client.get(PEOPLE)) == {"李申报"}


def test_bureau_wide_roles_see_everything(users, org_a, org_b):
    for role in ("admin", "leader", "officer", "supervisor", "finance"):
        assert names(api_as(users[role]).get(ORGANISATIONS)) == {org_a.name, org_b.name}, role


def test_person_api_shows_masked_id_number_only(users, org_a):
    person = Person(name="身份证人", organisation=org_a)
    number = demo_data.resident_id_for(random.Random("api"), "410305", dt.date(1970, 1, 1), "M")
    person.set_id_number(number)
    person.save()
    response = api_as(users["admin"]).get(f"{PEOPLE}{person.pk}/")
    assert response.json()["id_number"] == person.id_number_masked
    assert number not in response.content.decode()


# --- filters: the list page's FilterSet --------------------------------------------------------------


def test_filters_kind_region_and_search(users, org_a, org_b):
    university = make_organisation("410323", kind="university", name="洛阳轴承研究大学")
    client = api_as(users["officer"])
    assert names(client.get(ORGANISATIONS, {"kind": "university"})) == {university.name}
    assert names(client.get(ORGANISATIONS, {"region": "410305"})) == {org_a.name}
    assert names(client.get(ORGANISATIONS, {"region": "410300"})) == {org_a.name, org_b.name, university.name}
    assert names(client.get(ORGANISATIONS, {"q": "轴承"})) == {university.name}
    assert names(client.get(ORGANISATIONS, {"credit_code": org_b.credit_code.lower()})) == {org_b.name}
    assert names(client.get(PEOPLE, {"region": "410323"})) == set()
    assert names(client.get(PEOPLE, {"organisation": org_a.pk})) == {"李申报"}


def test_region_filters(users):
    client = api_as(users["public"])
    codes = {row["code"] for row in client.get(REGIONS, {"q": "孟津"}).json()["results"]}
    assert codes == {"410322", "410308"}  # 孟津县 (until 2021) and 孟津区
    current = {row["code"] for row in client.get(REGIONS, {"current": "true", "q": "孟津"}).json()["results"]}
    assert current == {"410308"}


def test_unknown_region_matches_nothing_rather_than_everything(users, org_a):
    response = api_as(users["officer"]).get(ORGANISATIONS, {"region": "999999"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


# --- writes go through the form and the service ------------------------------------------------------


def organisation_payload(**fields) -> dict:
    return {"name": "接口新建科技有限公司", "credit_code": new_code("api"), "kind": "enterprise",
            "region": "410305", **fields}


def test_officer_creates_organisation_and_it_is_audited(users):
    payload = organisation_payload()
    response = api_as(users["officer"]).post(ORGANISATIONS, payload, format="json")
    assert response.status_code == 201
    assert response.json()["credit_code"] == payload["credit_code"]
    assert response.json()["region"] == "410305"
    organisation = Organisation.objects.get(credit_code=payload["credit_code"])
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.user_id, entry.object_id) == ("create", users["officer"].pk, str(organisation.pk))


VALID_CODE = new_code("bad-input")


@pytest.mark.parametrize("code, fragment", [
    (VALID_CODE[:17] + ("1" if VALID_CODE[17] != "1" else "2"), "校验码（第18位）"),
    (VALID_CODE[:10] + "I" + VALID_CODE[11:], "发现：I"),
    (VALID_CODE[:17], "18位"),
])
def test_invalid_credit_code_is_400_and_writes_nothing(users, code, fragment):
    before = counts()
    response = api_as(users["officer"]).post(ORGANISATIONS, organisation_payload(credit_code=code), format="json")
    assert response.status_code == 400
    assert fragment in str(response.json()["credit_code"])
    assert counts() == before


def test_duplicate_credit_code_is_400_and_writes_nothing(users, org_b):
    before = counts()
    payload = organisation_payload(credit_code=org_b.credit_code)
    response = api_as(users["officer"]).post(ORGANISATIONS, payload, format="json")
    assert response.status_code == 400
    assert "已被" in str(response.json()["credit_code"])
    assert counts() == before


def test_county_cannot_create_outside_its_region(users):
    before = counts()
    response = api_as(users["county"]).post(ORGANISATIONS, organisation_payload(region="410323"), format="json")
    assert response.status_code == 400
    assert "region" in response.json()
    assert counts() == before


@pytest.mark.parametrize("role", ["leader", "supervisor", "finance", "org_admin", "applicant", "public"])
def test_roles_without_add_permission_get_403(users, role):
    before = counts()
    response = api_as(users[role]).post(ORGANISATIONS, organisation_payload(), format="json")
    assert response.status_code == 403
    assert counts() == before


def test_anonymous_write_is_401(db):
    assert APIClient().post(ORGANISATIONS, organisation_payload(), format="json").status_code == 401


def test_put_updates_through_the_form(users, org_a):
    payload = organisation_payload(name="洛阳测试甲机械股份有限公司", credit_code=org_a.credit_code)
    response = api_as(users["org_admin"]).put(f"{ORGANISATIONS}{org_a.pk}/", payload, format="json")
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.name == "洛阳测试甲机械股份有限公司"
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.after["name"], entry.before["name"]) == ("update", org_a.name, "洛阳测试甲机械有限公司")


def test_patch_changes_only_the_given_field(users, org_a):
    response = api_as(users["officer"]).patch(f"{ORGANISATIONS}{org_a.pk}/", {"industry": "轴承"}, format="json")
    assert response.status_code == 200, response.json()
    org_a.refresh_from_db()
    assert (org_a.industry, org_a.region.code, org_a.name) == ("轴承", "410305", "洛阳测试甲机械有限公司")


def test_patch_with_bad_credit_code_changes_nothing(users, org_a):
    original = org_a.credit_code
    before = counts()
    response = api_as(users["officer"]).patch(f"{ORGANISATIONS}{org_a.pk}/", {"credit_code": "123"}, format="json")
    assert response.status_code == 400
    org_a.refresh_from_db()
    assert org_a.credit_code == original
    assert counts() == before


def test_update_out_of_scope_is_404_and_not_allowed_is_403(users, org_a, org_b):
    payload = organisation_payload(credit_code=org_b.credit_code, region="410323")
    assert api_as(users["county"]).put(f"{ORGANISATIONS}{org_b.pk}/", payload, format="json").status_code == 404
    assert api_as(users["leader"]).put(f"{ORGANISATIONS}{org_b.pk}/", payload, format="json").status_code == 403
    org_b.refresh_from_db()
    assert org_b.name == "新安测试乙材料有限公司"


def test_delete_only_admin(users, org_b):
    assert api_as(users["officer"]).delete(f"{ORGANISATIONS}{org_b.pk}/").status_code == 403
    assert Organisation.objects.filter(pk=org_b.pk).exists()
    assert api_as(users["admin"]).delete(f"{ORGANISATIONS}{org_b.pk}/").status_code == 204
    assert not Organisation.objects.filter(pk=org_b.pk).exists()
    assert AuditEntry.objects.order_by("-id").first().action == "delete"


def test_delete_organisation_with_people_is_400(users, org_a):
    response = api_as(users["admin"]).delete(f"{ORGANISATIONS}{org_a.pk}/")
    assert response.status_code == 400
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_person_created_through_api_with_bad_id_number_is_400(users, org_a):
    before = Person.objects.count(), AuditEntry.objects.count()
    payload = {"name": "接口人", "organisation": org_a.credit_code, "id_number": "410305199902300013"}
    response = api_as(users["org_admin"]).post(PEOPLE, payload, format="json")
    assert response.status_code == 400
    assert "id_number" in response.json()
    assert (Person.objects.count(), AuditEntry.objects.count()) == before


def test_person_created_through_api(users, org_a):
    payload = {"name": "接口人", "organisation": org_a.credit_code, "title": "高级工程师"}
    response = api_as(users["org_admin"]).post(PEOPLE, payload, format="json")
    assert response.status_code == 201
    assert response.json()["organisation"] == org_a.credit_code
    assert Person.objects.filter(name="接口人", organisation=org_a).exists()


def test_schema_and_docs_are_served(users):
    client = api_as(users["officer"])
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("role", ["county", "org_admin"])
def test_person_cannot_be_added_to_an_organisation_out_of_scope(users, org_b, role):
    before = Person.objects.count(), AuditEntry.objects.count()
    response = api_as(users[role]).post(PEOPLE, {"name": "越界人", "organisation": org_b.credit_code}, format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert (Person.objects.count(), AuditEntry.objects.count()) == before
