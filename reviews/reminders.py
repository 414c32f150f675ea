"""Reminders of reviews: an expert's open invitation as the round's deadline comes near."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.reminders import Due, Reminder

from .models import Invitation


def invitations_due(today: dt.date, days: int):
    last = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days + 1), dt.time.min))
    first = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    invitations = Invitation.objects.filter(
        status__in=(Invitation.Status.INVITED, Invitation.Status.ACCEPTED), expert__user__isnull=False,
        round__due_at__gte=first, round__due_at__lt=last,
    ).select_related("round", "expert__user")
    for invitation in invitations.iterator(chunk_size=500):
        text = _("评审邀请“%(round)s”将于 %(date)s 截止，请及时答复并提交评分。") % {
            "round": invitation.round.title,
            "date": timezone.localtime(invitation.round.due_at).strftime("%Y-%m-%d %H:%M")}
        link = reverse("reviews:invitation_detail", args=[invitation.pk])
        yield Due(invitation, [invitation.expert.user], text, link)


REMINDERS = [Reminder("review_invitation", invitations_due)]
