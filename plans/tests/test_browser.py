"""In chromium: the leader opens the dashboard, sees the charts, drills into an indicator and
downloads the Excel export."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from core.testing import browser_login, screenshot
from plans.models import ProgressReport

pytestmark = pytest.mark.browser


def test_dashboard_drill_down_and_export(browser_page, users, confirmed_plan, tmp_path):
    indicator = confirmed_plan.indicators.get(unit="件")
    for month, value in [(3, 300), (6, 700), (9, 1100)]:
        ProgressReport.objects.create(indicator=indicator, as_of=dt.date(2010, month, 28), value=value)
    page = browser_page
    browser_login(page, users["leader"].username)
    page.goto("/?as_of=2010-09-30")
    page.wait_for_function("window.techbureauChartsReady > 0")
    assert page.locator("#summary-chart svg").count() == 1
    assert page.locator("#indicator-table tbody tr").count() == confirmed_plan.indicators.count()
    screenshot(page, "plans-dashboard")

    page.click(f"#indicator-link-{indicator.pk}")
    page.wait_for_selector("#indicator-chart svg")
    assert "1,100" in page.inner_text("#current-value")
    assert page.locator("#report-table tbody tr").count() == 3
    screenshot(page, "plans-indicator")

    page.go_back()
    with page.expect_download() as info:
        page.click("#export-xlsx")
    path = tmp_path / "export.xlsx"
    info.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][1] == "指标" and len(rows) == confirmed_plan.indicators.count() + 1
    assert any(r[1] == "专利申请量" and r[7] == 1100 for r in rows[1:])
