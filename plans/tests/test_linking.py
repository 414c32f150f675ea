"""Issue 11: the review page posted back untouched; automatic linking of targets to sources."""

import pytest
from django.urls import reverse

from core.tests.test_edit_roundtrip import posted_back
from plans import services
from plans.parser import default_seed_path, read_plan_text

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_review_page_posted_back_untouched_is_saved(users):
    plan = services.import_plan(users["admin"], year=2026, text=read_plan_text(default_seed_path()))
    client = client_for(users["officer"])
    url = reverse("plans:plan_review", args=[plan.pk])
    before = list(plan.indicators.values())
    response = client.post(url, posted_back(client.get(url).content.decode()))
    assert response.status_code == 302, [e for e in response.context["formset"].errors if e]
    assert list(plan.indicators.values()) == before
