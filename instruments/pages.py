"""The network's own pages: booking, calendars (week and month), the ICS feed, the network search,
recording use, statistics, the openness evaluation and monthly statements."""

import calendar as calendar_module
import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.paging import CappedCountPaginator, count_cap
from core.permissions import get_visible_or_404, region_q, require
from core.views import ServiceFormView
from directory.models import Region

from . import documents, permissions, queries, services
from .forms import BookingForm, UsageForm
from .models import Booking, Category, Instrument, Usage


def _parse_date(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class BookView(ServiceFormView):
    form_class = BookingForm
    template_name = "instruments/book.html"

    def get_object(self, request, pk=None) -> Instrument:
        require(permissions.can_book(request.user))
        return get_visible_or_404(Instrument, request.user, pk=pk)

    def get_initial(self, request, instrument) -> dict:
        return {"start": request.GET["start"]} if request.GET.get("start") else {}

    def get_context(self, request, instrument, form) -> dict:
        return {"instrument": instrument}

    def run(self, request, instrument, form) -> Booking:
        data = form.cleaned_data
        return services.request_booking(request.user, instrument, data["start"], data["end"], data["purpose"],
                                        self_use=data["self_use"])

    def refused_status(self, exc) -> int:
        return 409 if isinstance(exc, services.BookingConflict) else 400

    def get_success_message(self, instrument, booking) -> str:
        return _("已预约：%(slot)s。Booked.") % {"slot": services.slot_text(booking.start, booking.end)}


class CalendarView(LoginRequiredMixin, View):
    """Week (hours × days) or month (days) of one instrument; other users' bookings show as taken."""

    def get(self, request, pk):
        require(permissions.can_use_network(request.user))
        instrument = get_visible_or_404(Instrument, request.user, pk=pk)
        day = _parse_date(request.GET.get("date"), timezone.localdate())
        mode = "month" if request.GET.get("view") == "month" else "week"
        context = self.month(instrument, day) if mode == "month" else self.week(instrument, day)
        context.update({"instrument": instrument, "mode": mode, "day": day,
                        "can_book": permissions.can_book(request.user, instrument)})
        return render(request, "instruments/calendar.html", context)

    def _busy(self, instrument, first: dt.date, last: dt.date):
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
        # Past slots that were used stay on the calendar: they show how busy the instrument is.
        shown = (*Booking.ACTIVE, Booking.Status.USED)
        bookings = list(Booking.objects.filter(instrument=instrument, status__in=shown).overlapping(start, end))
        blackouts = list(instrument.blackouts.filter(start__lt=end, end__gt=start))
        return bookings, blackouts

    def week(self, instrument, day: dt.date) -> dict:
        monday = day - dt.timedelta(days=day.weekday())
        days = [monday + dt.timedelta(days=i) for i in range(7)]
        bookings, blackouts = self._busy(instrument, days[0], days[-1])
        hours = range(queries.conf.get("OPEN_HOUR"), queries.conf.get("CLOSE_HOUR"))
        rows = []
        for hour in hours:
            cells = []
            for d in days:
                start = timezone.make_aware(dt.datetime.combine(d, dt.time(hour)))
                end = start + dt.timedelta(hours=1)
                cells.append({"start": start, "state": _cell_state(start, end, bookings, blackouts)})
            rows.append({"hour": hour, "cells": cells})
        week = dt.timedelta(days=7)
        return {"days": days, "rows": rows, "prev": monday - week, "next": monday + week}

    def month(self, instrument, day: dt.date) -> dict:
        weeks = calendar_module.Calendar().monthdatescalendar(day.year, day.month)
        bookings, blackouts = self._busy(instrument, weeks[0][0], weeks[-1][-1])
        cells = [[{"day": d, "in_month": d.month == day.month,
                   "bookings": [b for b in bookings if timezone.localdate(b.start) <= d <= timezone.localdate(b.end)],
                   "blackout": any(timezone.localdate(b.start) <= d <= timezone.localdate(b.end) for b in blackouts)}
                  for d in week] for week in weeks]
        first = day.replace(day=1)
        return {"weeks": cells, "prev": (first - dt.timedelta(days=1)).replace(day=1),
                "next": (first + dt.timedelta(days=32)).replace(day=1)}


def _cell_state(start, end, bookings, blackouts) -> str:
    if any(b.start < end and b.end > start for b in blackouts):
        return "blackout"
    for booking in bookings:
        if booking.start < end and booking.end > start:
            return booking.status
    return "past" if start < timezone.now() else "free"


class ICSView(LoginRequiredMixin, View):
    """The instrument's pending and confirmed bookings for the owner's calendar application."""

    def get(self, request, pk):
        from icalendar import Calendar, Event

        instrument = get_visible_or_404(Instrument, request.user, pk=pk)
        require(permissions.can_manage(request.user, instrument) or request.user.is_bureau_wide)
        feed = Calendar()
        feed.add("prodid", "-//TechBureau//instruments//ZH")
        feed.add("version", "2.0")
        feed.add("x-wr-calname", instrument.name)
        since = timezone.now() - dt.timedelta(days=90)
        for booking in instrument.bookings.active().filter(end__gte=since).select_related("user", "organisation"):
            event = Event()
            event.add("uid", f"booking-{booking.pk}@techbureau")
            event.add("dtstart", booking.start)
            event.add("dtend", booking.end)
            event.add("dtstamp", booking.updated_at)
            event.add("summary", f"{booking.get_status_display()} {booking.organisation or booking.user}")
            event.add("description", booking.purpose)
            feed.add_component(event)
        response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="instrument-{instrument.pk}.ics"'
        return response


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("关键词"), required=False, max_length=100)
    category = forms.ChoiceField(label=gettext_lazy("仪器类别"), required=False,
                                 choices=[("", "—"), *Category.choices])
    region = forms.ModelChoiceField(label=gettext_lazy("县区"), required=False, to_field_name="code",
                                    queryset=Region.objects.exclude(level=Region.Level.CITY))
    free_from = forms.DateField(label=gettext_lazy("空闲时段起"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    free_to = forms.DateField(label=gettext_lazy("空闲时段止"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=gettext_lazy("连续空闲(小时)"), required=False, min_value=Decimal("0.5"),
                               max_value=12, initial=2)

    def clean(self):
        data = super().clean()
        start, end = data.get("free_from"), data.get("free_to")
        if bool(start) != bool(end):
            raise ValidationError(_("请同时填写空闲时段的起止日期。Give both dates of the period."))
        if start and end and not dt.timedelta(0) <= end - start <= dt.timedelta(days=62):
            raise ValidationError(_("空闲时段须在 62 天以内且止日不早于起日。The period is invalid."))
        return data


class SearchView(LoginRequiredMixin, View):
    """The network search: category, county, free text, and a free slot in a period."""

    def get(self, request):
        require(permissions.can_use_network(request.user))
        form = SearchForm(request.GET or None)
        instruments = Instrument.objects.visible_to(request.user).bookable().select_related("owner__region")
        results = None
        if form.is_valid():
            results = self.search(instruments, form.cleaned_data)
        page = CappedCountPaginator(results if results is not None else instruments, 20,
                                    count_cap=count_cap(request.GET.get("q"))).get_page(request.GET.get("page"))
        return render(request, "instruments/search.html", {"form": form, "page": page,
                                                           "querystring": _without_page(request)})

    @staticmethod
    def search(instruments: QuerySet, data: dict) -> list | QuerySet:
        """The instruments found; a text search stays a queryset, so that its pages are read one at
        a time and its count stops at the cap (core.paging)."""
        from core.search import search

        if data.get("q"):
            instruments = search(instruments, data["q"])
        if data.get("category"):
            instruments = instruments.filter(category=data["category"])
        if data.get("region"):
            instruments = instruments.filter(region_q([data["region"].code], "owner__region__code"))
        if data.get("free_from"):
            start = timezone.make_aware(dt.datetime.combine(data["free_from"], dt.time.min))
            end = timezone.make_aware(dt.datetime.combine(data["free_to"] + dt.timedelta(days=1), dt.time.min))
            return queries.with_free_slot(instruments, max(start, timezone.now()), end, data.get("hours") or 2)
        return instruments


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class UsageView(ServiceFormView):
    """Record the use of a confirmed booking (hours, samples, operator); the fee follows."""

    form_class = UsageForm
    template_name = "instruments/usage_form.html"
    success_message = gettext_lazy("已登记使用。Usage recorded.")

    def get_object(self, request, pk=None) -> Booking:
        booking = get_visible_or_404(Booking, request.user, pk=pk)
        require(permissions.can_approve(request.user, booking))
        return booking

    def get_initial(self, request, booking) -> dict:
        return {"hours": booking.hours.quantize(Decimal("0.01"))}

    def get_context(self, request, booking, form) -> dict:
        return {"booking": booking}

    def run(self, request, booking, form) -> None:
        data = form.cleaned_data
        services.act(request.user, booking, "record_use", comment=data["comment"], hours=data["hours"],
                     samples=data["samples"], operator=data["operator"])


class StatisticsView(LoginRequiredMixin, View):
    BY = {"instrument": gettext_lazy("按仪器"), "owner": gettext_lazy("按单位"), "county": gettext_lazy("按县区")}

    def get(self, request):
        require(permissions.can_view(request.user))
        year = _year(request)
        by = request.GET.get("by") if request.GET.get("by") in self.BY else "owner"
        visible = Instrument.objects.visible_to(request.user)
        rows, overall = queries.statistics(visible, year, by)
        return render(request, "instruments/statistics.html", {
            "year": year, "by": by, "choices": self.BY, "rows": rows, "total": overall,
            "coverage": queries.coverage(visible), "title": _("共享统计"),
        })


class EvaluationView(LoginRequiredMixin, View):
    def get(self, request):
        require(permissions.can_view(request.user))
        year = _year(request)
        rows = queries.evaluation(Instrument.objects.visible_to(request.user), year)
        return render(request, "instruments/evaluation.html", {
            "year": year, "rows": rows, "idle_rate": queries.conf.get("IDLE_RATE"), "title": _("开放共享评价"),
        })


class StatementView(LoginRequiredMixin, View):
    def get(self, request):
        require(permissions.can_view_statements(request.user))
        today = timezone.localdate()
        year = _year(request)
        try:
            month = int(request.GET.get("month", today.month))
        except ValueError:
            month = today.month
        month = month if 1 <= month <= 12 else today.month
        visible = Usage.objects.visible_to(request.user)
        fmt = request.GET.get("format")
        if fmt == "xlsx":
            return documents.xlsx_response(request.user, visible, year, month)
        if fmt == "docx":
            return documents.docx_response(request.user, visible, year, month)
        return render(request, "instruments/statements.html", {
            "year": year, "month": month, "months": range(1, 13), "title": _("月度结算单"),
            "statements": documents.statements(visible, year, month),
        })
