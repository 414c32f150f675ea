"""What waits in reviews: an expert's invitations to answer or to score."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.todo import TodoSource

from .models import Invitation


def _invitations(user):
    if not user.has_role(Role.EXPERT):
        return None
    return Invitation.objects.filter(expert__user=user, status__in=(
        Invitation.Status.INVITED, Invitation.Status.ACCEPTED)).select_related("round").order_by("round__due_at")


SOURCES = [TodoSource("review_invitations", _("待完成的评审"), _invitations,
                      link=lambda i: reverse("reviews:invitation_detail", args=[i.pk]),
                      describe=lambda i: f"{i.round.title} · {i.get_status_display()}")]
