"""Schema-driven fuzz of the whole API (schemathesis, in `make test` and so in `.ci/run` on SQLite
and PostgreSQL): every operation, as the admin and as a scoped user, with generated input and with
the ids of real records; no response may be a server error, and every response must match the
schema. The budget is small and the seed fixed (derandomized), so a run takes about a minute and
fails the same way twice."""

import time
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directory.models import Person
from ip.tests.conftest import make_patent
from projects.tests.helpers import make_project
from projects.workflow import State
from registries.tests.conftest import make_platform

pytestmark = pytest.mark.django_db
EXAMPLES = 2  # valid cases per operation
INVALID_EXAMPLES = 2
BUDGET = timedelta(seconds=100)  # per role; the invalid-input pass stops when it is spent
CONFORMANCE = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]


@pytest.fixture
def records(users, org_a, org_b):
    """One real record of each kind the fuzz can reach by id."""
    person = Person.objects.create(name="王发明", organisation=org_a)
    make_patent(person=person)
    make_patent(org_a)
    make_platform(org_a)
    make_platform(org_b)
    make_project(users["applicant"], org_a, status=State.EXPERT_REVIEW)


@pytest.fixture
def wsgi_app():
    """The project's WSGI app inside the test's transaction: like Django's test client, it must not
    close the database connection at the end of each request (on PostgreSQL that ends the test)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in signals:
        signal.connect(close_old_connections)


def real_ids(user, path: str) -> dict:
    """{"id": pk} of a record the user can see, for a path whose view is a model viewset."""
    if "{id}" not in path:
        return {}
    try:
        match = resolve(path.replace("{id}", "1").replace("{name}", "x"))
    except Resolver404:
        return {}
    queryset = getattr(getattr(match.func, "cls", None), "queryset", None)
    if queryset is None:
        return {}
    record = queryset.model.objects.visible_to(user).order_by("pk").first()
    return {"id": record.pk} if record else {}


def case_plan(operation, ids: dict, mode: GenerationMode) -> tuple:
    """Valid input on a real record, checked for conformance; invalid input anywhere, checked
    for server errors."""
    if mode is GenerationMode.NEGATIVE:
        return operation.as_strategy(generation_mode=mode), [not_a_server_error], INVALID_EXAMPLES
    names = {p.name for p in operation.path_parameters}
    fixed = {k: v for k, v in ids.items() if k in names}
    return operation.as_strategy(generation_mode=mode, path_parameters=fixed or None), CONFORMANCE, EXAMPLES


def run_cases(strategy, checks: list, examples: int, headers: dict) -> None:
    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    run()


@pytest.mark.parametrize("role", ["admin", "county"])
def test_api_fuzz_no_server_error_and_schema_conformance(settings, users, records, wsgi_app, role):
    settings.ALLOWED_HOSTS = ["*"]
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = wsgi_app
    user = users[role]
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100
    ids = {operation.path: real_ids(user, operation.path) for operation in operations}
    deadline = time.monotonic() + BUDGET.total_seconds()
    failures, cut = [], 0
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        for operation in operations:
            if mode is GenerationMode.NEGATIVE and time.monotonic() > deadline:
                cut += 1  # the valid pass always completes; the budget only shortens this one
                continue
            try:
                run_cases(*case_plan(operation, ids[operation.path], mode), headers)
            except Unsatisfiable:
                if mode is GenerationMode.POSITIVE:  # only invalid input may have nothing to break
                    failures.append(f"{operation.method.upper()} {operation.path}: no valid case")
            except (Exception, BaseExceptionGroup) as exc:  # collect them all: one run lists every one
                failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:800]}")
    print("\n\n".join(failures), f"\ninvalid-input pass: {cut} operations left out by the time budget")
    assert not failures, f"{len(failures)} operations failed; see the captured output"


def test_schema_documents_the_error_statuses(db):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    assert set(paths["/api/organisations/{id}/"]["delete"]["responses"]) >= {"204", "400", "401", "403", "404", "409"}
    # 404 on a list: a page past the end.
    assert set(paths["/api/calls/"]["get"]["responses"]) >= {"200", "400", "401", "403", "404"}
