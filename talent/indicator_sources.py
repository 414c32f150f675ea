"""Indicator data sources over talent records (seed §17: 培养、引进高层次人才和海外人才).

Flows: people selected by a talent programme in the plan year up to `as_of`, all of them
(supported) or only those who came from elsewhere (introduced). Postdoc workstations are
counted by `registries.postdoc_stations` (a workstation is a platform)."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, count_of, register

from .models import Talent


def talents_supported(year: int, as_of: dt.date) -> QuerySet:
    return (
        Talent.objects.filter(supported_on__year=year, supported_on__lte=as_of)
        .exclude(status=Talent.Status.TERMINATED)
        .select_related("person", "programme", "organisation")
    )


def talents_introduced(year: int, as_of: dt.date) -> QuerySet:
    return talents_supported(year, as_of).filter(origin__in=Talent.INTRODUCED)


for key, label, records in (
    ("talent.supported", _("人才计划入选(资助)人才"), talents_supported),
    ("talent.introduced", _("引进高层次和海外人才"), talents_introduced),
):
    register(DataSource(key=key, label=label, unit="人", value=count_of(records), records=records, app="talent"))
