"""Review windows and demo rounds use Beijing dates at 23:30 and at 00:30 Asia/Shanghai."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from core.testing import make_organisation, make_person, make_user
from reviews import demo, services
from reviews.models import AwardNomination, Exclusion, ReviewRound, Unavailability

from .helpers import make_expert, make_round, review_project

pytestmark = pytest.mark.django_db


def test_unavailable_from_the_beijing_due_date_is_excluded(beijing_edge, users, org_a):
    review_round = make_round(due_at=timezone.now() + dt.timedelta(days=5))
    services.add_items(users["officer"], review_round, [review_project(users["applicant"], org_a)])
    due_day = timezone.localdate(review_round.due_at)
    away = make_expert(None, "出差")
    Unavailability.objects.create(expert=away, starts_on=due_day, ends_on=due_day + dt.timedelta(days=3))
    after = make_expert(None, "之后出差")
    Unavailability.objects.create(expert=after, starts_on=due_day + dt.timedelta(days=1),
                                  ends_on=due_day + dt.timedelta(days=3))
    services.compute_exclusions(users["officer"], review_round)
    assert Exclusion.objects.get(expert=away).rule == Exclusion.Rule.UNAVAILABLE
    assert not Exclusion.objects.filter(expert=after).exists()


def test_demo_round_starts_today_in_beijing(beijing_edge, users, org_a):
    from directory.models import Division

    university = make_organisation("410311", kind="university")
    for n in range(8):
        make_person(university, f"教授{n}")
    make_user("officer", "officer", division=Division.objects.get(code="planning"))
    for title in ("盾构机主轴承研究", "多晶硅提纯工艺", "小麦新品种选育"):
        review_project(users["applicant"], org_a, title=title)
    demo.seed("small", random.Random(1))
    assert ReviewRound.objects.get(status="reviewing").starts_on == beijing_edge.date()
    assert set(AwardNomination.objects.values_list("year", flat=True)) <= {beijing_edge.year}
