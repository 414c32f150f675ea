"""Indicator data sources of the technology market (seed §14: 完善技术市场体系建设)."""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, aggregate_of, count_of, register

from .models import TechContract


def registered(year: int, as_of: dt.date) -> QuerySet:
    return TechContract.objects.registered_in(year, as_of).select_related("buyer", "seller")


def _in_wan(total: Decimal | None) -> Decimal:
    return ((total or Decimal("0")) / Decimal("10000")).quantize(Decimal("0.01"))


# The year's registered contract amount in 万元.
registered_amount = aggregate_of(registered, Sum("amount"), _in_wan)


register(DataSource("agencies.contract_amount", _("登记技术合同成交额"), "万元", value=registered_amount,
                    records=registered, app="agencies"))
register(DataSource("agencies.contract_count", _("登记技术合同数"), "项",
                    value=count_of(registered), records=registered,
                    app="agencies"))
