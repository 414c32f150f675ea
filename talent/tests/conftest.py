"""The talent tests' records: a programme and a talent in and out of the county's region."""

import datetime as dt
from decimal import Decimal

import pytest

from core.testing import make_person
from talent.models import Programme, Talent


@pytest.fixture
def programme():
    return Programme.objects.create(name="高层次人才引进计划", kind=Programme.Kind.HIGH_LEVEL, cap=Decimal(300_000))


def make_talent(programme, organisation, person=None, **fields) -> Talent:
    fields.setdefault("supported_on", dt.date(2008, 4, 1))
    return Talent.objects.create(
        programme=programme, organisation=organisation, person=person or make_person(organisation, "王人才"), **fields
    )


@pytest.fixture
def talent_a(programme, org_a):
    return make_talent(programme, org_a)


@pytest.fixture
def talent_b(programme, org_b):
    return make_talent(programme, org_b, make_person(org_b, "赵外县"))
