"""IP advantage units and population figures: roles on pages and API, bad input, import."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from core import services as core_services
from core.models import Level
from core.testing import assert_statuses
from ip import services, views
from ip.forms import IPAdvantageForm, RegionPopulationForm
from ip.models import IPAdvantage, RegionPopulation
from registries.tests.roles import expect

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(org_a, org_b):
    own = IPAdvantage.objects.create(kind="enterprise", region=org_a.region, organisation=org_a)
    other = IPAdvantage.objects.create(kind="enterprise", region=org_b.region, organisation=org_b)
    return own, other


def test_advantage_pages_by_role(users, units):
    own, other = units
    read = expect(200, expert=403, public=403)
    assert_statuses(users, reverse("ip:advantage_list"), read)
    assert_statuses(users, reverse("ip:advantage_detail", args=[own.pk]), read)
    assert_statuses(
        users,
        reverse("ip:advantage_detail", args=[other.pk]),
        expect(200, county=404, org_admin=404, applicant=404, expert=403, public=403),
    )
    officers = {"admin": 200, "officer": 200}
    assert_statuses(users, reverse("ip:advantage_add"), expect(403, **officers))
    assert_statuses(users, reverse("ip:advantage_edit", args=[own.pk]), expect(403, **officers))
    assert_statuses(
        users,
        reverse("ip:advantage_edit", args=[other.pk]),
        expect(403, **officers, county=404, org_admin=404, applicant=404),
    )
    assert_statuses(users, reverse("ip:advantage_import"), expect(403, **officers))
    assert_statuses(users, reverse("ip:population_list"), read)
    assert_statuses(users, reverse("ip:population_add"), expect(403, **officers))
    assert_statuses(users, "/api/ip/advantages/", {**read, "anonymous": 401})
    assert_statuses(users, f"/api/ip/advantages/{other.pk}/", {"officer": 200, "county": 404, "org_admin": 404})


def test_advantage_rules(users, org_a):
    base = {
        "kind": "知识产权优势企业",
        "level": "市级",
        "region": "410305",
        "organisation": org_a.credit_code,
        "status": "已认定",
        "recognised_on": "2008-05-01",
    }
    form = IPAdvantageForm(data=base)
    assert form.is_valid(), form.errors
    unit = services.save_advantage(users["officer"], form)
    assert unit.status == "recognised"
    for overrides, field in [
        ({"organisation": ""}, "organisation"),
        ({"recognised_on": ""}, "recognised_on"),
        ({"recognised_on": f"{timezone.localdate().year + 1}-01-01"}, "recognised_on"),
        ({"region": "999999"}, "region"),
    ]:
        bad = IPAdvantageForm(data={**base, **overrides})
        assert not bad.is_valid() and field in bad.errors, (overrides, bad.errors)
    assert IPAdvantage.objects.count() == 1


def test_population_rules_and_import(users):
    form = RegionPopulationForm(data={"region": "410305", "year": 2008, "population": 400000})
    assert form.is_valid()
    services.save_population(users["officer"], form)
    duplicate = RegionPopulationForm(data={"region": "410305", "year": 2008, "population": 1})
    assert not duplicate.is_valid()
    for data in (
        {"region": "410305", "year": 1800, "population": 5},
        {"region": "410305", "year": 2007, "population": 0},
    ):
        assert not RegionPopulationForm(data=data).is_valid()
    workbook = Workbook()
    workbook.active.append([str(c.header) for c in views.POPULATION.columns])
    workbook.active.append(["410323", 2008, 480000])
    workbook.active.append(["410324", "二〇〇八", 330000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("ip:population_import"), {"file": SimpleUploadedFile("p.xlsx", buffer.getvalue())})
    assert response.status_code == 400 and "第 3 行" in response.content.decode()
    assert RegionPopulation.objects.count() == 1
    assert_statuses(users, reverse("ip:population_import"), {"officer": 200, "org_admin": 403, "county": 403})


def test_advantage_and_population_rules_hold_without_the_form(users, org_a):
    # Issue 10: the rules live in the models' clean(), so a write that skips the form is refused too.
    future = timezone.localdate() + dt.timedelta(days=1)
    unit = IPAdvantage(
        kind=IPAdvantage.Kind.ENTERPRISE,
        level=Level.CITY,
        region=org_a.region,
        organisation=org_a,
        status=IPAdvantage.Status.RECOGNISED,
        recognised_on=future,
    )
    with pytest.raises(ValidationError) as refused:
        core_services.create(users["officer"], unit)
    assert [e.code for e in refused.value.error_dict["recognised_on"]] == ["future"]
    population = RegionPopulation(region=org_a.region, year=future.year + 1, population=5)
    with pytest.raises(ValidationError) as refused:
        core_services.create(users["officer"], population)
    assert [e.code for e in refused.value.error_dict["year"]] == ["year"]
    assert not IPAdvantage.objects.exists() and not RegionPopulation.objects.exists()
