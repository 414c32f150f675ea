"""Login, logout, lockout and password rules, each with its audit entry; roles and their scopes."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from core.models import AuditEntry
from core.testing import PASSWORD, make_user
from directory.models import Division, Region

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def expert() -> User:
    return make_user(Role.EXPERT, "lockme")


@pytest.fixture
def lockout(settings):
    settings.LOCKOUT_THRESHOLD = 3
    settings.LOCKOUT_MINUTES = 15
    return settings


def attempt(client: Client, password: str, username: str = "lockme"):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def last_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-id").first()


def failures(username: str) -> int:
    """Failures django-axes is counting towards the lock."""
    return sum(AccessAttempt.objects.filter(username=username).values_list("failures_since_start", flat=True))


WRONG_OR_LOCKED = "用户名或密码错误"


# --- login and logout --------------------------------------------------------------------------


def test_login_page_renders_for_anonymous(db):
    response = Client().get(LOGIN)
    assert response.status_code == 200
    assert 'id="login-submit"' in response.content.decode()


def test_successful_login_redirects_and_is_audited(expert):
    client = Client()
    response = client.post(LOGIN, {"username": "lockme", "password": PASSWORD, "next": "/directory/regions/"})
    assert response.status_code == 302
    assert response["Location"] == "/directory/regions/"
    assert signed_in(client)
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.object_id) == ("login", expert.pk, str(expert.pk))
    assert entry.after == {"ip": "127.0.0.1"}


def test_login_refuses_offsite_next(expert):
    response = Client().post(LOGIN, {"username": "lockme", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_is_refused_and_audited(expert):
    client = Client()
    response = attempt(client, "wrong-Passw0rd")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert not signed_in(client)
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.object_id) == ("login_failed", None, str(expert.pk))
    assert failures("lockme") == 1


def test_unknown_username_is_audited_without_user(db):
    count = AuditEntry.objects.count()
    response = attempt(Client(), "whatever-1A", username="nobody")
    assert response.status_code == 200
    assert AuditEntry.objects.count() == count + 1
    entry = last_entry()
    assert (entry.action, entry.user_id, entry.object_repr, entry.object_id) == ("login_failed", None, "nobody", "")


def test_logout_is_post_only_and_audited(expert):
    client = Client()
    client.force_login(expert)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert signed_in(client)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not signed_in(client)
    entry = last_entry()
    assert (entry.action, entry.user_id) == ("logout", expert.pk)


def test_successful_login_resets_the_failure_count(expert, lockout):
    client = Client()
    attempt(client, "wrong-Passw0rd")
    attempt(client, "wrong-Passw0rd")
    attempt(client, PASSWORD)
    assert failures("lockme") == 0
    # Two more failures do not lock: the count started again after the success.
    client.post(reverse("accounts:logout"))
    attempt(client, "wrong-Passw0rd")
    attempt(client, "wrong-Passw0rd")
    assert attempt(client, PASSWORD).status_code == 302


# --- lockout ------------------------------------------------------------------------------------------


def test_threshold_failures_lock_the_account_even_for_the_right_password(expert, lockout):
    client = Client()
    for _ in range(lockout.LOCKOUT_THRESHOLD):
        assert attempt(client, "wrong-Passw0rd").status_code == 200
    assert AuditEntry.objects.filter(action="lockout", object_id=str(expert.pk)).count() == 1
    assert AuditEntry.objects.filter(action="login_failed", object_id=str(expert.pk)).count() == 3

    response = attempt(client, PASSWORD)
    # The same answer as a wrong password: the page does not say the account is locked.
    assert response.status_code == 200
    assert WRONG_OR_LOCKED in response.content.decode()
    assert not signed_in(client)
    assert not AuditEntry.objects.filter(action="login").exists()
    assert last_entry().action == "login_locked"


def test_lock_expires_after_lockout_minutes(expert, lockout):
    client = Client()
    for _ in range(lockout.LOCKOUT_THRESHOLD):
        attempt(client, "wrong-Passw0rd")
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(minutes=lockout.LOCKOUT_MINUTES - 1)):
        assert WRONG_OR_LOCKED in attempt(client, PASSWORD).content.decode()
        assert not signed_in(client)
    with time_machine.travel(start + dt.timedelta(minutes=lockout.LOCKOUT_MINUTES + 1)):
        response = attempt(client, PASSWORD)
        assert response.status_code == 302
        assert signed_in(client)
    assert failures("lockme") == 0


def test_lock_applies_to_one_account_only(expert, lockout):
    make_user(Role.EXPERT, "bystander")
    client = Client()
    for _ in range(lockout.LOCKOUT_THRESHOLD):
        attempt(client, "wrong-Passw0rd")
    assert attempt(client, PASSWORD, username="bystander").status_code == 302


# --- password rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("password, code", [
    ("abcdefghijkl", "password_no_mix"),  # letters only
    ("Ab1", "password_too_short"),
    ("1234567890123", "password_entirely_numeric"),
])
def test_password_rules(password, code):
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert code in [error.code for error in caught.value.error_list]


def test_demo_password_satisfies_the_rules():
    validate_password(PASSWORD)


# --- roles and scopes --------------------------------------------------------------------------------


def test_user_may_hold_several_scoped_roles(db):
    user = make_user(Role.OFFICER, "two-hats", division=Division.objects.get(code="planning"))
    services.assign_role(None, user, Role.COUNTY, region=Region.objects.get(code="410323"))
    user = User.objects.get(pk=user.pk)
    assert user.roles == {Role.OFFICER, Role.COUNTY}
    assert user.has_role(Role.COUNTY) and user.is_bureau_wide
    assert user.region_codes == ["410323"]
    assert user.division_ids == {Division.objects.get(code="planning").pk}
    assert set(user.groups.values_list("name", flat=True)) == {"officer", "county"}
    entries = AuditEntry.objects.filter(action="assign_role", object_id=str(user.pk))
    assert sorted(e.after["role"] for e in entries) == ["county", "officer"]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COUNTY, Role.ORG_ADMIN, Role.APPLICANT])
def test_scoped_role_without_scope_is_refused_and_nothing_written(db, role):
    user = User.objects.create_user(username="noscope", password=PASSWORD)
    before = RoleAssignment.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.assign_role(None, user, role)
    assert (RoleAssignment.objects.count(), AuditEntry.objects.count()) == before
    assert not user.groups.exists()


def test_superuser_counts_as_admin(db):
    user = User.objects.create_superuser(username="root", password=PASSWORD)
    assert user.has_role(Role.ADMIN) and user.is_bureau_wide


def test_create_user_is_audited_without_password(db):
    user = services.create_user(None, "newbie", PASSWORD, display_name="新人")
    entry = last_entry()
    assert (entry.action, entry.object_id, entry.user_repr) == ("create", str(user.pk), "system")
    assert PASSWORD not in str(entry.after) and user.password not in str(entry.after)
