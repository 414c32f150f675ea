"""The demo hook: the seed plan, confirmed, with live numbers on every indicator."""

import datetime as dt
import random

import pytest

from plans import dashboard, demo
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_demo_loads_the_seed_plan_confirmed_with_numbers(users):
    summary = demo.seed("small", random.Random("plans:small"))
    plan = Plan.objects.get()
    assert (plan.year, plan.status) == (2008, "confirmed") and "48 indicators" in summary
    # the 43 targets of the text and five added by hand (demo.ADDED)
    assert plan.indicators.count() == 48 and plan.work_items.count() == 20
    assert not plan.indicators.filter(division__isnull=True).exists()
    assert not plan.indicators.filter(leader__isnull=True).exists()
    rows = dashboard.rows_for(dashboard.indicator_queryset(plan), users["leader"], dt.date(2008, 9, 30))
    with_value = [r for r in rows if r.standing.current is not None]
    assert len(with_value) == 48
    statuses = {r.status for r in rows}
    assert len(statuses) >= 3  # a mix, not a wall of one colour
    assert dashboard.overdue_milestones(plan, dt.date(2008, 12, 31)).exists()
