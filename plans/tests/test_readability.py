"""Dashboard readability (issue 11): short names on the chart axis, whole counts, and a manual
indicator's row linking to its latest report and that report's evidence."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.testing import BEIJING
from plans import dashboard, services
from plans.models import ProgressReport

from .conftest import client_for

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("在盾构机、节能环保设备等领域实施科技项目", "科技项目"),
        ("培育高新技术企业", "高新技术企业"),
        ("专利申请量", "专利申请量"),
        ("高新技术产业产值占规模以上工业产值的比重", "高新技术产业产…"),
    ],
)
def test_short_names_drop_the_opening_verb_or_field_and_stay_short(name, short):
    assert dashboard.short_name(name) == short


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_the_chart_axis_gets_short_names_not_codes(users, confirmed_plan):
    page = client_for(users["leader"]).get(reverse("plans:dashboard")).content.decode()
    data = json.loads(page.split('id="chart-data" type="application/json">')[1].split("</script>")[0])
    shorts = {i["code"]: i["short"] for i in data["indicators"]}
    assert shorts["01-1"] == "科技攻关项目" and all(s and len(s) <= 8 for s in shorts.values())


def _check(indicator, value: str) -> None:
    ProgressReport(indicator=indicator, as_of=dt.date(2010, 6, 30), value=Decimal(value)).full_clean(
        exclude=["reported_by"]
    )


def test_a_count_report_must_be_whole_and_an_amount_or_rate_need_not(users, confirmed_plan):
    count = confirmed_plan.indicators.get(unit="件")
    with pytest.raises(ValidationError, match="整数"):
        _check(count, "21.36")
    _check(count, "21")
    rate = confirmed_plan.indicators.get(unit="项")
    rate.kind, rate.unit, rate.target_value = "growth_rate", "%", Decimal(20)
    rate.save()
    _check(rate, "12.5")


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_a_fractional_count_posted_on_the_page_is_refused_and_nothing_written(hightech_officer, manual_indicator):
    url = reverse("plans:report_add", args=[manual_indicator.pk])
    response = client_for(hightech_officer).post(url, {"as_of": "2010-07-31", "value": "21.36"})
    assert response.status_code == 400 and "整数" in response.content.decode()
    assert not ProgressReport.objects.exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_a_manual_row_links_to_its_latest_report_and_evidence(users, hightech_officer, manual_indicator, settings,
                                                              tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    ProgressReport.objects.create(indicator=manual_indicator, as_of=dt.date(2010, 5, 31), value=500)
    latest = ProgressReport.objects.create(indicator=manual_indicator, as_of=dt.date(2010, 7, 31), value=900)
    services.attach(hightech_officer, latest, SimpleUploadedFile("7月统计.pdf", PDF, "application/pdf"), "evidence")
    page = client_for(users["leader"]).get(reverse("plans:dashboard")).content.decode()
    assert f'href="{manual_indicator.get_absolute_url()}#report-{latest.pk}" class="latest-report"' in page
    assert "2010-07-31 填报" in page and 'class="evidence-link"' in page and "7月统计.pdf" in page
    detail = client_for(users["leader"]).get(manual_indicator.get_absolute_url()).content.decode()
    assert f'id="report-{latest.pk}"' in detail
    # As of June the May report is the latest, and it has no evidence.
    (row,) = [r for r in dashboard.rows_for(dashboard.indicator_queryset(manual_indicator.plan), users["leader"],
                                            dt.date(2010, 6, 30)) if r.indicator == manual_indicator]  # fmt: skip
    assert row.latest_report.as_of == dt.date(2010, 5, 31) and row.evidence == []
