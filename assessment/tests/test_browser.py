"""In a browser: a county fills its figures with evidence and submits; an officer accepts."""

import pytest

from accounts.roles import Role
from assessment import services
from assessment.defaults import build_default_scheme
from assessment.models import CountyReport
from core.testing import browser_login, make_user, screenshot
from directory.models import Division, Region

from .conftest import GOOD, PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_county_submits_and_officer_accepts(browser_page):
    page = browser_page
    officer = make_user(Role.OFFICER, "b-officer", division=Division.objects.get(code="planning"))
    make_user(Role.COUNTY, "b-county", region=Region.objects.get(code="410305"))
    assessment = services.create_assessment(officer, build_default_scheme(officer, 2008))
    services.assessment_action(officer, assessment, "open")
    report = assessment.reports.get(region__code="410305")

    browser_login(page, "b-county")
    page.goto(f"/assessment/reports/{report.pk}/edit/")
    for code, value in GOOD.items():
        if code == "st_body":
            page.select_option(f"#id_v_{code}", "1")
        else:
            page.fill(f"#id_v_{code}", value)
        page.set_input_files(f"#id_f_{code}", {"name": f"{code}.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.fill("#id_v_st_share", "150")  # a share above 100% is refused with its reason
    page.click("#save-report")
    assert "100%" in page.inner_text("#form-errors")
    page.fill("#id_v_st_share", GOOD["st_share"])
    for code in GOOD:  # a refused form keeps no files: attach them again
        page.set_input_files(f"#id_f_{code}", {"name": f"{code}.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click("#save-report")
    page.wait_for_selector("#figures")
    assert "st_share.pdf" in page.inner_text("#figures")
    page.click("button[data-action=submit]")
    page.wait_for_selector(".alert-success, .alert")
    assert CountyReport.objects.get(pk=report.pk).status == "submitted"
    screenshot(page, "assessment-county-submitted")

    page.context.clear_cookies()
    browser_login(page, "b-officer")
    page.goto(f"/assessment/reports/{report.pk}/")
    page.fill("form:has(button[data-action=accept]) input[name=comment]", "材料齐全")
    page.click("button[data-action=accept]")
    page.wait_for_load_state()
    assert CountyReport.objects.get(pk=report.pk).status == "accepted"
    assert page.locator("button[data-action=accept]").count() == 0
    screenshot(page, "assessment-officer-accepted")
