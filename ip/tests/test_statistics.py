"""The ORM statistics agree with the pure definitions; indicator sources; the demo data."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db.models import F

from core.testing import make_organisation
from ip import demo, patent_numbers, queries, stats
from ip.models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication
from plans import sources

from .conftest import make_patent

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def spread(org_a, org_b):
    """Patents around the 2008 year boundaries, in two counties."""
    make_patent(org_a, filing=D(2007, 12, 31), grant=D(2008, 6, 1))
    make_patent(org_a, filing=D(2008, 1, 1))
    make_patent(org_a, filing=D(2008, 12, 31))
    make_patent(org_b, kind_digit="2", filing=D(2008, 3, 1), grant=D(2008, 9, 1))
    make_patent(org_b, filing=D(2005, 1, 1), grant=D(2006, 1, 1), lapse=D(2008, 12, 31))
    make_patent(org_a, filing=D(2005, 1, 1), grant=D(2006, 1, 1), lapse=D(2009, 1, 1))
    make_patent(org_a, kind_digit="8", filing=D(2007, 4, 1))
    return list(Patent.objects.all())


@pytest.mark.parametrize(
    "criterion",
    [
        stats.applications(stats.Period.year(2008)),
        stats.applications(stats.Period.year(2008), queries.INVENTION_KINDS),
        stats.grants(stats.Period.year(2008)),
        stats.holdings(D(2008, 12, 31)),
        stats.holdings(D(2008, 12, 30), queries.INVENTION_KINDS),
        stats.applications(stats.Period.year(2007)),
    ],
)
def test_database_counts_equal_pure_counts(spread, criterion):
    assert queries.count(criterion) == stats.count(spread, criterion)


def test_year_summary_city_and_county(spread, org_a):
    summary = queries.year_summary(2008)
    assert summary["applications"] == 3
    assert summary["invention_applications"] == 2
    assert summary["previous_applications"] == 2  # 2007-12-31 and the PCT one
    assert summary["invention_growth"] == Decimal("0.00")  # 2 vs 2 (PCT counts as invention)
    assert summary["grants"] == 2
    assert summary["invention_holdings"] == 2
    RegionPopulation.objects.create(region=org_a.region, year=2008, population=400000)
    county = queries.year_summary(2008, "410305")
    assert county["applications"] == 2
    assert county["invention_holdings"] == 2
    assert county["holdings_per_10k"] == Decimal("0.05")


def test_year_summary_cut_at_as_of(spread):
    assert queries.year_summary(2008, as_of=D(2008, 6, 30))["applications"] == 2
    assert queries.year_summary(2008, as_of=D(2008, 2, 1))["applications"] == 1


def test_first_applicants_region_decides_the_county(org_a):
    make_patent(region_code="410323", applicant_name="王发明")
    make_patent(org_a)
    year = stats.Period.year(2008)
    assert queries.count(stats.applications(year), "410323") == 1
    assert queries.count(stats.applications(year), "410305") == 1
    assert queries.count(stats.applications(year), "410300") == 2  # the city covers its counties


def test_by_region_and_kind_groups_in_one_query(spread, org_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = queries.by_region_and_kind(stats.applications(stats.Period.year(2008)))
    assert table[(org_a.region_id, "invention")] == 2


# --- indicator sources ---------------------------------------------------------------


def test_patent_application_source_counts_to_as_of(spread):
    source = sources.get("ip.patent_applications")
    assert source.value(2008, D(2008, 12, 31)) == Decimal(3)
    assert source.value(2008, D(2008, 2, 1)) == Decimal(1)
    assert source.records(2008, D(2008, 12, 31)).count() == 3


def test_invention_growth_source(org_a):
    for day in (D(2007, 2, 1), D(2007, 3, 1), D(2007, 9, 1)):
        make_patent(org_a, filing=day)
    for day in (D(2008, 2, 1), D(2008, 3, 1), D(2008, 4, 1)):
        make_patent(org_a, filing=day)
    source = sources.get("ip.invention_application_growth")
    assert source.value(2008, D(2008, 6, 30)) == Decimal("50.00")  # 3 vs 2 in the same stretch
    assert source.value(2008, D(2008, 12, 31)) == Decimal("0.00")


def test_advantage_sources(org_a):
    region = org_a.region
    IPAdvantage.objects.create(kind="region", region=region, status="recognised", recognised_on=D(2008, 5, 1))
    IPAdvantage.objects.create(kind="region", region=region, status="recognised", recognised_on=D(2007, 5, 1))
    IPAdvantage.objects.create(kind="enterprise", region=region, organisation=org_a, status="cultivating")
    assert sources.get("ip.advantage_regions").value(2008, D(2008, 12, 31)) == Decimal(1)
    assert sources.get("ip.advantage_enterprises").value(2008, D(2008, 12, 31)) == Decimal(0)
    assert sources.get("ip.advantage_units").value(2008, D(2008, 4, 1)) == Decimal(0)


def test_every_ip_source_answers_for_an_empty_database(db):
    for source in sources.all_sources():
        if source.app == "ip":
            assert source.value(2008, D(2008, 12, 31)) >= Decimal(0)
            assert source.records(2008, D(2008, 12, 31)).count() == 0


# --- demo data ---------------------------------------------------------------------------


def test_small_demo_is_valid_and_tells_the_story(db, monkeypatch):
    monkeypatch.setitem(demo.YEARLY, "small", 120)  # the mechanics, on fewer rows
    monkeypatch.setitem(demo.FIRST_YEAR_OF, "small", 2000)  # old-format numbers too
    for code in ("410305", "410323", "410311"):
        for _i in range(3):
            make_organisation(code)
    summary = demo.seed("small", random.Random(7))
    assert "patents" in summary
    numbers = list(Patent.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) > 100
    for number in numbers[:300]:
        patent_numbers.parse(number, demo.DEMO_DAY)
    assert not Patent.objects.filter(grant_date__lt=F("filing_date")).exists()
    assert Patent.objects.filter(number__regex=r"^\d{8}\.").exists()  # old-format numbers too
    assert SubsidyApplication.objects.exists()
    assert RegionPopulation.objects.filter(year=2008).exists()
    recognised = IPAdvantage.objects.filter(status="recognised", recognised_on__year=2008).count()
    assert recognised == 4  # §14: two regions and two enterprises


def test_region_table_agrees_with_year_summary(spread, org_a, org_b, django_assert_max_num_queries):
    RegionPopulation.objects.create(region=org_a.region, year=2008, population=400000)
    with django_assert_max_num_queries(10):
        rows, total = queries.region_table(2008)
    for region, figures in rows:
        summary = queries.year_summary(2008, region.code)
        for key in (
            "applications",
            "invention_applications",
            "grants",
            "invention_grants",
            "invention_holdings",
            "invention_growth",
            "holdings_per_10k",
        ):
            assert figures[key] == summary[key], (region.code, key)
    city = queries.year_summary(2008)
    assert (total["applications"], total["grants"], total["invention_holdings"]) == (
        city["applications"],
        city["grants"],
        city["invention_holdings"],
    )


def test_statistics_page_shows_counties_and_total(spread, users, client):
    client.force_login(users["officer"])
    body = client.get("/ip/statistics/?year=2008").content.decode()
    assert "涧西区" in body and "新安县" in body and "合计" in body
