"""Keyset ("seek") pagination for the public lists: a page is the rows after (or before) the last
row seen, in a fixed total order ending in the primary key. No COUNT(*) and no OFFSET, so every
page costs the same however deep, and a new record moves the pages at once (nothing is cached).

The cursor is the last row's key values, opaque to the visitor (URL-safe base64 of JSON). Null
keys sort last going forward on every database (explicit NULLS LAST), so no row is skipped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str  # "" when this is the last page
    previous_cursor: str  # "" when this is the first page


def _value(obj, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part) if obj is not None else None
    return obj


def _dump(value: Any) -> list:
    if isinstance(value, dt.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    return ["v", value]


def _load(item: list) -> Any:
    tag, value = item
    if tag == "t":
        return dt.datetime.fromisoformat(value)
    if tag == "d":
        return dt.date.fromisoformat(value)
    if tag == "n":
        return Decimal(value)
    if tag == "v" and (value is None or isinstance(value, int | str)):
        return value
    raise ValueError(tag)


def encode(obj, order: tuple[str, ...]) -> str:
    values = [_dump(_value(obj, key.lstrip("-"))) for key in order]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(token: str, order: tuple[str, ...]) -> list | None:
    """The key values of a cursor, or None for a malformed one (then the first page is shown)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = [_load(item) for item in json.loads(raw)]
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        return None
    return values if len(values) == len(order) else None


def nullable(model, path: str) -> bool:
    """Whether a key (possibly across relations) may be null; only those get NULLS LAST, so the
    others keep plain orderings that an index serves."""
    *relations, name = path.split("__")
    for relation in relations:
        field = model._meta.get_field(relation)
        if field.null:
            return True
        model = field.related_model
    return model._meta.get_field(name).null


def _ordering(order: tuple[str, ...], backward: bool, model=None) -> list:
    terms = []
    for key in order:
        descending = key.startswith("-") != backward
        field = F(key.lstrip("-"))
        # Nulls last going forward; walking backward the whole order is mirrored.
        nulls = {}
        if model is None or nullable(model, key.lstrip("-")):
            nulls = {"nulls_first": True} if backward else {"nulls_last": True}
        terms.append(field.desc(**nulls) if descending else field.asc(**nulls))
    return terms


def _beyond(key: str, value: Any, backward: bool, may_be_null: bool) -> Q:
    field = key.lstrip("-")
    descending = key.startswith("-") != backward
    if value is None:  # nulls are last going forward: nothing is beyond; backward, every non-null is
        return Q(**{f"{field}__isnull": False}) if backward else Q(pk__in=[])
    beyond = Q(**{f"{field}__{'lt' if descending else 'gt'}": value})
    return beyond | Q(**{f"{field}__isnull": True}) if may_be_null and not backward else beyond


def _equal(key: str, value: Any) -> Q:
    field = key.lstrip("-")
    return Q(**{f"{field}__isnull": True}) if value is None else Q(**{field: value})


def _seek(model, order: tuple[str, ...], values: list, backward: bool) -> Q:
    condition = Q(pk__in=[])
    for index, key in enumerate(order):
        step = _beyond(key, values[index], backward, nullable(model, key.lstrip("-")))
        for previous, value in zip(order[:index], values[:index], strict=True):
            step &= _equal(previous, value)
        condition |= step
    return condition


def paginate(queryset: QuerySet, order: tuple[str, ...], *, after: str = "", before: str = "",
             size: int = 50) -> Page:
    """One page of `queryset` in `order` after the cursor `after` (or before `before`)."""
    token = after or before
    values = decode(token, order) if token else None
    backward = bool(before) and not after and values is not None
    queryset = queryset.order_by(*_ordering(order, backward, queryset.model))
    if values is not None:
        queryset = queryset.filter(_seek(queryset.model, order, values, backward))
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()
        has_next, has_previous = True, more
    else:
        has_next, has_previous = more, values is not None
    return Page(
        rows=rows,
        next_cursor=encode(rows[-1], order) if rows and has_next else "",
        previous_cursor=encode(rows[0], order) if rows and has_previous else "",
    )
