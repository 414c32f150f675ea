"""The English UI: zh-Hans by default, English after the switcher (POST /i18n/setlang/) or with the
language cookie; the catalogue in locale/en keeps every placeholder of its Chinese source."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/directory/organisations/"
LOGIN = "/accounts/login/"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
NAV_LINK = re.compile(r'data-nav="(?P<name>[^"]+)" href="[^"]*">(?P<label>[^<]*)<')
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfi]|\{\{ *\w+ *\}\}")


@pytest.fixture
def officer_client(users) -> Client:
    client = Client()
    client.force_login(users["officer"])
    return client


def nav_labels(html: str) -> dict[str, str]:
    return {match["name"]: match["label"].strip() for match in NAV_LINK.finditer(html)}


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_default_is_chinese(officer_client):
    html = officer_client.get(ORGANISATIONS).content.decode()

    assert html_lang(html) == "zh-hans"
    labels = nav_labels(html)
    assert labels["directory:organisation_list"] == "单位"
    assert labels["directory:person_list"] == "人员"
    assert "科技局业务管理平台" in html and ">名录<" in html
    for text in ("筛选", "清除", "导出 Excel", "单位名称", "统一社会信用代码", "区划代码", "退出"):
        assert text in html, text
    assert "Export to Excel" not in html and "Organisations" not in html


def test_switcher_posts_to_setlang_and_shows_english(officer_client):
    response = officer_client.post("/i18n/setlang/", {"language": "en", "next": ORGANISATIONS})
    assert response.status_code == 302 and response["Location"] == ORGANISATIONS
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = officer_client.get(ORGANISATIONS).content.decode()

    assert html_lang(html) == "en"
    labels = nav_labels(html)
    assert labels["directory:organisation_list"] == "Organisations"
    assert labels["directory:person_list"] == "People"
    assert labels["directory:region_list"] == "Regions"
    assert labels["directory:division_list"] == "Divisions"
    assert ">Directory<" in html
    # Page furniture (base.html, core/object_list.html) and the app's filter / column labels.
    for text in ("Sci-Tech Bureau Management Platform", "Log out", "Filter", "Clear", "Export to Excel",
                 "Organisation name", "Unified social credit code", "Region code", "Credit code",
                 "Organisation type", "<h1 class=\"h4 mb-0 me-auto\">Organisations</h1>"):
        assert text in html, text
    assert re.search(r"\b1 record\b", html), "plural form of the row count"
    for chinese in ("筛选", "清除", "导出 Excel", "单位名称", "退出", ">名录<"):
        assert chinese not in html, chinese


def test_every_directory_and_core_nav_label_is_english(officer_client, users):
    admin = Client()
    admin.force_login(users["admin"])
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    labels = nav_labels(admin.get(ORGANISATIONS).content.decode())

    ours = {name: label for name, label in labels.items()
            if name.split(":")[0] in ("directory", "core", "accounts") or name == "api_docs"}
    assert ours, "the admin sees the directory and system menus"
    assert not {name: label for name, label in ours.items() if CJK.search(label)}
    assert ours["core:audit_log"] == "Audit log"


def test_switching_back_to_chinese(officer_client):
    officer_client.post("/i18n/setlang/", {"language": "en", "next": ORGANISATIONS})
    officer_client.post("/i18n/setlang/", {"language": "zh-hans", "next": ORGANISATIONS})

    html = officer_client.get(ORGANISATIONS).content.decode()

    assert html_lang(html) == "zh-hans" and nav_labels(html)["directory:organisation_list"] == "单位"


def test_unknown_language_is_ignored(officer_client):
    response = officer_client.post("/i18n/setlang/", {"language": "xx", "next": ORGANISATIONS})

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert html_lang(officer_client.get(ORGANISATIONS).content.decode()) == "zh-hans"


def test_login_page_in_english_with_cookie(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(LOGIN).content.decode()

    assert html_lang(html) == "en"
    for text in ('<h1 class="h4 my-4">Log in</h1>', ">Username<", ">Password<"):
        assert text in html, text
    assert "用户名" not in html and "密码" not in html


def test_login_error_in_english(users):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.post(LOGIN, {"username": "t-officer", "password": "wrong-password-1"}).content.decode()

    assert "Incorrect username or password." in html
    assert "用户名或密码错误" not in html


def test_login_page_chinese_by_default(db):
    html = Client().get(LOGIN).content.decode()

    assert html_lang(html) == "zh-hans" and ">用户名<" in html and "Username" not in html


def english_catalogue() -> dict:
    catalog = trans_real.translation("en")._catalog
    return {key: value for key, value in catalog.items() if key}


def test_catalogue_is_compiled_and_keeps_placeholders():
    catalogue = english_catalogue()
    assert len(catalogue) > 500, "locale/en/LC_MESSAGES/django.mo is compiled"

    broken = {}
    for key, english in catalogue.items():
        chinese = key[0] if isinstance(key, tuple) else key  # plural entries: (msgid, index)
        if set(PLACEHOLDER.findall(chinese)) != set(PLACEHOLDER.findall(english)):
            broken[chinese] = english
    assert not broken


def test_catalogue_translations_are_english():
    untranslated = {key: value for key, value in english_catalogue().items() if CJK.search(value)}

    assert not untranslated
