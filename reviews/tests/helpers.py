"""Builders for review tests: rows are written directly (fixtures are not user actions)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.testing import make_organisation, make_person, make_user
from projects.tests.helpers import make_project
from projects.workflow import State
from reviews.models import Criterion, Discipline, Expert, ReviewRound, ScoreTemplate


def make_template() -> ScoreTemplate:
    template = ScoreTemplate.objects.create(name=f"评分表{ScoreTemplate.objects.count() + 1}")
    Criterion.objects.create(template=template, name="创新性", weight=Decimal("0.6"), max_score=10, order=1)
    Criterion.objects.create(template=template, name="可行性", weight=Decimal("0.4"), max_score=20, order=2)
    return template


def make_expert(
    org=None,
    name="专家",
    *,
    user=None,
    status=Expert.Status.ACTIVE,
    profile="盾构机 主轴承 装备制造",
    keywords="盾构机",
    codes=("46020",),
    **fields,
) -> Expert:
    org = org or make_organisation("410311", kind="university")
    person = make_person(org, name)
    if user is not None:
        type(user).objects.filter(pk=user.pk).update(person=person)
        user.refresh_from_db()
    expert = Expert.objects.create(
        person=person, user=user, status=status, profile=profile, keywords=keywords, **fields
    )
    expert.disciplines.set(Discipline.objects.filter(code__in=codes))
    return expert


def make_expert_user(name: str, org=None, **fields) -> Expert:
    return make_expert(org, name, user=make_user("expert"), **fields)


def make_round(template=None, **fields) -> ReviewRound:
    now = timezone.now()
    values = {
        "title": f"2008年攻关项目网评第{ReviewRound.objects.count() + 1}组",
        "year": timezone.localdate(now).year,
        "template": template or make_template(),
        "reviewers_per_item": 2,
        "expert_cap": 3,
        "starts_on": timezone.localdate(now),
        "due_at": now + dt.timedelta(days=7),
        "funding_count": 1,
    }
    values.update(fields)
    return ReviewRound.objects.create(**values)


def review_project(pi, org, title="盾构机主轴承关键技术研究", **fields):
    return make_project(pi, org, status=State.EXPERT_REVIEW, title=title, review_score=None, **fields)

