"""Finding 6: one lockout for every way in (web login, admin login, /api/token/), and one answer
for "wrong or locked" whether or not the username exists."""

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from accounts.models import User
from core.models import AuditEntry
from core.testing import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "wrong-Passw0rd"


@pytest.fixture
def staff(settings) -> User:
    settings.LOCKOUT_THRESHOLD = 3
    return User.objects.create_superuser(username="boss", password=PASSWORD)


def web(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def admin_login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password,
                                                      "next": "/admin/"})


def token(client, username, password):
    return client.post("/api/token/", {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_token_endpoint_counts_failures_and_refuses_a_locked_user(staff):
    client = Client()
    for _ in range(3):
        assert token(client, "boss", WRONG).status_code == 400
    response = token(client, "boss", PASSWORD)
    assert response.status_code == 400
    assert not Token.objects.filter(user=staff).exists()
    assert AuditEntry.objects.filter(action="lockout", object_id=str(staff.pk)).count() == 1
    assert AuditEntry.objects.filter(action="login_failed", object_id=str(staff.pk)).count() == 3


def test_token_endpoint_still_serves_a_good_password(staff):
    response = token(Client(), "boss", PASSWORD)
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=staff).key


def test_admin_login_counts_failures_and_refuses_a_locked_user(staff):
    client = Client()
    for _ in range(3):
        assert admin_login(client, "boss", WRONG).status_code == 200
    response = admin_login(client, "boss", PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)
    assert AuditEntry.objects.filter(action="lockout", object_id=str(staff.pk)).count() == 1


def test_failures_add_up_across_the_ways_in(staff):
    client = Client()
    web(client, "boss", WRONG)
    admin_login(client, "boss", WRONG)
    token(client, "boss", WRONG)
    web(client, "boss", PASSWORD)
    assert not signed_in(client)
    assert AuditEntry.objects.filter(action="login_locked", object_id=str(staff.pk)).count() == 1


def test_admin_login_success_is_audited(staff):
    client = Client()
    assert admin_login(client, "boss", PASSWORD).status_code == 302
    assert signed_in(client)
    assert AuditEntry.objects.filter(action="login", user=staff).count() == 1


def error_text(response) -> str:
    match = re.search(r'id="login-error">(.*?)</div>', response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


@pytest.mark.parametrize("locked_first", [False, True])
def test_existing_and_unknown_usernames_get_the_same_answer(staff, locked_first):
    client = Client()
    if locked_first:
        for username in ("boss", "nobody"):
            for _ in range(3):
                web(client, username, WRONG)
    known, unknown = web(client, "boss", WRONG), web(client, "nobody", WRONG)
    assert (known.status_code, error_text(known)) == (unknown.status_code, error_text(unknown))
    assert error_text(known)
    assert token(client, "boss", WRONG).json() == token(client, "nobody", WRONG).json()


def test_a_locked_account_answers_like_a_wrong_password(staff):
    client = Client()
    wrong = web(client, "boss", WRONG)
    for _ in range(2):
        web(client, "boss", WRONG)
    locked = web(client, "boss", PASSWORD)
    assert (locked.status_code, error_text(locked)) == (wrong.status_code, error_text(wrong))
