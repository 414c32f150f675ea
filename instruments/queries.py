"""Read-side queries: busy and free time, sharing statistics, the openness evaluation.

Statistics of a year count the usage of bookings that started in that (Beijing) year:
available hours = ANNUAL_HOURS × the share of the year the instrument was owned (from its
purchase date); used hours = recorded machine hours; outside hours = used hours of every price
group except internal (对外服务机时); sharing rate = outside / used; utilisation = used / available.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf
from .models import Blackout, Booking, Instrument, PriceGroup, Usage

CENT = Decimal("0.01")
ZERO = Decimal("0")

# --- busy and free time ----------------------------------------------------------------


def busy_intervals(instrument_ids, start: dt.datetime, end: dt.datetime) -> dict[int, list[tuple]]:
    """Per instrument, the sorted (start, end) of pending/confirmed bookings and blackouts."""
    result: dict[int, list[tuple]] = defaultdict(list)
    bookings = Booking.objects.active().filter(instrument_id__in=instrument_ids).overlapping(start, end)
    blackouts = Blackout.objects.filter(instrument_id__in=instrument_ids, start__lt=end, end__gt=start)
    for queryset in (bookings, blackouts):
        for instrument_id, s, e in queryset.values_list("instrument_id", "start", "end"):
            result[instrument_id].append((s, e))
    for intervals in result.values():
        intervals.sort()
    return result


def opening_windows(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The daily opening hours (Beijing time) within [start, end)."""
    windows = []
    day = timezone.localdate(start)
    last = timezone.localdate(end)
    open_hour, close_hour = conf.get("OPEN_HOUR"), conf.get("CLOSE_HOUR")
    while day <= last:
        opens = timezone.make_aware(dt.datetime.combine(day, dt.time(open_hour)))
        closes = timezone.make_aware(dt.datetime.combine(day, dt.time(close_hour)))
        s, e = max(opens, start), min(closes, end)
        if s < e:
            windows.append((s, e))
        day += dt.timedelta(days=1)
    return windows


def free_windows(busy: list[tuple], start: dt.datetime, end: dt.datetime, windows: list[tuple] | None = None):
    """Opening hours in [start, end) minus the busy intervals (sorted), as (start, end) pairs, in
    order and lazily: one pass over the windows and the busy list together."""
    index = 0
    for w_start, w_end in windows if windows is not None else opening_windows(start, end):
        while index < len(busy) and busy[index][1] <= w_start:
            index += 1  # ends before this window: irrelevant to it and to every later one
        cursor, scan = w_start, index
        while scan < len(busy) and busy[scan][0] < w_end:
            if busy[scan][0] > cursor:
                yield cursor, busy[scan][0]
            cursor = max(cursor, busy[scan][1])
            scan += 1
        if cursor < w_end:
            yield cursor, w_end


def first_free_slot(busy: list[tuple], start: dt.datetime, end: dt.datetime, hours: Decimal,
                    windows: list[tuple] | None = None) -> tuple | None:
    length = dt.timedelta(hours=float(hours))
    for s, e in free_windows(busy, start, end, windows):
        if e - s >= length:
            return s, s + length
    return None


def with_free_slot(instruments: QuerySet, start: dt.datetime, end: dt.datetime, hours: Decimal) -> list:
    """The instruments (in order) with a free slot of `hours` in [start, end); each gets `.free_slot`."""
    candidates = list(instruments)
    busy = busy_intervals([i.pk for i in candidates], start, end)
    windows = opening_windows(start, end)
    result = []
    for instrument in candidates:
        slot = first_free_slot(busy.get(instrument.pk, []), start, end, hours, windows)
        if slot:
            instrument.free_slot = slot
            result.append(instrument)
    return result


# --- statistics ------------------------------------------------------------------------------


def ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) if whole else None


def available_hours(instrument: Instrument, year: int) -> Decimal:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days_in_year = (last - first).days + 1
    if instrument.purchase_date > last or instrument.status == Instrument.Status.RETIRED:
        return ZERO
    owned = (last - max(first, instrument.purchase_date)).days + 1
    hours = Decimal(conf.get("ANNUAL_HOURS")) * owned / days_in_year
    return hours.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    label: str = ""
    key: object = None
    instruments: int = 0
    value: Decimal = ZERO
    available: Decimal = ZERO
    used: Decimal = ZERO
    outside: Decimal = ZERO
    income: Decimal = ZERO
    samples: int = 0
    users: set = field(default_factory=set)
    members: list = field(default_factory=list)

    @property
    def users_served(self) -> int:
        return len(self.users)

    @property
    def sharing_rate(self) -> Decimal | None:
        return ratio(self.outside, self.used)

    @property
    def utilisation(self) -> Decimal | None:
        return ratio(self.used, self.available)

    def add(self, other: Figures) -> None:
        self.instruments += other.instruments
        self.value += other.value
        self.available += other.available
        self.used += other.used
        self.outside += other.outside
        self.income += other.income
        self.samples += other.samples
        self.users |= other.users
        self.members.append(other)


def usage_in(year: int) -> QuerySet:
    return Usage.objects.filter(booking__start__year=year)


def per_instrument(instruments: QuerySet, year: int) -> list[Figures]:
    """One Figures per instrument in the network: two grouped queries, whatever the number of bookings."""
    rows = list(instruments.filter(in_network=True).select_related("owner__region").order_by("owner__name", "name"))
    usage = usage_in(year).filter(booking__instrument__in=[r.pk for r in rows])
    totals = {
        (row["booking__instrument_id"], row["booking__price_group"]): row
        for row in usage.values("booking__instrument_id", "booking__price_group").annotate(
            hours=Sum("hours"), fee=Sum("fee"), samples=Sum("samples"))
    }
    served = defaultdict(set)
    for instrument_id, organisation_id, user_id in usage.values_list(
            "booking__instrument_id", "booking__organisation_id", "booking__user_id").distinct():
        served[instrument_id].add(("org", organisation_id) if organisation_id else ("user", user_id))
    result = []
    for instrument in rows:
        figures = Figures(label=str(instrument), key=instrument, instruments=1, value=instrument.original_value,
                          available=available_hours(instrument, year), users=served[instrument.pk])
        for group in PriceGroup.values:
            row = totals.get((instrument.pk, group))
            if row:
                # SQLite sums decimals as floats: back to hundredths, as stored.
                hours = Decimal(str(row["hours"])).quantize(CENT)
                figures.used += hours
                figures.income += Decimal(str(row["fee"])).quantize(CENT)
                figures.samples += row["samples"]
                if group != PriceGroup.INTERNAL:
                    figures.outside += hours
        result.append(figures)
    return result


def roll_up(rows: list[Figures], by: str) -> list[Figures]:
    """Group instrument figures by owner or by county (the owner's region)."""
    groups: dict[object, Figures] = {}
    for row in rows:
        owner = row.key.owner
        key = owner if by == "owner" else owner.region
        groups.setdefault(key, Figures(label=str(key), key=key)).add(row)
    return sorted(groups.values(), key=lambda f: f.label)


def total(rows: list[Figures]) -> Figures:
    result = Figures(label=str(_("合计")))
    for row in rows:
        result.add(row)
    return result


def statistics(instruments: QuerySet, year: int, by: str = "instrument") -> tuple[list[Figures], Figures]:
    rows = per_instrument(instruments, year)
    grouped = rows if by == "instrument" else roll_up(rows, by)
    return grouped, total(rows)


def coverage(instruments: QuerySet, as_of: dt.date | None = None) -> dict:
    """The network's reach: owners, instruments and value of large instruments in the network."""
    queryset = instruments.large().filter(in_network=True).exclude(status=Instrument.Status.RETIRED)
    if as_of:
        queryset = queryset.filter(purchase_date__lte=as_of)
    figures = queryset.aggregate(instruments=Count("pk"), owners=Count("owner", distinct=True),
                                 value=Sum("original_value"))
    everything = instruments.large().exclude(status=Instrument.Status.RETIRED).aggregate(n=Count("pk"))["n"]
    return {**figures, "value": figures["value"] or ZERO, "large_total": everything,
            "share": ratio(figures["instruments"], everything)}


# --- yearly openness evaluation of owners -------------------------------------------------------

GRADES = ((Decimal(85), _("优秀")), (Decimal(70), _("良好")), (Decimal(60), _("合格")), (Decimal(0), _("不合格")))


def _capped(rate: Decimal | None, target: Decimal) -> Decimal:
    return min(Decimal(1), (rate or ZERO) / target)


def score(owner_figures: Figures, large_in_network: int, large_total: int) -> Decimal:
    """40 for utilisation (full at TARGET_UTILISATION), 40 for sharing (full at TARGET_SHARING),
    20 for the share of the owner's large instruments open in the network."""
    points = (Decimal(40) * _capped(owner_figures.utilisation, conf.get("TARGET_UTILISATION"))
              + Decimal(40) * _capped(owner_figures.sharing_rate, conf.get("TARGET_SHARING"))
              + Decimal(20) * (Decimal(large_in_network) / large_total if large_total else ZERO))
    return points.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def grade(points: Decimal) -> str:
    return next(label for floor, label in GRADES if points >= floor)


def evaluation(instruments: QuerySet, year: int) -> list[dict]:
    owners = roll_up(per_instrument(instruments, year), "owner")
    large = instruments.large().exclude(status=Instrument.Status.RETIRED)
    counts = {row["owner_id"]: row for row in large.values("owner_id").annotate(
        total=Count("pk"), shared=Count("pk", filter=Q(in_network=True)))}
    result = []
    for figures in owners:
        row = counts.get(figures.key.pk, {"total": 0, "shared": 0})
        points = score(figures, row["shared"], row["total"])
        result.append({"owner": figures.key, "figures": figures, "score": points, "grade": grade(points),
                       "idle": idle(figures.members)})
    return sorted(result, key=lambda r: (-r["score"], r["owner"].name))


def idle(rows: list[Figures]) -> list[Figures]:
    """Instruments used less than IDLE_RATE of their available hours (闲置仪器)."""
    threshold = conf.get("IDLE_RATE")
    return [r for r in rows if r.available and (r.utilisation or ZERO) < threshold]
