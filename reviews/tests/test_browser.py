"""In the browser: an officer runs an assignment, experts accept and score, the ranking appears."""

import pytest

from accounts.roles import Role
from core.testing import browser_login, make_organisation, make_user, screenshot
from directory.models import Division
from reviews import services
from reviews.models import Invitation, ReviewRound

from .helpers import make_expert, make_round, review_project


def _as(page, user) -> None:
    page.context.clear_cookies()
    browser_login(page, user.username)


@pytest.mark.browser
def test_officer_assigns_experts_score_ranking_appears(browser_page):
    page = browser_page
    org = make_organisation("410305", name="洛阳盾构装备有限公司")
    applicant = make_user(Role.APPLICANT, "b-pi", organisation=org)
    officer = make_user(Role.OFFICER, "b-review-officer", division=Division.objects.get(code="planning"))
    titles = ("盾构机主轴承国产化研究", "多晶硅还原炉节能技术")
    projects = [review_project(applicant, org, title=t) for t in titles]
    review_round = make_round(title="浏览器测试网评", reviewers_per_item=1, expert_cap=1)
    services.add_items(officer, review_round, projects)
    experts = [
        make_expert(make_organisation("410311", kind="university"), name, user=make_user(Role.EXPERT, u))
        for name, u in (("周审", "b-expert-1"), ("吴审", "b-expert-2"))
    ]

    _as(page, officer)
    page.goto(f"/reviews/rounds/{review_round.pk}/?tab=items")
    page.select_option("#assign-form select[name=mode]", "optimal")
    page.click("#run-assignment")
    page.wait_for_selector(".alert-success")
    assert Invitation.objects.filter(round=review_round).count() == 2
    page.click('#workflow-actions button[data-action="start"]')
    page.wait_for_selector(".alert-success")
    assert ReviewRound.objects.get(pk=review_round.pk).status == "reviewing"

    for n, expert in enumerate(experts):
        _as(page, expert.user)
        page.goto("/reviews/invitations/")
        page.click("table tbody a")  # the one invitation, listed by its code only
        page.check("#signed")
        page.click("#accept")
        page.wait_for_selector("#score-form")
        for field in page.locator("#score-form input[type=number]").all():
            field.fill(str(9 - n * 3))
        page.fill("#score-form textarea[name=comment]", "技术路线清楚，建议支持")
        page.click("#submit-scores")
        page.wait_for_selector("#submitted-scores")

    _as(page, officer)
    page.goto(f"/reviews/rounds/{review_round.pk}/?tab=items")
    page.click('#workflow-actions button[data-action="close"]')
    page.wait_for_selector(".alert-success")
    page.goto(f"/reviews/rounds/{review_round.pk}/?tab=ranking")
    rows = page.locator("#ranking tbody tr")
    assert rows.count() == 2
    # criteria: 9/10 and 9/20 weighted 0.6/0.4 → 72; 6/10 and 6/20 → 48; the funding line is 1 item
    assert "72.00" in rows.nth(0).inner_text() and "资助线以上" in rows.nth(0).inner_text()
    assert "48.00" in rows.nth(1).inner_text() and "资助线以上" not in rows.nth(1).inner_text()
    screenshot(page, "reviews-ranking")
