"""Tunable figures of the sharing network, each overridable in settings (INSTRUMENTS_<NAME>)."""

from decimal import Decimal

from django.conf import settings

DEFAULTS = {
    # 大型科研仪器: original value of 50万元 or more (national rules on opening instruments).
    "LARGE_VALUE": Decimal("500000"),
    # Effective machine hours a year an instrument is expected to be available (年有效工作机时).
    "ANNUAL_HOURS": 1800,
    # Booking hours of a day (Beijing time) shown in calendars and searched for free slots.
    "OPEN_HOUR": 8,
    "CLOSE_HOUR": 20,
    # The city whose enterprises get the city-enterprise price (GB/T 2260 prefix).
    "CITY_CODE": "410300",
    # An instrument used for less than this share of its available hours is idle.
    "IDLE_RATE": Decimal("0.10"),
    # Targets of the openness evaluation: full marks at these rates.
    "TARGET_UTILISATION": Decimal("0.50"),
    "TARGET_SHARING": Decimal("0.30"),
    # Photos of an instrument: raster images only, each at most this size, at most this many.
    "PHOTO_MAX_BYTES": 5 * 1024 * 1024,
    "MAX_PHOTOS": 12,
}


def get(name: str):
    return getattr(settings, f"INSTRUMENTS_{name}", DEFAULTS[name])
