"""Price groups and fees (the NUcore shape: a user's organisation decides the price group, the
instrument's fee schedule gives the hourly rate, the fee is fixed when the usage is recorded)."""

from decimal import ROUND_HALF_UP, Decimal

from core.permissions import region_prefix
from directory.models import Organisation

from . import conf
from .models import Instrument, PriceGroup

CENT = Decimal("0.01")


def organisation_of(user) -> Organisation | None:
    """The organisation a user books for: the first of their organisations (by id, so stable)."""
    ids = sorted(user.organisation_ids)
    return Organisation.objects.select_related("region").filter(pk__in=ids).order_by("pk").first() if ids else None


def price_group(instrument: Instrument, organisation: Organisation | None) -> str:
    if organisation is not None and organisation.pk == instrument.owner_id:
        return PriceGroup.INTERNAL
    city = region_prefix(conf.get("CITY_CODE"))
    if organisation is None or not organisation.region.code.startswith(city):
        return PriceGroup.OUTSIDE
    if organisation.kind == Organisation.Kind.ENTERPRISE:
        return PriceGroup.CITY_ENTERPRISE
    return PriceGroup.OTHER_ORGANISATION


def fee(rate: Decimal, hours: Decimal) -> Decimal:
    return (Decimal(rate) * Decimal(hours)).quantize(CENT, rounding=ROUND_HALF_UP)
