"""Accounts: login bookkeeping (lockout) and role assignment, all audited."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import audit

from .models import RoleAssignment, User
from .roles import Role


def locked_until(username: str | None) -> dt.datetime | None:
    if not username:
        return None
    until = User.objects.filter(username=username).values_list("locked_until", flat=True).first()
    return until if until and until > timezone.now() else None


def register_failed_login(username: str | None, request=None) -> None:
    """Count a failure; at the threshold, lock the account for LOCKOUT_MINUTES."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username or "").first()
        if user is not None:
            user.failed_logins = F("failed_logins") + 1
            user.save(update_fields=["failed_logins"])
            user.refresh_from_db(fields=["failed_logins"])
            if user.failed_logins >= settings.LOCKOUT_THRESHOLD:
                user.locked_until = timezone.now() + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
                user.failed_logins = 0
                user.save(update_fields=["locked_until", "failed_logins"])
                audit.record(None, "lockout", user, after={"locked_until": user.locked_until})
        audit.record(None, "login_failed", user, object_repr=(username or "")[:150],
                     after={"ip": _client_ip(request)})


def register_locked_attempt(username: str, request=None) -> None:
    """A try at a locked account is worth knowing about, even though no password was checked."""
    user = User.objects.filter(username=username).first()
    audit.record(None, "login_locked", user, object_repr=username[:150], after={"ip": _client_ip(request)})


def register_login(user: User, request=None) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    audit.record(user, "login", user, after={"ip": _client_ip(request)})


def register_logout(user: User, request=None) -> None:
    audit.record(user, "logout", user, after={"ip": _client_ip(request)})


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def assign_role(actor, user: User, role: str, *, division=None, region=None, organisation=None) -> RoleAssignment:
    """Give `user` a scoped role; the user also joins the role's Django group."""
    with transaction.atomic():
        assignment = RoleAssignment(user=user, role=role, division=division, region=region, organisation=organisation)
        assignment.full_clean()
        assignment.save()
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
        scope = str(division or region or organisation or "")
        audit.record(actor, "assign_role", user, after={"role": role, "scope": scope})
    user.__dict__.pop("assignments", None)
    user.__dict__.pop("roles", None)
    return assignment


def create_user(actor, username: str, password: str, *, display_name: str = "", person=None) -> User:
    with transaction.atomic():
        user = User(username=username, display_name=display_name, person=person)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        audit.record(actor, "create", user, after={"username": username, "display_name": display_name})
    return user
