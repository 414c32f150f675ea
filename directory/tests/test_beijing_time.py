"""Validity dates and birth dates compare with the Beijing date at 23:30 and at 00:30."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from core.validators import validate_resident_id
from directory import demo_data
from directory.models import Region

pytestmark = pytest.mark.django_db


def test_region_abolished_today_is_no_longer_current(beijing_edge, reference_data):
    region = Region.objects.get(code="410305")
    region.valid_to = timezone.localdate()
    assert not region.is_current
    region.valid_to = timezone.localdate() + dt.timedelta(days=1)
    assert region.is_current


def test_resident_born_today_is_valid(beijing_edge):
    number = demo_data.resident_id_for(random.Random(1), "410305", timezone.localdate(), demo_data.SEX_MALE)
    assert validate_resident_id(number) == number
