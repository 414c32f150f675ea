"""In chromium: an officer registers the result of an accepted project from the list of projects
waiting, lands on the new achievement, and finds it by a Chinese word."""

import pytest

from achievements.models import Achievement
from core.testing import browser_login, make_organisation, make_user, screenshot
from directory.models import Division
from projects.tests.helpers import make_project
from projects.workflow import State

pytestmark = pytest.mark.browser


def test_officer_registers_an_accepted_projects_result(browser_page):
    org = make_organisation("410305", name="洛阳测试盾构装备有限公司")
    pi = make_user("applicant", "b-pi", organisation=org)
    officer = make_user("officer", "b-officer", division=Division.objects.get(code="planning"))
    project = make_project(pi, org, status=State.ACCEPTED, title="盾构机主轴承国产化研究")

    page = browser_page
    browser_login(page, officer.username)
    page.goto("/achievements/pending/")
    assert "盾构机主轴承国产化研究" in page.inner_text("#pending-table")
    page.click("button[data-action='register']")
    page.wait_for_selector("text=成果已登记")
    achievement = Achievement.objects.get(project=project)
    assert page.url.endswith(achievement.get_absolute_url())
    screenshot(page, "achievements-registered")
    page.goto("/achievements/achievement/?q=主轴承")
    assert "盾构机主轴承国产化研究" in page.inner_text("#achievement-table")
