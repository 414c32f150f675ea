"""Read-side queries of the public pages: only published states, only public columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from projects.models import Call, Project
from projects.workflow import CallState
from reviews.models import AwardNomination

from .models import IndicatorSnapshot, Publication, PublicNotice
from .services import NOTICE_STATES

# A notice stays listed (as ended) this long after its window closed.
RECENT_NOTICE_DAYS = 90


def public_calls() -> QuerySet:
    """Calls the bureau has published (a draft is never shown; a closed one stays in the archive)."""
    return Call.objects.public()


def open_calls(now: dt.datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return (
        Call.objects.filter(status=CallState.PUBLISHED, opens_at__lte=now, closes_at__gte=now)
        .select_related("program").order_by("closes_at")
    )


def upcoming_calls(now: dt.datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    upcoming = Call.objects.filter(status=CallState.PUBLISHED, opens_at__gt=now)
    return upcoming.select_related("program").order_by("opens_at")


def closed_calls(year: int | None = None, now: dt.datetime | None = None) -> QuerySet:
    ended = Q(closes_at__lt=now or timezone.now()) | Q(status=CallState.CLOSED)
    queryset = public_calls().filter(ended).select_related("program")
    return queryset.filter(year=year) if year else queryset


def call_years() -> list[int]:
    return list(public_calls().order_by("-year").values_list("year", flat=True).distinct())


@dataclass
class Notice:
    """The projects of one call put to public notice together (a 公示 as the public reads it)."""

    call: Call
    items: int
    starts: dt.datetime | None
    ends: dt.datetime

    @property
    def is_open(self) -> bool:
        return self.ends >= timezone.now()


def notice_items(call: Call) -> QuerySet:
    return (
        Project.objects.filter(call=call, status__in=NOTICE_STATES, notice_end__isnull=False)
        .select_related("applicant_org", "program", "pi")
        .order_by("number")
    )


def notices(now: dt.datetime | None = None) -> list[Notice]:
    now = now or timezone.now()
    since = now - dt.timedelta(days=RECENT_NOTICE_DAYS)
    rows = (
        Project.objects.filter(status__in=NOTICE_STATES, notice_end__gte=since, call__isnull=False)
        .values("call")
        .annotate(items=Count("id"), starts=Min("notice_start"), ends=Max("notice_end"))
        .order_by("-ends")
    )
    calls = Call.objects.select_related("program").in_bulk([row["call"] for row in rows])
    return [Notice(calls[row["call"]], row["items"], row["starts"], row["ends"]) for row in rows]


def award_notices(today: dt.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return (
        AwardNomination.objects.filter(
            status__in=[AwardNomination.Status.IN_NOTICE, AwardNomination.Status.OBJECTION],
            notice_end__gte=today - dt.timedelta(days=RECENT_NOTICE_DAYS),
        )
        .select_related("organisation", "nominee")
        .order_by("-notice_end", "id")
    )


def portal_notices(now: dt.datetime | None = None) -> QuerySet:
    """Platform recognitions and subsidy lists: open ones and those ended in the last months."""
    now = now or timezone.now()
    return PublicNotice.objects.shown().filter(ends_at__gte=now - dt.timedelta(days=RECENT_NOTICE_DAYS))


def publications(kind: str = "") -> QuerySet:
    queryset = Publication.objects.published()
    return queryset.filter(kind=kind) if kind else queryset


def latest_snapshot(month: str = "") -> IndicatorSnapshot | None:
    queryset = IndicatorSnapshot.objects.select_related("plan").order_by("-month", "-id")
    if month:
        try:
            year, number = (int(part) for part in month.split("-", 1))
            queryset = queryset.filter(Q(month__year=year) & Q(month__month=number))
        except ValueError:
            return None
    return queryset.first()
