"""Issue 10, validate once: the registers' rules live in the models' clean(), so the page, the API
and any write that skips the form (core.services) refuse the same input with the same message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import Client
from django.utils import timezone

from core import services as core_services
from core.models import AuditEntry
from core.testing import make_organisation
from registries import models as m
from registries.models import Platform

pytestmark = pytest.mark.django_db
FIELD = "new_materials"


def refused_codes(actor, record, field: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        core_services.create(actor, record)
    return [e.code for e in refused.value.error_dict[field]]


def test_future_dates_and_years_refused_without_the_form(users, org_a, incubator_a):
    officer = users["officer"]
    future = timezone.localdate() + dt.timedelta(days=40)
    records = [
        (Platform(name="新平台", kind=Platform.Kind.KEY_LAB, host=org_a, approved_on=future), "approved_on"),
        (m.IncubatorReport(platform=incubator_a, period_end=future, area_m2=Decimal(1), tenants=1), "period_end"),
        (m.HighTechEnterprise(organisation=org_a, field=FIELD, certified_on=future), "certified_on"),
        (m.HighTechProduct(organisation=org_a, name="产品", field=FIELD, recognised_on=future), "recognised_on"),
        (m.Alliance(name="联盟", lead=org_a, founded_on=future), "founded_on"),
        (m.EnterpriseReport(organisation=org_a, year=future.year + 1, month=1), "year"),
        (m.PlatformAnnualReport(platform=incubator_a, year=future.year + 1), "year"),
    ]
    audits = AuditEntry.objects.count()
    for record, field in records:
        assert "future" in refused_codes(officer, record, field), (type(record).__name__, field)
    assert AuditEntry.objects.count() == audits


def test_enterprise_rules_refused_without_the_form(users, org_a, org_b, platform_a):
    officer = users["officer"]
    this_month = timezone.localdate()
    open_period = m.EnterpriseReport(organisation=org_a, year=this_month.year, month=12)
    if this_month.month < 12:
        assert refused_codes(officer, open_period, "month") == ["future"]
    deduction = m.EnterpriseReport(
        organisation=org_a, year=2008, month=6, rd_investment=Decimal(5), super_deduction=Decimal(6)
    )
    assert refused_codes(officer, deduction, "super_deduction") == ["over_rd"]
    university = make_organisation(kind="university")
    certified = m.HighTechEnterprise(organisation=university, field=FIELD)
    assert refused_codes(officer, certified, "organisation") == ["kind"]
    cultivating = m.PlatformAnnualReport(platform=platform_a, year=2008)
    assert refused_codes(officer, cultivating, NON_FIELD_ERRORS) == ["not_reporting"]
    assert not m.EnterpriseReport.objects.exists() and not m.PlatformAnnualReport.objects.exists()


def test_api_shows_the_models_rule_beside_its_field(users, org_a):
    client = Client()
    client.force_login(users["officer"])
    data = {"organisation": org_a.credit_code, "year": 2008, "month": 6, "rd_investment": 5, "super_deduction": 6}
    response = client.post("/api/registries/enterprise-figures/", data)
    assert response.status_code == 400 and "super_deduction" in response.json(), response.content
    future = {"name": "新联盟", "lead": org_a.credit_code, "founded_on": f"{timezone.localdate().year + 1}-01-01"}
    response = client.post("/api/registries/alliances/", future)
    assert response.status_code == 400 and "founded_on" in response.json(), response.content
    assert not m.EnterpriseReport.objects.exists() and not m.Alliance.objects.exists()
