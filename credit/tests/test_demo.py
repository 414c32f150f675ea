"""The credit demo hook: a few confirmed events, one pending automatic one, one blacklisting."""

import random

import pytest

from core.testing import make_organisation, make_person
from credit import demo as credit_demo
from credit.models import CreditEvent

pytestmark = pytest.mark.django_db


def test_credit_demo_seed(org_a, org_b):
    for n in range(30):
        make_organisation("410311", name=f"演示企业{n}")
        make_person(org_a, f"人员{n}")
    summary = credit_demo.seed("small", random.Random(1))
    assert "credit events" in summary
    assert CreditEvent.objects.filter(status="pending", automatic=True).count() == 1
    assert CreditEvent.objects.filter(severe=True).count() == 1
