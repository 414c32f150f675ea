"""Indicator sources computed from records, and the demo data that feeds the 2008 dashboard."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from core.testing import make_organisation
from plans import sources
from registries import demo
from registries.models import EnterpriseReport, HighTechEnterprise, HighTechProduct, IncubatorReport, Platform

from .conftest import make_platform

pytestmark = pytest.mark.django_db
D = dt.date
END = D(2008, 12, 31)


def value(key, as_of=END, year=2008):
    return sources.get(key).value(year, as_of)


def test_recognised_platform_counts(org_a):
    make_platform(org_a, "key_lab", "recognised", D(2008, 5, 1), level="city")
    make_platform(org_a, "key_lab", "recognised", D(2008, 9, 1), level="city")
    make_platform(org_a, "key_lab", "recognised", D(2008, 5, 1), level="provincial")
    make_platform(org_a, "key_lab", "recognised", D(2007, 5, 1), level="city")
    make_platform(org_a, "key_lab", "building", level="city")
    revoked = make_platform(org_a, "enterprise_rd_centre", "revoked", D(2008, 2, 1), revoked_on=D(2008, 3, 1))
    make_platform(org_a, "enterprise_rd_institution", "recognised", D(2008, 2, 1))
    make_platform(org_a, "postdoc_station", "recognised", D(2008, 2, 1))
    assert value("registries.municipal_key_labs_completed") == 2
    assert value("registries.municipal_key_labs_completed", D(2008, 6, 30)) == 1
    assert value("registries.new_enterprise_rd_institutions") == 1
    assert value("registries.new_enterprise_rd_institutions", D(2008, 2, 15)) == 2  # revoked later
    assert value("registries.postdoc_stations") == 1
    assert revoked not in sources.get("registries.new_enterprise_rd_institutions").records(2008, END)


def test_high_tech_counts(org_a):
    HighTechEnterprise.objects.create(
        organisation=org_a, field="new_energy", status="certified", certificate_no="A", certified_on=D(2008, 3, 1)
    )
    HighTechEnterprise.objects.create(
        organisation=org_a, field="new_energy", status="expired", certificate_no="B", certified_on=D(2005, 3, 1)
    )
    HighTechEnterprise.objects.create(organisation=org_a, field="new_energy")  # cultivation pool
    HighTechProduct.objects.create(organisation=org_a, name="p1", field="new_energy", recognised_on=D(2008, 8, 1))
    assert value("registries.high_tech_enterprises") == 1
    assert value("registries.high_tech_products") == 1
    assert value("registries.high_tech_products", D(2008, 7, 1)) == 0


def test_incubation_area_and_tenants_use_each_incubators_latest_report(org_a, org_b):
    one = make_platform(org_a, "incubator", "recognised", D(2005, 1, 1))
    two = make_platform(org_b, "incubator", "recognised", D(2005, 1, 1))
    gone = make_platform(org_b, "incubator", "revoked", D(2005, 1, 1))
    for platform, area, tenants in ((one, 70000, 170), (two, 60000, 148), (gone, 5000, 9)):
        IncubatorReport.objects.create(platform=platform, period_end=D(2007, 12, 31), area_m2=area, tenants=tenants)
    IncubatorReport.objects.create(platform=one, period_end=D(2008, 6, 30), area_m2=100000, tenants=200)
    assert value("registries.incubation_area", D(2008, 1, 31)) == Decimal("13.00")  # 万 m²
    assert value("registries.incubator_tenants", D(2008, 1, 31)) == 318
    assert value("registries.incubation_area") == Decimal("16.00")
    assert value("registries.incubator_tenants") == 348
    # read with the other aggregates in the dashboard's batch, they give what each gives alone
    keys, days = ("registries.incubation_area", "registries.incubator_tenants"), (D(2008, 1, 31), END)
    wanted = [(key, 2008, day) for key in keys for day in days]
    assert sources.values(wanted) == {(k, y, d): sources.get(k).value(y, d) for k, y, d in wanted}
    assert sources.get("registries.incubation_area").records(2008, END).count() == 2


def test_revenue_and_output_from_cumulative_figures(org_a):
    institute = make_organisation("410305", kind="institute", former_ministry_institute=True)
    EnterpriseReport.objects.create(organisation=institute, year=2008, month=3, total_revenue=Decimal("2e9"))
    EnterpriseReport.objects.create(organisation=institute, year=2008, month=6, total_revenue=Decimal("5e9"))
    EnterpriseReport.objects.create(
        organisation=org_a,
        year=2008,
        month=6,
        total_revenue=Decimal("9e9"),
        high_tech_output=Decimal("3e9"),
        high_tech_added_value=Decimal("1e9"),
    )
    assert value("registries.institutes_revenue", D(2008, 5, 1)) == Decimal("20.00")  # 亿元, March figure
    assert value("registries.institutes_revenue") == Decimal("50.00")
    assert value("registries.high_tech_output") == Decimal("30.00")
    assert value("registries.high_tech_added_value") == Decimal("10.00")
    assert value("registries.institutes_revenue", D(2007, 12, 31)) == 0


def test_zone_industrial_output_sums_the_zones_latest_figures_in_yi(db):
    in_zone, outside = make_organisation("410371"), make_organisation("410305")
    for month, output in ((3, "1.2e10"), (6, "2.6e10")):
        EnterpriseReport.objects.create(organisation=in_zone, year=2008, month=month, industrial_output=Decimal(output))
    EnterpriseReport.objects.create(organisation=in_zone, year=2007, month=12, industrial_output=Decimal("4.5e10"))
    EnterpriseReport.objects.create(organisation=outside, year=2008, month=6, industrial_output=Decimal("9e10"))
    source = sources.get("registries.zone_industrial_output")
    assert source.unit == "亿元"
    assert value("registries.zone_industrial_output", D(2008, 5, 31)) == Decimal("120.00")  # the March figure
    assert value("registries.zone_industrial_output") == Decimal("260.00")  # June, not March + June
    assert value("registries.zone_industrial_output", year=2007, as_of=D(2007, 12, 31)) == Decimal("450.00")
    assert list(source.records(2008, END).values_list("month", flat=True)) == [6]


def test_demo_tells_the_2008_story(db):
    for code in ("410305", "410311", "410323"):
        for kind in ("enterprise", "enterprise", "institute", "university", "intermediary"):
            make_organisation(code, kind=kind)
    make_organisation("410305", kind="institute", former_ministry_institute=True)
    summary = demo.seed("small", random.Random(3))
    assert "platforms" in summary
    july, year_end = D(2008, 7, 1), demo.DEMO_DAY
    assert value("registries.incubation_area", D(2008, 1, 31)) == Decimal("13.00")
    assert value("registries.incubator_tenants", D(2008, 1, 31)) == 318
    assert value("registries.incubator_tenants", july) == 357
    assert value("registries.incubator_tenants", year_end) == 389
    assert value("registries.incubation_area", year_end) == Decimal("18.10")
    assert value("registries.municipal_key_labs_completed", year_end) == 5
    # as many of the 41 as this small directory has enterprises, spread over the year
    certified = value("registries.high_tech_enterprises", year_end)
    assert 0 < certified <= demo.NEW_2008["high_tech_enterprises"]
    assert value("registries.high_tech_enterprises", july) <= certified
    assert Platform.objects.filter(kind="key_lab", level="city").count() == 16
    assert value("registries.institutes_revenue", year_end) > value("registries.institutes_revenue", july) > 0
    assert Platform.objects.flagged(2007).exists()
    for key in [s.key for s in sources.all_sources() if s.app == "registries"]:
        assert sources.get(key).records(2008, year_end) is not None
