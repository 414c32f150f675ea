import datetime as dt
from decimal import Decimal

import pytest

from instruments.models import Category, Instrument

# A fixed "now" (Beijing 2026-06-01 09:00, a Monday) for the tests where time matters.
BEIJING = dt.timezone(dt.timedelta(hours=8))  # no daylight saving in China
NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=BEIJING)


def make_instrument(owner, **fields) -> Instrument:
    values = {
        "name": "场发射扫描电子显微镜", "model_number": "SU8020", "manufacturer": "日立",
        "category": Category.ANALYSIS, "original_value": Decimal("2800000.00"),
        "purchase_date": dt.date(2020, 3, 1), "location": "A楼101", "operator_contact": "王工 13800000000",
        "slot_minutes": 60, "min_notice_hours": 24, "max_hours": 8, "approval_required": False,
        "training_required": True, "fee_internal": Decimal("100"), "fee_other_org": Decimal("200"),
        "fee_city_enterprise": Decimal("300"), "fee_outside": Decimal("400"),
    }
    values.update(fields)
    return Instrument.objects.create(owner=owner, **values)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A Beijing time in June 2026."""
    return dt.datetime(2026, 6, day, hour, minute, tzinfo=BEIJING)


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def instrument(org_a):
    return make_instrument(org_a)


@pytest.fixture
def instrument_b(org_b):
    return make_instrument(org_b, name="液相色谱-质谱联用仪", category=Category.ANALYSIS)
