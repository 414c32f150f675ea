"""Live data sources for plan indicators: city S&T awards granted, expert reviews completed."""

import datetime as dt
from dataclasses import replace

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from core.models import StatusLog
from plans.sources import DataSource, count_of, end_of, register

from .models import AwardNomination, Invitation


def awards_granted(year: int, as_of: dt.date):
    """Nominations of `year` whose award decision was taken by the end of `as_of`. The decisions by a
    subquery (the log keys its objects by text), not a list of ids read first: the dashboard's
    statement is then compiled once and still reads every new decision (`plans.sources`)."""
    decided = StatusLog.objects.filter(
        content_type=ContentType.objects.get_for_model(AwardNomination),
        object_id=Cast(OuterRef("pk"), CharField()),
        action="award",
        at__lte=end_of(as_of),
    )
    return AwardNomination.objects.filter(year=year, status=AwardNomination.Status.AWARDED).filter(Exists(decided))


def reviews_completed(year: int, as_of: dt.date):
    return Invitation.objects.filter(
        round__year=year, status=Invitation.Status.SUBMITTED, submitted_at__lte=end_of(as_of)
    )


for _source in (
    DataSource(
        "reviews.city_awards", _("市科学技术奖授奖项目"), "项", count_of(awards_granted), awards_granted,
        description=_("当年度提名、在截至日前作出授奖决定的市科技奖励项目数。"),
    ),
    DataSource(
        "reviews.completed_reviews", _("专家评审完成份数"), "份", count_of(reviews_completed), reviews_completed,
        description=_("当年度评审批次中专家已提交的评分表数。"),
    ),
):
    # Set here once: every source of this module is the reviews app's.
    register(replace(_source, app="reviews"))
