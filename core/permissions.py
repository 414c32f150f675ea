"""Permission helpers shared by every app.

What a user may *see* is one queryset method per model, `Model.objects.visible_to(user)`;
what they may *do* is one predicate per action in the app's permissions.py. Objects outside
a user's scope answer 404 so that their existence does not leak.
"""

from collections.abc import Callable
from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import Role, administers_organisation, keeps_registers


def region_prefix(code: str) -> str:
    """GB/T 2260: 410300 covers 4103xx, 410000 covers 41xxxx; a county code covers only itself."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def in_user_region(user, region) -> bool:
    """The region lies in one of the user's county-office regions (a record without one does not)."""
    return region is not None and any(region.code.startswith(region_prefix(code)) for code in user.region_codes)


def region_q(codes: list[str], lookup: str = "region__code") -> Q:
    query = Q(pk__in=[])
    for code in codes:
        query |= Q(**{f"{lookup}__startswith": region_prefix(code)})
    return query


def organisation_scope_q(user, org_field: str, region_lookup: str, person_field: str | None = None) -> Q:
    """Records of the user's organisations, the regions of a county office, and their own (people)."""
    query = Q(**{f"{org_field}__in": user.organisation_ids})
    if user.region_codes:
        query |= region_q(user.region_codes, region_lookup)
    if person_field and getattr(user, "person_id", None):
        query |= Q(**{person_field: user.person_id})
    return query


class ScopedQuerySet(models.QuerySet):
    """Base for querysets with `visible_to(user)`; anonymous users see nothing by default."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.scoped_for(user)

    def scoped_for(self, user):  # pragma: no cover - each model defines its scope
        raise NotImplementedError


def get_visible_or_404(queryset_or_model, user, **lookup):
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type) and issubclass(queryset_or_model, models.Model):
        queryset = queryset_or_model.objects
    return get_object_or_404(queryset.visible_to(user), **lookup)


def require(allowed: bool, message: str | None = None) -> None:
    """Raise 403 with a clear bilingual reason when a predicate says no."""
    if not allowed:
        raise PermissionDenied(message or _("您没有执行此操作的权限。You are not allowed to do this."))


Predicate = Callable[..., bool]


def role_in(*roles: str) -> Predicate:
    """`user, obj=None -> bool`: the user holds one of `roles`, whatever the object. Taking an
    object lets one predicate serve as an app's `can_view(user)` and `can_edit(user, obj)`."""

    def allowed(user, obj=None) -> bool:
        return user.has_role(*roles)

    return allowed


def keeper_or_owner(organisation_id: str) -> Predicate:
    """`user, obj -> bool`: officers (and admin) keep every record of a register; an org_admin keeps
    the records of its own organisation, whose id is at the dotted path `organisation_id` of the
    object (`"host_id"`, `"platform.host_id"`)."""
    organisation_of = attrgetter(organisation_id)

    def allowed(user, obj) -> bool:
        return keeps_registers(user) or administers_organisation(user, organisation_of(obj))

    return allowed


def keeper_or_county(user, obj) -> bool:
    """Officers (and admin) keep every record; a county office keeps those of its region (`obj.region`)."""
    return keeps_registers(user) or in_user_region(user, obj.region)


def until_accepted(may_edit: Predicate) -> Predicate:
    """`user, report -> bool` for a yearly report: `may_edit` while it is submitted or returned; once
    accepted, what was accepted no longer changes (the admin may still correct it)."""

    def allowed(user, report) -> bool:
        editable = report.status in ("submitted", "returned")
        return user.has_role(Role.ADMIN) or (editable and may_edit(user, report))

    return allowed
