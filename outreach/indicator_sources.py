"""Indicator data sources over the cultivation lists and events (seed §15, §19, §20).

The lists keep their history, so these are stocks *as of* a day: an enterprise counts as an
innovative-enterprise pilot from the day it entered until it left the list; a listed company from
the day it listed. (The directory's former flags gave only today's count.)"""

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, register

from .models import CultivationEntry, Event

E = CultivationEntry


def innovation_pilots(year: int, as_of: dt.date) -> QuerySet:
    on_list = Q(left_on__isnull=True) | Q(left_on__gt=as_of)
    entries = E.objects.filter(on_list, roster=E.Roster.INNOVATION_PILOT, entered_on__lte=as_of)
    return entries.select_related("organisation")


def listed_companies(year: int, as_of: dt.date) -> QuerySet:
    graduated = Q(status=E.Status.GRADUATED, graduated_on__lte=as_of)
    return E.objects.filter(graduated, roster=E.Roster.LISTING).select_related("organisation")


def events(year: int, as_of: dt.date) -> QuerySet:
    return Event.objects.published().filter(starts_on__year=year, starts_on__lte=as_of).select_related("region")


def _count(records):
    return lambda year, as_of: Decimal(records(year, as_of).count())


def _reach(year: int, as_of: dt.date) -> Decimal:
    return Decimal(events(year, as_of).aggregate(total=Sum("reach"))["total"] or 0)


SOURCES = [
    ("outreach.innovation_pilots", _("创新型试点企业"), "家", _count(innovation_pilots), innovation_pilots),
    ("outreach.listed_companies", _("上市科技型企业"), "家", _count(listed_companies), listed_companies),
    ("outreach.event_reach", _("科普活动受众"), "人次", _reach, events),
]
for key, label, unit, value, records in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="outreach"))
