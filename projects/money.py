"""Yuan → 万元 for display (DESIGN.md rule 4: Decimal yuan, shown in 万元, ROUND_HALF_UP)."""

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal("10000")


def wan(value, places: int = 2) -> str:
    if value is None or value == "":
        return "—"
    amount = (Decimal(value) / WAN).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{amount:,}"
