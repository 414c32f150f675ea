"""The demo hook builds a started round the demo expert can open."""

import random

import pytest

from core.testing import make_organisation, make_person, make_user
from reviews import demo
from reviews.models import Expert, Invitation, ReviewRound

from .helpers import review_project

pytestmark = pytest.mark.django_db


def test_demo_seed_makes_a_started_round_with_the_demo_expert(users, org_a):
    from directory.models import Division

    university = make_organisation("410311", kind="university")
    for n in range(8):
        make_person(university, f"教授{n}")
    make_user("officer", "officer", division=Division.objects.get(code="planning"))
    make_user("expert", "expert")
    for title in ("盾构机主轴承研究", "多晶硅提纯工艺", "小麦新品种选育"):
        review_project(users["applicant"], org_a, title=title)
    summary = demo.seed("small", random.Random(1))
    review_round = ReviewRound.objects.get(status="reviewing")
    assert "experts" in summary and review_round.status == "reviewing"
    assert review_round.items.count() == 3
    assert Invitation.objects.filter(expert__user__username="expert").exists()
    assert Expert.objects.filter(status="active").count() >= 8
