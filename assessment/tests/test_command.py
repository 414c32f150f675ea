"""`manage.py county_assessment --year 2008 --json` against a county computed by hand."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from assessment import services
from ip.models import RegionPopulation
from ip.tests.conftest import make_patent

from .conftest import submit_and_accept

pytestmark = pytest.mark.django_db
ZHENGXI = {"st_share": "0.8", "rd_gdp": "1.2"}  # share below the 1.0 standard → veto item 1 fails


def _run(*args) -> list:
    out = io.StringIO()
    call_command("county_assessment", "--year", "2008", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def computed(assessment, users):
    RegionPopulation.objects.create(region_id=_pk("410305"), year=2008, population=400_000)
    make_patent(region_code="410305", filing=dt.date(2008, 3, 1))  # an invention
    make_patent(region_code="410305", filing=dt.date(2008, 4, 1), kind_digit="2")  # a utility model
    submit_and_accept(assessment, users["officer"], {"410305": ZHENGXI})
    return services.assessment_action(users["officer"], assessment, "compute", snapshot_date=dt.date(2009, 1, 10))


def test_json_of_a_hand_computed_county(computed):
    data = _run()
    assert len(data) == 15
    jianxi = next(row for row in data if row["region_code"] == "410305")
    # By hand: share 0.8 on 0.5→2.0 of 10 = 2.00; R&D/GDP 1.2 reaches the 1.0 tier (0.7) = 7.00;
    # enterprise R&D all 0 → all tie first = 10; patents 2 per 400,000 = 0.05 per 10k on 0→2 of 8 = 0.20;
    # inventions 0.025 on 0→0.5 of 6 = 0.30; high-tech output tie first = 8; no credit events
    # (floor 3 → target 0) = 4; S&T body yes = 2; all else 0. Total 33.50.
    assert jianxi["score"] == 33.5
    assert jianxi["vetoed"] is True
    assert jianxi["veto_items"] == ["财政科技拨款占财政支出比重不低于当年标准"]
    assert jianxi["grade"] == "不合格"
    assert jianxi["name"] == "涧西区"
    # every other county: share 1.5 → 6.67, +7 +10 +8 +4 +2 = 37.67, tied first; 涧西区 is 15th
    assert jianxi["rank"] == 15
    assert {row["score"] for row in data if row["region_code"] != "410305"} == {37.67}
    assert {row["rank"] for row in data if row["region_code"] != "410305"} == {1}
    indicators = jianxi["indicators"]
    assert indicators["每万人专利申请量"] == {"value": 0.05, "score": 0.2}
    assert indicators["每万人发明专利申请量"] == {"value": 0.025, "score": 0.3}
    assert indicators["财政科技拨款占财政支出比重"] == {"value": 0.8, "score": 2.0}
    assert indicators["市级科技计划立项项目"] == {"value": 0.0, "score": 0.0}
    assert set(jianxi) == {"region_code", "name", "score", "rank", "grade", "vetoed", "veto_items", "indicators"}


def test_json_reads_the_frozen_result(computed):
    before = _run()
    make_patent(region_code="410305", filing=dt.date(2008, 5, 1))
    assert _run() == before


def test_unknown_year_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("county_assessment", "--year", "1999", "--json", stdout=io.StringIO())


def _pk(code):
    from directory.models import Region

    return Region.objects.get(code=code).pk
