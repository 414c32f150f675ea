from decimal import Decimal

from django import template

register = template.Library()

STATUS_CLASSES = {
    "achieved": "success",
    "on_track": "primary",
    "at_risk": "warning",
    "behind": "danger",
    "no_data": "secondary",
}


@register.filter
def num(value) -> str:
    """A Decimal as people write it: 3000, 1.5, 12,345.6 — no trailing zeros."""
    if value is None or value == "":
        return "—"
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    text = f"{value.normalize():,f}"
    return text


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "secondary")


@register.filter
def label_of(labels: dict, key: str) -> str:
    return labels.get(key, key)
