"""Test furniture shared by every app (HealthChecks-style: one user per access level).

Fixtures (registered by the root conftest.py):
  users          dict role → a user holding that role with a typical scope
  org_a, org_b   two organisations: org_a in 涧西区 (the county user's region, the org_admin's and
                 applicant's organisation), org_b in 新安县 (outside every scoped user's reach)
  make_user      make_user("officer", division=...) for special cases
  beijing_edge   parametrised: the test runs at 23:30 and again at 00:30 Asia/Shanghai, either side
                 of the hours (00:00-08:00) in which the UTC date is the day before Beijing's
  browser_page   a Playwright page in Debian's chromium against the live server (marker: browser)
Helpers:
  assert_statuses(client, users, url, {"admin": 200, "county": 404, ...}, method="get", data=None)
  sheet(header, rows) — an .xlsx upload
  assert_refused_everywhere(user, spec, data, field, message) — page, API and import refuse alike
  login(client, user) — force_login
"""

import datetime as dt
import html
import io
import os
import random
import zoneinfo
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from accounts import services as account_services
from accounts.models import User
from accounts.roles import Role
from core.crud import Registry, never
from core.models import AuditEntry
from directory import demo_data
from directory.models import Division, Organisation, Person, Region

PASSWORD = "demo-Passw0rd-1"  # noqa: S105 (test-only password)
_rng = random.Random("tests")


def make_organisation(region_code: str = "410305", kind: str = "enterprise", name: str | None = None,
                      **fields) -> Organisation:
    """An organisation with a valid, unique credit code (no audit: fixtures are not user actions)."""
    code = demo_data.uscc_for(_rng, region_code, kind)
    while Organisation.objects.filter(credit_code=code).exists():
        code = demo_data.uscc_for(_rng, region_code, kind)
    return Organisation.objects.create(
        name=name or demo_data.org_name(_rng, kind), credit_code=code, kind=kind,
        region=Region.objects.get(code=region_code), **fields,
    )


def make_person(organisation: Organisation, name: str = "张三", **fields) -> Person:
    return Person.objects.create(name=name, organisation=organisation, **fields)


def make_user(role: str, username: str | None = None, **scope) -> User:
    username = username or f"{role}-{User.objects.count() + 1}"
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=username)
    account_services.assign_role(None, user, role, **scope)
    return User.objects.get(pk=user.pk)


def restore_reference_data() -> None:
    """Regions, divisions, programs and disciplines come from data migrations; a transactional
    (live-server) test ends with a flush that removes them, so the next one loads them again."""
    from django.apps import apps

    from directory.reference import load as load_regions
    from projects.programs import load as load_programs
    from reviews.disciplines import load as load_disciplines
    from reviews.models import Discipline

    if not Region.objects.exists():
        load_regions(apps)
        load_programs(apps)
    if not Discipline.objects.exists():
        load_disciplines(Discipline)


@pytest.fixture
def reference_data(db) -> None:
    restore_reference_data()


@pytest.fixture
def org_a(reference_data) -> Organisation:
    return make_organisation("410305", name="洛阳测试甲机械有限公司")


@pytest.fixture
def org_b(reference_data) -> Organisation:
    return make_organisation("410323", name="新安测试乙材料有限公司")


@pytest.fixture
def users(db, org_a) -> dict[str, User]:
    applicant_person = make_person(org_a, "李申报")
    result = {
        Role.ADMIN: make_user(Role.ADMIN, "t-admin"),
        Role.LEADER: make_user(Role.LEADER, "t-leader"),
        Role.OFFICER: make_user(Role.OFFICER, "t-officer", division=Division.objects.get(code="planning")),
        Role.COUNTY: make_user(Role.COUNTY, "t-county", region=Region.objects.get(code="410305")),
        Role.ORG_ADMIN: make_user(Role.ORG_ADMIN, "t-orgadmin", organisation=org_a),
        Role.APPLICANT: make_user(Role.APPLICANT, "t-applicant", organisation=org_a),
        Role.EXPERT: make_user(Role.EXPERT, "t-expert"),
        Role.SUPERVISOR: make_user(Role.SUPERVISOR, "t-supervisor"),
        Role.FINANCE: make_user(Role.FINANCE, "t-finance"),
        Role.PUBLIC: make_user(Role.PUBLIC, "t-public"),
    }
    User.objects.filter(pk=result[Role.APPLICANT].pk).update(person=applicant_person)
    result[Role.APPLICANT].refresh_from_db()
    return {str(role): user for role, user in result.items()}


# New Year's Eve 23:30 is late in the Beijing day (the UTC date is the same); New Year's Day 00:30
# is early in it (the UTC date, and year, are still yesterday's): code that takes the UTC date
# or year fails one of the two.
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
BEIJING_EDGES = {"23:30": (2026, 12, 31, 23, 30), "00:30": (2027, 1, 1, 0, 30)}


@pytest.fixture(params=list(BEIJING_EDGES))
def beijing_edge(request) -> Iterator[dt.datetime]:
    """Move the clock to a Beijing wall time (it keeps ticking)."""
    import time_machine

    moment = dt.datetime(*BEIJING_EDGES[request.param], tzinfo=BEIJING)
    with time_machine.travel(moment, tick=True):
        yield moment


ANONYMOUS = "anonymous"


def assert_statuses(users: dict, url: str, expected: dict[str, int], method: str = "get", data=None,
                    **extra) -> None:
    """Request `url` as each role in `expected` (and "anonymous"); compare the status codes."""
    failures = []
    for role, status in expected.items():
        client = Client()
        if role != ANONYMOUS:
            client.force_login(users[role])
        response = getattr(client, method)(url, data=data, **extra)
        if response.streaming:  # a download holds its file open until read to the end, when the test
            b"".join(response.streaming_content)  # client closes it; response.close() would also end the
            # request, which closes the test's database connection on PostgreSQL
        if response.status_code != status:
            failures.append(f"{role}: expected {status}, got {response.status_code}")
    assert not failures, f"{method.upper()} {url}: " + "; ".join(failures)


def sheet(header: list[str], rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("报表.xlsx", buffer.getvalue())


def assert_refused_everywhere(user: User, spec: Registry, data: dict, field: str, message: str) -> None:
    """Validate once (issue 10): the add page, the API and, where the register has one, the Excel
    import refuse `data` (the page's values) with the same bilingual `message`, and write nothing."""
    client = Client()
    client.force_login(user)
    records, audits = spec.model.objects.count(), AuditEntry.objects.count()
    page = client.post(reverse(spec.name("add")), data)
    errors = page.context["form"].errors
    assert page.status_code == 400 and message in " ".join(errors.get(field, [])), errors
    api = client.post(f"/api/{spec.api_name or f'{spec.app}/{spec.slug}s'}/", data)
    assert api.status_code == 400 and message in html.unescape(str(api.json().get(field))), api.content.decode()
    if spec.can_import is not never:
        columns = spec.import_columns or spec.columns
        upload = sheet([str(c.header) for c in columns], [[data.get(c.field, "") for c in columns]])
        imported = client.post(reverse(spec.name("import")), {"file": upload})
        assert imported.status_code == 400 and message in str(imported.context["errors"]), imported.context["errors"]
    assert (spec.model.objects.count(), AuditEntry.objects.count()) == (records, audits)


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """One headless Debian chromium per test process; Playwright cannot download its own here."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server, transactional_db) -> Iterator:
    """A fresh browser context (cookies, downloads) per test, against the live server (whose
    thread needs committed data, hence a transactional test)."""
    restore_reference_data()
    # Each keep-alive connection of a context is served by its own request thread, which holds the
    # in-memory SQLite connection pytest-django shares with the live server. Such threads are daemonic
    # by default, so the server's stop does not wait for them: a context left open (a test's second
    # desk or phone) kept its threads alive until chromium closed at the end of the session, after
    # the sharing had ended, and each then failed closing that connection (validate_thread_sharing).
    # So the server's stop joins its request threads, and every context closes with its test.
    live_server.thread.httpd.daemon_threads = False
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    for opened in chromium.contexts:
        opened.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-submit")
    page.wait_for_selector("#current-user")


def screenshot(page, name: str) -> None:
    from django.conf import settings

    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
