"""County assessment results on the portal: only once published, only the public columns."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from assessment import services as assessment_services
from assessment.defaults import build_default_scheme
from assessment.models import Assessment, CountyResult
from directory.models import Region

pytestmark = pytest.mark.django_db

VETO = "科技经费占财政支出比例未达标"


@pytest.fixture
def confirmed(users):
    """An assessment the leaders have confirmed but not yet published, with two counties."""
    assessment = Assessment.objects.create(scheme=build_default_scheme(None, 2008), title="2008年度县区科技工作考核",
                                           status=Assessment.Status.CONFIRMED)
    first, second = Region.objects.filter(code__in=["410305", "410306"]).order_by("code")
    CountyResult.objects.create(assessment=assessment, region=first, score=Decimal("91.50"), rank=1, grade="先进")
    CountyResult.objects.create(assessment=assessment, region=second, score=Decimal("58.25"), rank=2, grade="不合格",
                                vetoed=True, veto_items=[VETO])
    return assessment


def _all_public(client) -> str:
    urls = [reverse("portal:result_list", args=["county-assessment"]), "/api/public/county-assessment/",
            reverse("portal:list_download", args=["county-assessment", "csv"]),
            reverse("portal:list_download", args=["county-assessment", "json"])]
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(content.decode("utf-8-sig"))
    return "\n".join(bodies)


def test_nothing_before_publication(confirmed):
    body = _all_public(Client())
    assert confirmed.title not in body and "91.50" not in body


def test_published_results_show_county_total_rank_grade_and_veto(confirmed, users):
    assessment_services.assessment_action(users["leader"], confirmed, "publish")
    client = Client()
    page = client.get(reverse("portal:result_list", args=["county-assessment"])).content.decode()
    for text in ("2008年度县区科技工作考核", "91.50", "58.25", "先进", "不合格", "一票否决"):
        assert text in page, text
    data = json.loads(client.get(reverse("portal:list_download", args=["county-assessment", "json"])).content)
    rows = {row["county"]: row for row in data["results"]}
    vetoed = rows[Region.objects.get(code="410306").name]
    assert vetoed == {"year": 2008, "assessment": "2008年度县区科技工作考核", "county": vetoed["county"],
                      "total": "58.25", "rank": 2, "grade": "不合格", "vetoed": "是"}
    assert VETO not in _all_public(client)


def test_the_results_are_in_the_sitemap_and_the_index(confirmed, users):
    url = reverse("portal:result_list", args=["county-assessment"])
    assert url in Client().get(reverse("portal:sitemap")).content.decode()
    assert url in Client().get(reverse("portal:results")).content.decode()
