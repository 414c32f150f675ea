"""In chromium: a county office publishes an S&T event, which then stands on the public portal's list."""

import datetime as dt

import pytest

from core.testing import browser_login, make_user, screenshot
from directory.models import Region
from outreach.models import Event

pytestmark = pytest.mark.browser


def test_county_publishes_an_event_onto_the_portal(browser_page):
    county = make_user("county", "b-county", region=Region.objects.get(code="410325"))
    event = Event.objects.create(
        name="科技下乡进嵩县",
        kind=Event.Kind.RURAL,
        region=Region.objects.get(code="410325"),
        starts_on=dt.date(2008, 6, 12),
        ends_on=dt.date(2008, 6, 13),
        venues="车村镇",
        organisers="嵩县科技局",
        programme="食用菌栽培技术培训",
    )
    page = browser_page
    browser_login(page, county.username)
    page.goto(f"/outreach/event/{event.pk}/")
    page.click("button[data-action='publish']")
    page.wait_for_selector(".alert")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    page.goto("/public/results/events/")
    assert "科技下乡进嵩县" in page.content()
    screenshot(page, "portal-events")
