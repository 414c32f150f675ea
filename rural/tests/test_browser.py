"""In chromium: a commissioner (a user with a directory person) files a service log for their own
village and finds it on their commissioner page."""

import datetime as dt

import pytest

from core.testing import browser_login, make_organisation, make_person, make_user, screenshot
from directory.models import Region
from rural.models import Commissioner, ServiceLog

pytestmark = pytest.mark.browser


def test_commissioner_files_a_service_log(browser_page):
    organisation = make_organisation("410325", name="嵩县测试食用菌合作社")
    person = make_person(organisation, "孙特派")
    user = make_user("applicant", "b-commissioner", organisation=organisation)
    user.person = person
    user.save(update_fields=["person"])
    commissioner = Commissioner.objects.create(
        person=person,
        region=Region.objects.get(code="410325"),
        village="车村镇石门村",
        speciality="香菇栽培",
        appointed_on=dt.date(2008, 3, 1),
    )
    page = browser_page
    browser_login(page, user.username)
    page.goto("/rural/log/add/")
    page.select_option("#id_commissioner", str(commissioner.pk))
    page.fill("#id_served_on", "2008-06-12")
    page.fill("#id_place", "车村镇石门村")
    page.fill("#id_technologies", "香菇袋料栽培")
    page.fill("#id_trained", "40")
    page.fill("#id_households", "18")
    page.fill("#id_content", "现场指导菌袋制作,举办培训班一期。")
    screenshot(page, "rural-log-add")
    page.click("form button.btn-primary")
    page.wait_for_url("**/rural/log/*/")
    assert ServiceLog.objects.get().commissioner == commissioner
    page.goto(f"/rural/commissioner/{commissioner.pk}/")
    assert "香菇袋料栽培" in page.inner_text("#commissioner-logs")
    screenshot(page, "rural-commissioner")
