"""Spreadsheet cells that stay data: a text cell starting with a formula trigger is read as a
formula by Excel, LibreOffice or Sheets (CSV injection, OWASP). Pure Python, so CSV writers
outside Django can use it too."""

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet opens as text: a leading apostrophe neutralises a formula."""
    if not is_formula_like(value):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value  # "-12.5" is a number, and stays one
