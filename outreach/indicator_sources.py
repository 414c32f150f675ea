"""Indicator data sources over the cultivation lists and events (seed §15, §19, §20).

The lists keep their history, so these are stocks *as of* a day: an enterprise counts as an
innovative-enterprise pilot from the day it entered until it left the list; a listed company from
the day it listed. (The directory's former flags gave only today's count.)"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from plans.sources import AggregateOf, DataSource, aggregate_of, as_whole, count_of, register
from registries.models import Platform

from .models import CultivationEntry, Event

E = CultivationEntry
KEY_ROSTERS = (E.Roster.PROVINCIAL_KEY_100, E.Roster.HIGH_GROWTH_50, E.Roster.CITY_KEY_30)
# What makes "an R&D institution" of a key enterprise (§13 全部建立研发机构): the enterprise R&D
# centres and institutions 13-1 counts as new, and an engineering research centre it hosts.
RD_INSTITUTION_KINDS = (*Platform.ENTERPRISE_RD, Platform.Kind.ENGINEERING_CENTRE)


def innovation_pilots(year: int, as_of: dt.date) -> QuerySet:
    on_list = Q(left_on__isnull=True) | Q(left_on__gt=as_of)
    entries = E.objects.filter(on_list, roster=E.Roster.INNOVATION_PILOT, entered_on__lte=as_of)
    return entries.select_related("organisation")


def listed_companies(year: int, as_of: dt.date) -> QuerySet:
    graduated = Q(status=E.Status.GRADUATED, graduated_on__lte=as_of)
    return E.objects.filter(graduated, roster=E.Roster.LISTING).select_related("organisation")


def events(year: int, as_of: dt.date) -> QuerySet:
    return Event.objects.published().filter(starts_on__year=year, starts_on__lte=as_of).select_related("region")


def key_enterprises(as_of: dt.date) -> QuerySet:
    """Enterprises on any of the key lists on `as_of` (entered by then and not yet left)."""
    on_list = Q(left_on__isnull=True) | Q(left_on__gt=as_of)
    entries = E.objects.filter(on_list, roster__in=KEY_ROSTERS, entered_on__lte=as_of)
    return Organisation.objects.filter(pk__in=entries.values("organisation"))


def key_enterprises_without_rd(year: int, as_of: dt.date) -> QuerySet:
    """The key enterprises hosting no standing R&D institution on `as_of`: the ones to chase."""
    standing = Platform.objects.filter(kind__in=RD_INSTITUTION_KINDS).filter(
        Q(approved_on__lte=as_of) | Q(recognised_on__lte=as_of)
    )
    standing = standing.exclude(status=Platform.Status.REVOKED, revoked_on__lte=as_of)
    return key_enterprises(as_of).exclude(pk__in=standing.values("host")).select_related("region")


def _key_enterprises(year: int, as_of: dt.date) -> QuerySet:
    return key_enterprises(as_of)


def _covered_share(total: int, without_rd: int) -> Decimal:
    if not total:
        return Decimal(0)
    return (Decimal(total - without_rd) * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# The key enterprises' share (%) that host an R&D institution: two counts.
_rd_share = AggregateOf(((_key_enterprises, Count("*")), (key_enterprises_without_rd, Count("*"))), _covered_share)
_reach = aggregate_of(events, Sum("reach"), as_whole)


SOURCES = [
    ("outreach.innovation_pilots", _("创新型试点企业"), "家", count_of(innovation_pilots), innovation_pilots),
    ("outreach.listed_companies", _("上市科技型企业"), "家", count_of(listed_companies), listed_companies),
    ("outreach.event_reach", _("科普活动受众"), "人次", _reach, events),
    (
        "outreach.key_enterprises_rd_share",
        _("重点企业建立研发机构比例"),
        "%",
        _rd_share,
        key_enterprises_without_rd,
    ),
]
for key, label, unit, value, records in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="outreach"))
