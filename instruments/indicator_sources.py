"""Indicator data sources of the sharing network (seed §14: widen the coverage of the
large-instrument network and raise the degree of sharing)."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from plans.sources import AggregateOf, DataSource, aggregate_of, as_whole, count_of, register

from .models import Instrument, LiteratureUse, PriceGroup, Usage


def in_network(year: int, as_of: dt.date) -> QuerySet:
    """Large instruments open in the network and bought by `as_of`."""
    return (Instrument.objects.large().filter(in_network=True, purchase_date__lte=as_of)
            .exclude(status=Instrument.Status.RETIRED).select_related("owner"))


def usage_until(year: int, as_of: dt.date) -> QuerySet:
    return Usage.objects.filter(booking__start__year=year, booking__start__date__lte=as_of).select_related(
        "booking__instrument")


def outside_usage(year: int, as_of: dt.date) -> QuerySet:
    return usage_until(year, as_of).exclude(booking__price_group=PriceGroup.INTERNAL)


def _hours(total) -> Decimal:
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _share(used_total, outside_total) -> Decimal:
    used = _hours(used_total)
    return (100 * _hours(outside_total) / used).quantize(Decimal("0.1")) if used else Decimal(0)


# The outside hours' share of the hours used, in percent.
sharing_rate = AggregateOf(((usage_until, Sum("hours")), (outside_usage, Sum("hours"))), _share)


register(DataSource("instruments.in_network", _("入网大型科研仪器"), "台",
                    value=count_of(in_network), records=in_network,
                    app="instruments"))
register(DataSource("instruments.sharing_rate", _("大型仪器共享率(对外服务机时占使用机时)"), "%",
                    value=sharing_rate, records=outside_usage, app="instruments"))
register(DataSource("instruments.outside_hours", _("大型仪器对外服务机时"), "小时",
                    value=aggregate_of(outside_usage, Sum("hours"), _hours), records=outside_usage,
                    app="instruments"))


# The literature sharing platform (科技文献共享服务平台): people served in the year, by the yearly
# service records of every resource in it.
def literature_uses(year: int, as_of: dt.date) -> QuerySet:
    return LiteratureUse.objects.filter(year=year, resource__opened_on__lte=as_of).select_related("resource")


literature_users = aggregate_of(literature_uses, Sum("users_served"), as_whole)


register(DataSource("instruments.literature_users", _("科技文献共享平台服务人次"), "人次",
                    value=literature_users, records=literature_uses, app="instruments"))
