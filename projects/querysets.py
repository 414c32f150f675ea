"""The scopes and named filters of the projects app's models: who sees which programmes, calls,
projects and objections."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from accounts.roles import Role
from core.permissions import ScopedQuerySet, region_q

from .workflow import CallState, State


class OpenToStaffQuerySet(ScopedQuerySet):
    """Programs and calls are public information inside the system."""

    def scoped_for(self, user):
        return self.all()


class CallQuerySet(ScopedQuerySet):
    """A draft call is the bureau's own until it is published."""

    def scoped_for(self, user):
        return self.all() if user.is_bureau_wide else self.public()

    def public(self):
        return self.filter(status__in=[CallState.PUBLISHED, CallState.CLOSED])


def in_regions(codes: list[str]) -> Q:
    """Projects whose undertaker lies in these regions (a code covers its sub-codes): the few region
    ids first, then Project.region on its index (no prefix match joined over every organisation)."""
    from directory.models import Region

    return Q(region__in=Region.objects.filter(region_q(codes, "code")).values("pk"))


class ProjectQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self.all()
        # Left out when it matches nothing: an OR beside a status filter makes SQLite walk the status index.
        query = Q(pi=user) if self.model.objects.filter(pi=user).exists() else Q(pk__in=[])
        if user.has_role(Role.ORG_ADMIN):
            query |= Q(applicant_org_id__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))
        if user.region_codes:
            query |= in_regions(user.region_codes)
        return self.filter(query)

    def open_items(self):
        return self.exclude(status__in=[State.REJECTED, State.WITHDRAWN, State.CLOSED, State.TERMINATED])


class ObjectionQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)

    def for_item(self, item):
        """The objections naming one noticed item: a project, or any other record put to notice."""
        from .models import Project

        if isinstance(item, Project):
            return self.filter(project=item)
        return self.filter(target_type=ContentType.objects.get_for_model(item), target_id=item.pk)
