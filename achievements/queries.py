"""Read-side queries of the achievement registry."""

from django.db.models import QuerySet

from projects.models import Project

from .services import ACCEPTED


def accepted_unregistered(user) -> QuerySet:
    """Accepted projects the user may see whose result is not in the registry yet (newest first)."""
    return (Project.objects.visible_to(user).filter(status__in=ACCEPTED, achievement__isnull=True)
            .select_related("applicant_org").order_by("-year", "-id"))
