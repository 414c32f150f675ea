"""A record's detail page: a field left blank reads "—", as in every list."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _shown(page: str, label: str) -> str:
    return re.search(rf"<dt[^>]*>{label}</dt><dd[^>]*>(.*?)</dd>", page).group(1)


def test_a_blank_field_reads_as_a_dash(users, org_a):
    org_a.address, org_a.industry = "", "装备制造"
    org_a.save()
    client = Client()
    client.force_login(users["officer"])
    page = client.get(org_a.get_absolute_url()).content.decode()
    assert _shown(page, "地址") == "—" and _shown(page, "所属行业") == "装备制造"
