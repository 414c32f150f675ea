"""An expert's own page names nobody else (issue 9, finding 12: every person and organisation sat
in its select lists); a conflict is declared by typing a name or credit code."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import make_organisation, make_person
from reviews.models import DeclaredConflict

from .helpers import make_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(users):
    return make_expert(make_organisation("410311", name="河南科技大学"), "评审甲", user=users["expert"])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_expert_page_lists_no_other_people_or_organisations(mine, users, org_a, org_b):
    stranger = make_person(org_b, "路人乙")
    page = _client(users["expert"]).get(mine.get_absolute_url()).content.decode()
    assert org_b.name not in page and stranger.name not in page and org_a.name not in page
    selects = re.findall(r'<select[^>]*name="([^"]+)"', page)
    assert "organisation" not in selects and "person" not in selects
    assert 'name="organisation"' in page and 'name="person"' in page


def _declare(client, mine, **data):
    return client.post(reverse("reviews:expert_declare", args=[mine.pk]), {"kind": "conflict", **data})


def test_conflict_declared_by_name_credit_code_or_person(mine, users, org_b):
    client = _client(users["expert"])
    _declare(client, mine, relation="employment", organisation=org_b.credit_code)
    relative = make_person(org_b, "王小明")
    _declare(client, mine, relation="relative", person="王小明")
    assert {(d.organisation, d.person) for d in DeclaredConflict.objects.all()} == {(org_b, None), (None, relative)}


def test_unknown_or_ambiguous_names_are_refused_and_nothing_written(mine, users, org_a, org_b):
    make_person(org_a, "李雷")
    namesake = make_person(org_b, "李雷")
    client = _client(users["expert"])
    for data in ({"organisation": "不存在的公司"}, {"person": "查无此人"}, {"person": "李雷"}):
        response = _declare(client, mine, relation="other", **data)
        assert response.status_code == 302
    assert not DeclaredConflict.objects.exists()
    _declare(client, mine, relation="other", person="李雷", organisation=org_b.name)
    assert DeclaredConflict.objects.get().person == namesake
