"""In chromium: a user finds a free hour in an instrument's week calendar and books it; a user of
another organisation asks for an overlapping slot and is refused with the slot named."""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing import browser_login, make_organisation, make_user, screenshot
from instruments.models import Booking

from .conftest import make_instrument

pytestmark = pytest.mark.browser


def test_book_a_free_slot_and_be_refused_an_overlapping_one(browser_page):
    owner = make_organisation("410305", kind="university", name="洛阳测试理工学院")
    instrument = make_instrument(owner, approval_required=False)
    first = make_user("applicant", "b-first", organisation=owner)
    second = make_user("applicant", "b-second", organisation=make_organisation("410311", name="洛龙测试企业"))
    # Next week's Wednesday, 10:00–12:00 Beijing: always beyond the 24 hours' notice.
    today = timezone.localdate()
    day = today + dt.timedelta(days=7 - today.weekday() + 2)

    page = browser_page
    browser_login(page, first.username)
    page.goto(f"/instruments/instrument/{instrument.pk}/calendar/?date={day:%Y-%m-%d}")
    page.click(f"a[href*='start={day:%Y-%m-%d}T10:00']")
    page.wait_for_selector("#booking-form")
    assert page.input_value("#id_start") == f"{day:%Y-%m-%d}T10:00"
    page.fill("#id_end", f"{day:%Y-%m-%d}T12:00")
    page.fill("#id_purpose", "表面形貌观察")
    screenshot(page, "instruments-book")
    page.click("#booking-submit")
    page.wait_for_selector("#workflow-actions")
    booking = Booking.objects.get(instrument=instrument)
    assert booking.user == first and booking.status == "confirmed"
    page.goto(f"/instruments/instrument/{instrument.pk}/calendar/?date={day:%Y-%m-%d}")
    assert page.locator("#calendar-week td.bg-primary").count() == 2
    screenshot(page, "instruments-calendar-week")

    page.context.clear_cookies()
    browser_login(page, second.username)
    page.goto(f"/instruments/instrument/{instrument.pk}/book/")
    page.fill("#id_start", f"{day:%Y-%m-%d}T11:00")
    page.fill("#id_end", f"{day:%Y-%m-%d}T13:00")
    page.fill("#id_purpose", "成分分析")
    page.click("#booking-submit")
    error = page.inner_text("#form-errors")
    assert f"{day:%Y-%m-%d} 10:00–12:00" in error
    screenshot(page, "instruments-overlap-refused")
    assert Booking.objects.filter(instrument=instrument).count() == 1
