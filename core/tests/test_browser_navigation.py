"""Each role logs in through the real login page in chromium and sees its own navigation."""

import pytest

from core.testing import browser_login, screenshot

pytestmark = pytest.mark.browser

# role → (menu entries it must see, menu entries it must not see)
EXPECTED = {
    "admin": ({"directory:organisation_list", "directory:person_list", "core:audit_log"}, set()),
    "leader": ({"directory:organisation_list"}, {"core:audit_log"}),
    "officer": ({"directory:organisation_list", "directory:person_list"}, {"core:audit_log"}),
    "county": ({"directory:organisation_list"}, {"core:audit_log"}),
    "org_admin": ({"directory:organisation_list"}, {"core:audit_log"}),
    "applicant": (set(), {"directory:organisation_list", "core:audit_log"}),
    "expert": (set(), {"directory:organisation_list", "core:audit_log"}),
    "supervisor": ({"core:audit_log", "directory:organisation_list"}, set()),
    "finance": ({"directory:organisation_list"}, {"core:audit_log"}),
    "public": (set(), {"directory:organisation_list", "directory:person_list", "core:audit_log"}),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_navigation_per_role(browser_page, users, role):
    page = browser_page
    browser_login(page, users[role].username)
    shown = set(page.eval_on_selector_all("#nav-items [data-nav]", "els => els.map(e => e.dataset.nav)"))
    must, must_not = EXPECTED[role]
    assert must <= shown, f"{role} is missing {must - shown}"
    assert not (must_not & shown), f"{role} must not see {must_not & shown}"
    assert page.inner_text("#current-user") == users[role].display_name
    screenshot(page, f"nav-{role}")


def test_wrong_password_is_refused_in_the_browser(browser_page, users):
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("#id_username", users["officer"].username)
    page.fill("#id_password", "not-the-password-1")
    page.click("#login-submit")
    assert "用户名或密码错误" in page.inner_text("#login-error")
