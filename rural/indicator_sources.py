"""Indicator data sources over rural S&T records (seed §11).

* key counties lifted out of poverty — the poverty-aid records of the plan year whose county was
  recognised as lifted on or before `as_of` (the seed: 5 counties helped by the Ministry of
  Transport, all lifted in 2008);
* households reached by the 科技富民强县 county actions of the plan year (each action reports the
  households it brings along).
"""

import datetime as dt
from dataclasses import replace

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, aggregate_of, as_whole, register

from .models import CountyAction, PovertyAid


def counties_lifted(year: int, as_of: dt.date) -> QuerySet:
    return PovertyAid.objects.filter(year=year, status=PovertyAid.Status.LIFTED, lifted_on__lte=as_of).select_related(
        "region"
    )


def county_actions(year: int, as_of: dt.date) -> QuerySet:
    # An action is approved for its year as a whole: the figure does not move with `as_of`.
    return CountyAction.objects.filter(year=year).select_related("region")


# Each county once, however many aid records it has (the region is never null).
_counties_lifted_value = aggregate_of(counties_lifted, Count("region", distinct=True), as_whole)
_households_value = aggregate_of(county_actions, Sum("households"), as_whole)


for _source in (
    DataSource("rural.counties_lifted", _("国家扶贫开发重点县全面脱贫"), "个", _counties_lifted_value, counties_lifted),
    DataSource("rural.households_reached", _("科技富民强县专项行动带动农户"), "户", _households_value, county_actions),
):
    # Set here once: every source of this module is the rural app's.
    register(replace(_source, app="rural"))
