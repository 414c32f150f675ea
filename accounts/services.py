"""Accounts: the audit side of logins (django-axes counts and locks) and role assignment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from core import audit

from .models import RoleAssignment, User
from .roles import Role

if TYPE_CHECKING:
    from django.http import HttpRequest

    from directory.models import Division, Organisation, Person, Region


def register_failed_login(username: str, request: HttpRequest | None = None) -> None:
    """A wrong password (or unknown username); django-axes counts it, the log keeps it."""
    user = User.objects.filter(username=username).first()
    audit.record(None, "login_failed", user, object_repr=username[:150], after={"ip": _client_ip(request)})


def register_locked_attempt(username: str, request: HttpRequest | None = None) -> None:
    """A try at a locked account is worth knowing about, even though no password was checked."""
    user = User.objects.filter(username=username).first()
    audit.record(None, "login_locked", user, object_repr=username[:150], after={"ip": _client_ip(request)})


def register_lockout(username: str, request: HttpRequest | None = None) -> None:
    user = User.objects.filter(username=username).first()
    until = timezone.now() + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
    audit.record(None, "lockout", user, object_repr=username[:150],
                 after={"locked_until": until, "ip": _client_ip(request)})


def register_login(user: User, request: HttpRequest | None = None) -> None:
    audit.record(user, "login", user, after={"ip": _client_ip(request)})


def register_logout(user: User, request: HttpRequest | None = None) -> None:
    audit.record(user, "logout", user, after={"ip": _client_ip(request)})


def _client_ip(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def ensure_role_groups() -> None:
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def assign_role(
    actor: User,
    user: User,
    role: str,
    *,
    division: Division | None = None,
    region: Region | None = None,
    organisation: Organisation | None = None,
) -> RoleAssignment:
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


def create_user(
    actor: User, username: str, password: str, *, display_name: str = "", person: Person | None = None
) -> User:
    with transaction.atomic():
        user = User(username=username, display_name=display_name, person=person)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        audit.record(actor, "create", user, after={"username": username, "display_name": display_name})
    return user
