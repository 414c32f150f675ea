"""The generated URL × role matrix (issue 9): every named URL of the project, filled with real ids,
requested (GET) as every role and anonymously.

* never a 5xx; never 万元 beside a bare 元 on one page (one money unit per page);
* anonymous: a redirect to the login page, 401 or 403 (unless the row is ``public``);
* scope: where a role sees an object of a scoped model (200), the same page for an object outside
  its scope answers 404;
* a URL name without a row in some ``<app>/tests/url_matrix.py`` fails, naming it.

One dataset per module (built once inside a transaction that is rolled back at the end), shared by
every row; each app's objects come from the builders below, objects in scope of the fixture users
(涧西区, 计划科, organisation "in") and out of it (新安县, organisation "out").
"""

import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from core.testing import make_organisation, make_person, make_user, restore_reference_data
from core.url_matrix import collect_rows, url_names

ROWS = collect_rows(settings.LOCAL_APPS)
ANONYMOUS_OK = (302, 401, 403, 405)
MISSING_ID = 99_999_999  # a model without objects in the dataset: the page must still not fail


def test_every_url_has_a_row():
    declared = {row.name for row in ROWS}
    missing = sorted(url_names() - declared)
    assert not missing, (
        "URLs without a row in the URL × role matrix (add them to <app>/tests/url_matrix.py): " + ", ".join(missing)
    )
    stale = sorted(declared - url_names())
    assert not stale, "matrix rows for URLs that no longer exist: " + ", ".join(stale)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        restore_reference_data()
        yield _build()
        transaction.set_rollback(True)


def _build() -> dict:
    from directory.models import Division, Region

    org_in = make_organisation("410305", name="矩阵甲机械有限公司")
    org_out = make_organisation("410323", name="矩阵乙材料有限公司")
    person_in = make_person(org_in, "矩阵申报人")
    users = {
        Role.ADMIN: make_user(Role.ADMIN, "m-admin"),
        Role.LEADER: make_user(Role.LEADER, "m-leader"),
        Role.OFFICER: make_user(Role.OFFICER, "m-officer", division=Division.objects.get(code="planning")),
        Role.COUNTY: make_user(Role.COUNTY, "m-county", region=Region.objects.get(code="410305")),
        Role.ORG_ADMIN: make_user(Role.ORG_ADMIN, "m-orgadmin", organisation=org_in),
        Role.APPLICANT: make_user(Role.APPLICANT, "m-applicant", organisation=org_in),
        Role.EXPERT: make_user(Role.EXPERT, "m-expert"),
        Role.SUPERVISOR: make_user(Role.SUPERVISOR, "m-supervisor"),
        Role.FINANCE: make_user(Role.FINANCE, "m-finance"),
        Role.PUBLIC: make_user(Role.PUBLIC, "m-public"),
    }
    users[Role.APPLICANT].person = person_in
    users[Role.APPLICANT].save(update_fields=["person"])
    pi_out = make_user(Role.APPLICANT, "m-applicant-out", organisation=org_out)
    for build in _BUILDERS + _app_builders():
        build(users, org_in, org_out, pi_out)
    return {str(role): user for role, user in users.items()}


def _projects(users, org_in, org_out, pi_out):
    from projects.models import ChangeRequest
    from projects.tests.helpers import make_project
    from projects.workflow import ChangeKind, State

    mine = make_project(users[Role.APPLICANT], org_in, status=State.IN_PROGRESS)
    make_project(pi_out, org_out, status=State.IN_PROGRESS)
    ChangeRequest.objects.create(project=mine, kind=ChangeKind.EXTENSION, reason="延期", new_end_date=mine.end_date)


def _credit(users, org_in, org_out, pi_out):
    from credit.models import CreditEvent

    for subject in (org_in, org_out, users[Role.APPLICANT].person):
        CreditEvent.objects.create(subject=subject, area="implementation", points=-5, reason="逾期未报")


def _ip(users, org_in, org_out, pi_out):
    from decimal import Decimal

    from ip.models import SubsidyApplication, SubsidyPolicy
    from ip.tests.conftest import make_patent

    policy = SubsidyPolicy.objects.create(
        year=2008, title="2008年专利资助", total_budget=Decimal("10000"), cap_per_applicant=Decimal("5000")
    )
    for org in (org_in, org_out):
        SubsidyApplication.objects.create(policy=policy, patent=make_patent(org), stage="application", amount=2000)


def _reviews(users, org_in, org_out, pi_out):
    from reviews import services
    from reviews.models import Invitation
    from reviews.tests.helpers import make_expert, make_round, review_project

    mine = make_expert(org_out, "矩阵专家", user=users[Role.EXPERT])
    other = make_expert(org_out, "矩阵专家乙")
    projects = [review_project(users[Role.APPLICANT], org_in), review_project(pi_out, org_out, title="多晶硅提纯")]
    review_round = make_round(reviewers_per_item=1)
    services.add_items(users[Role.OFFICER], review_round, projects)
    items = list(review_round.items.order_by("code"))
    Invitation.objects.create(round=review_round, item=items[0], expert=mine)
    Invitation.objects.create(round=review_round, item=items[-1], expert=other)


_BUILDERS = [_projects, _credit, _ip, _reviews]


def _app_builders() -> list:
    """An app may keep its own builder beside its rows: `build(users, org_in, org_out, pi_out)` in
    `<app>/tests/url_matrix.py`, so a new app adds its objects without editing this file."""
    from importlib import import_module

    modules = []
    for app in settings.LOCAL_APPS:
        try:
            modules.append(import_module(f"{app}.tests.url_matrix"))
        except ModuleNotFoundError:
            continue
    return [module.build for module in modules if hasattr(module, "build")]


def _ids(row, user) -> dict:
    """The row's kwargs with a model replaced by the id of an object `user` may see (if any)."""
    kwargs = dict(row.kwargs)
    for key, model in row.models().items():
        visible = model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else model.objects.all()
        obj = visible.order_by("pk").first() or model.objects.order_by("pk").first()
        kwargs[key] = obj.pk if obj else MISSING_ID
    return kwargs


def _outside(row, user) -> dict | None:
    """The row's kwargs with an object of a scoped model that `user` may NOT see, if one exists."""
    kwargs, found = dict(row.kwargs), False
    for key, model in row.models().items():
        if not hasattr(model.objects, "visible_to"):
            kwargs[key] = _ids(row, user)[key]
            continue
        obj = model.objects.exclude(pk__in=model.objects.visible_to(user).values("pk")).order_by("pk").first()
        if obj is None:
            return None
        kwargs[key], found = obj.pk, True
    return kwargs if found else None


def _get(user, name: str, kwargs: dict):
    client = Client()
    if user is not None:
        client.force_login(user)
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        url = reverse(name, kwargs={**kwargs, "format": "json"})
    return url, client.get(url)


# A bare 元 unit (not 万元/亿元, not a rate such as 元/小时, not a word such as 单元 or 元器件).
YUAN_UNIT = re.compile(r"(?<![万亿千百单多公纪])元(?![/器件素旦月宵])")
MARKUP = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


def mixed_money_units(html: str) -> str:
    """Where a page shows 万元 (DESIGN.md rule 4) and also a bare 元, the text around the 元."""
    text = MARKUP.sub(" ", html)
    found = YUAN_UNIT.search(text) if "万元" in text else None
    return text[max(found.start() - 12, 0):found.end() + 2].strip() if found else ""


SCOPED_ROLES = (Role.COUNTY, Role.ORG_ADMIN, Role.APPLICANT, Role.EXPERT, Role.PUBLIC)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_url_by_role(row, world):
    failures = []
    url, response = _get(None, row.name, _ids(row, world[Role.ADMIN]))
    if response.status_code >= 500 or not (row.public or response.status_code in ANONYMOUS_OK):
        failures.append(f"anonymous: {response.status_code}")
    for role, user in world.items():
        url, response = _get(user, row.name, _ids(row, user))
        if response.status_code >= 500:
            failures.append(f"{role}: {response.status_code} on {url}")
            continue
        if "html" in response.get("Content-Type", "") and (mixed := mixed_money_units(response.content.decode())):
            failures.append(f"{role}: 万元 and 元 on one page ({mixed!r})")
        # A public page answers the same to everyone: there is no "outside" to compare with.
        outside = _outside(row, user) if role in SCOPED_ROLES and not row.public else None
        if outside is not None:
            out_url, out = _get(user, row.name, outside)
            if out.status_code >= 500 or (response.status_code == 200 and out.status_code != 404):
                failures.append(f"{role}: {out.status_code} outside scope on {out_url} (200 in scope)")
    assert not failures, f"{row.name}: " + "; ".join(failures)
