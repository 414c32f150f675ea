"""An app's bare prefix (/rural/) opens its main list instead of answering 404."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PREFIXES = {
    "/registries/": "registries:platform_list", "/ip/": "ip:patent_list", "/reviews/": "reviews:invitation_list",
    "/rural/": "rural:commissioner_list", "/talent/": "talent:talent_list", "/agencies/": "agencies:agency_list",
    "/outreach/": "outreach:event_list", "/achievements/": "achievements:achievement_list",
    "/credit/": "credit:event_list", "/directory/": "directory:organisation_list",
    "/instruments/": "instruments:instrument_list",
}


def test_each_prefix_opens_its_main_list(users):
    client = Client()
    client.force_login(users["officer"])
    for prefix, list_name in PREFIXES.items():
        response = client.get(prefix)
        assert (response.status_code, response.url) == (302, reverse(list_name)), prefix
        assert client.get(response.url).status_code == 200, prefix


def test_anonymous_still_goes_to_the_login_page():
    response = Client().get("/rural/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
