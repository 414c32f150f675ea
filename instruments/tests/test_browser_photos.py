"""In chromium: an owner uploads a photo of its instrument and sees it on the page; a text file
named .jpg is refused with the reason; an officer's literature list shows the platform."""

import datetime as dt

import pytest

from core.testing import browser_login, make_organisation, make_user, screenshot
from directory.models import Division
from instruments.models import LiteratureResource, LiteratureUse

from .conftest import make_instrument
from .test_photos import PNG

pytestmark = pytest.mark.browser


def test_owner_uploads_a_photo_and_is_refused_a_fake_one(browser_page, tmp_path):
    owner = make_organisation("410305", kind="university", name="洛阳测试理工学院")
    instrument = make_instrument(owner)
    make_user("org_admin", "b-owner", organisation=owner)
    good, fake = tmp_path / "电镜.png", tmp_path / "伪装.jpg"
    good.write_bytes(PNG)
    fake.write_text("这不是图片", encoding="utf-8")

    page = browser_page
    browser_login(page, "b-owner")
    page.goto(instrument.get_absolute_url())
    page.set_input_files("#photo-form input[type=file]", str(good))
    page.click("#photo-form button[type=submit]")
    page.wait_for_selector("#instrument-photos img")
    # The image loads after the page: wait until the browser has decoded it (or given up).
    page.wait_for_function("document.querySelector('#instrument-photos img').complete")
    assert page.evaluate("document.querySelector('#instrument-photos img').naturalWidth") == 1
    page.set_input_files("#photo-form input[type=file]", str(fake))
    page.click("#photo-form button[type=submit]")
    page.wait_for_selector(".alert")
    assert "Wrong file type" in page.inner_text("body")
    assert page.locator("#instrument-photos img").count() == 1
    screenshot(page, "instruments-photos")


def test_literature_platform_pages(browser_page):
    provider = make_organisation("410305", kind="institute", name="洛阳测试情报研究所")
    resource = LiteratureResource.objects.create(name="中国学术期刊网络出版总库（CNKI）", provider=provider,
                                                 kind="journal", access_mode="ip", opened_on=dt.date(2005, 3, 1))
    resource.covered.set([provider])
    LiteratureUse.objects.create(resource=resource, year=2008, users_served=18600, searches=120000,
                                 downloads=64000, organisations_served=120)
    make_user("officer", "b-officer", division=Division.objects.get(code="planning"))
    page = browser_page
    browser_login(page, "b-officer")
    page.goto("/instruments/literature/")
    page.click("text=中国学术期刊网络出版总库（CNKI）")
    page.wait_for_selector("#literature-uses")
    assert "18600" in page.inner_text("#literature-uses")
    screenshot(page, "instruments-literature")
