"""In chromium: an officer changes a draft scheme's indicator on its own page and sees the
scheme with the new weight; a weight over the total is refused with the reason."""

import pytest

from accounts.roles import Role
from assessment.defaults import build_default_scheme
from core.testing import browser_login, make_user, screenshot
from directory.models import Division

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_edits_a_draft_scheme(browser_page):
    officer = make_user(Role.OFFICER, "b-officer", division=Division.objects.get(code="planning"))
    scheme = build_default_scheme(officer, 2009)
    indicator = scheme.indicators().get(name="市级科技计划立项项目")
    page = browser_page
    browser_login(page, "b-officer")
    page.goto(scheme.get_absolute_url())
    page.click(f"a[href='/assessment/schemes/indicators/{indicator.pk}/edit/']")
    page.fill("#id_weight", "40")
    page.click("form[novalidate] button.btn-primary")
    assert "The weights add up to more than 100" in page.inner_text("body")
    screenshot(page, "assessment-indicator-edit-refused")
    page.fill("#id_weight", "5")
    page.click("form[novalidate] button.btn-primary")
    page.wait_for_selector("#indicators")
    assert "分值合计：97" in page.inner_text("#total-weight")
    screenshot(page, "assessment-scheme-draft")
