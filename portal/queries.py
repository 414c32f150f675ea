"""Read-side queries of the public pages: only published states, only public columns."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
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


def _notice_rows(since: dt.datetime) -> QuerySet:
    """(call, start, end) of the projects in notice, one `status = ?` arm per state: SQLite costs
    `status IN (?, ?)` at the average state's size and scans every project (or walks the call index
    for a GROUP BY), while each equality reads the few projects in notice through the status index."""
    arms = [
        Project.objects.filter(status=state, notice_end__gte=since).order_by()
        .values_list("call_id", "notice_start", "notice_end")
        for state in NOTICE_STATES
    ]
    return arms[0].union(*arms[1:], all=True)


def notices(now: dt.datetime | None = None) -> list[Notice]:
    now = now or timezone.now()
    spans: dict[int, list[tuple]] = defaultdict(list)
    for call_id, start, end in _notice_rows(now - dt.timedelta(days=RECENT_NOTICE_DAYS)):
        if call_id is not None:
            spans[call_id].append((start, end))
    calls = Call.objects.select_related("program").in_bulk(list(spans))
    found = [
        Notice(calls[call_id], len(items), min((s for s, _ in items if s), default=None), max(e for _, e in items))
        for call_id, items in spans.items()
    ]
    return sorted(found, key=lambda notice: (notice.ends, notice.call.pk), reverse=True)


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
