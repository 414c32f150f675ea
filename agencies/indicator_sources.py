"""Indicator data sources of the technology market (seed §14: 完善技术市场体系建设)."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, count_of, register

from .models import TechContract


def registered(year: int, as_of: dt.date) -> QuerySet:
    return TechContract.objects.registered_in(year, as_of).select_related("buyer", "seller")


def registered_amount(year: int, as_of: dt.date) -> Decimal:
    """The year's registered contract amount in 万元."""
    total = registered(year, as_of).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return (total / Decimal("10000")).quantize(Decimal("0.01"))


register(DataSource("agencies.contract_amount", _("登记技术合同成交额"), "万元", value=registered_amount,
                    records=registered, app="agencies"))
register(DataSource("agencies.contract_count", _("登记技术合同数"), "项",
                    value=count_of(registered), records=registered,
                    app="agencies"))
