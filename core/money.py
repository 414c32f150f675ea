"""Money is Decimal yuan in the database, shown in 万元 rounded half up (DESIGN.md rule 4)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.functional import lazy

WAN = Decimal(10000)


def to_wan(yuan, places: int = 2) -> Decimal | None:
    try:
        return (Decimal(yuan) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


def wan(yuan, places: int = 2) -> str:
    """'1,234.57' for 12,345,678 yuan; '—' when there is no amount."""
    value = to_wan(yuan, places) if yuan not in (None, "") else None
    return "—" if value is None else f"{value:,}"


def wan_input(yuan) -> str:
    """The value of a 万元 input for an amount in yuan: exact (cents are 6 places), no separators."""
    if yuan in (None, ""):
        return ""
    value = (Decimal(yuan) / WAN).normalize()
    return f"{value:f}"


def is_money(field) -> bool:
    """Money is Decimal yuan in NUMERIC(18,2) (DESIGN.md rule 4)."""
    return isinstance(field, models.DecimalField) and field.max_digits == 18 and field.decimal_places == 2


def _wan_label(label) -> str:
    return str(label).replace("(元)", "") + "(万元)"


# Lazy: table classes are built when the URLconf loads, before any request chose a language.
wan_label = lazy(_wan_label, str)
