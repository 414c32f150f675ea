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


def test_import_this_years_plan_confirm_it_and_see_an_approved_project_count(browser_page, users, org_a):
    """Issue 11 "done means": a plan imported for the current year on the page, linked, confirmed;
    a project approved this year moves its indicator on the dashboard."""
    from django.utils import timezone

    from plans.models import Plan
    from projects.tests.helpers import make_call, make_project
    from projects.workflow import State

    year = timezone.localdate().year
    page = browser_page
    browser_login(page, users["officer"].username)
    page.goto("/plans/import/")
    page.fill("#id_year", str(year))
    page.fill("#id_text", f"{year}年测试市科技工作要点\n一、目标\n1.实施科技攻关项目100项。\n")
    page.click("#plan-import-form button")
    page.wait_for_selector("#review-form")
    plan = Plan.objects.get(year=year)
    indicator = plan.indicators.get()
    assert indicator.source_key == "projects.key_research"  # linked on import, nobody picked it
    page.click("#review-save")
    page.wait_for_selector("#review-form")
    page.goto(plan.get_absolute_url())
    page.click("#transition-confirm")
    page.wait_for_selector(".alert-success")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CONFIRMED

    page.goto("/")
    row = page.locator(f"#indicator-table tr:has(#indicator-link-{indicator.pk})")
    before = row.locator("td").nth(3).inner_text().strip()
    make_project(users["applicant"], org_a, call=make_call(year=year), status=State.APPROVED, year=year,
                 approved_at=timezone.now())  # fmt: skip
    page.reload()
    after = page.locator(f"#indicator-table tr:has(#indicator-link-{indicator.pk})").locator("td").nth(3)
    assert (before, after.inner_text().strip()) == ("0", "1")
    screenshot(page, "plans-current-year-dashboard")
