"""Indicator data sources of the achievement registry (seed §2: 组织实施30个科技成果转化项目;
§14: 科技成果资源共享平台)."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, count_of, register

from .models import Achievement


def transferred(year: int, as_of: dt.date) -> QuerySet:
    """Achievements licensed, sold or put in as capital in the year, up to `as_of`."""
    return Achievement.objects.transferred_in(year, as_of).select_related("owner")


def registered(year: int, as_of: dt.date) -> QuerySet:
    return Achievement.objects.filter(registered_on__year=year, registered_on__lte=as_of).select_related("owner")


register(DataSource("achievements.transferred", _("实施科技成果转化项目(成果许可、转让、作价入股)"), "项",
                    value=count_of(transferred), records=transferred,
                    app="achievements"))
register(DataSource("achievements.registered", _("登记科技成果"), "项",
                    value=count_of(registered), records=registered,
                    app="achievements"))
