"""Money is stored in yuan and shown in 万元, rounded half up (DESIGN.md rule 4)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()
WAN = Decimal(10000)
CENT = Decimal("0.01")


def to_wan(yuan) -> Decimal | None:
    try:
        return (Decimal(yuan) / WAN).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def wan(yuan) -> str:
    value = to_wan(yuan)
    return "—" if value is None else f"{value:,}"
