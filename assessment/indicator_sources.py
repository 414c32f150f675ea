"""The plan indicator "将三个一票否决指标纳入全市责任目标考核" (seed §9): how many county-level units
pass every veto item of the year's assessment.

Once the assessment is computed the frozen results answer; before that, the accepted county
reports are checked as they stand (the figures a county reports are yearly, so `as_of` only
decides whether the result was frozen by then).
"""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from directory.models import Region
from plans.sources import DataSource, count_of, register

from .compute import reported, vetoes
from .models import Assessment, CountyReport
from .queries import county_units

KEY = "assessment.counties_passing_vetoes"


def passing_regions(year: int, as_of: dt.date) -> QuerySet:
    assessment = Assessment.objects.filter(scheme__year=year).select_related("scheme").first()
    if assessment is None:
        return Region.objects.none()
    if assessment.snapshot_date and assessment.snapshot_date <= as_of:
        return Region.objects.filter(pk__in=assessment.results.filter(vetoed=False).values("region"))
    figures = reported(assessment)
    veto_items = list(assessment.scheme.veto_items.all())
    accepted = assessment.reports.filter(status=CountyReport.Status.ACCEPTED).values_list("region_id", flat=True)
    passing = [region_id for region_id in accepted if not vetoes(veto_items, region_id, figures)]
    return Region.objects.filter(pk__in=passing)


register(DataSource(
    key=KEY,
    label=_("三个一票否决指标全部达标的县（市、区）"),
    unit="个",
    value=count_of(passing_regions),
    records=passing_regions,
    app="assessment",
    description=_("年度科技进步考核中三项一票否决指标均达标的县级单位数"),
    whole=lambda year: Decimal(county_units(dt.date(year, 12, 31)).count()),
))
