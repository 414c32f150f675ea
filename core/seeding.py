"""Fast inserts for the demo seeds' large tables (a million patents, 200,000 people).

`bulk_create` builds a model instance per row and prepares every value through the field API;
at these sizes that costs more than the database itself. `insert_rows` takes plain tuples in a
fixed field order, adapts only the columns whose values the driver cannot take as they are
(dates, times, decimals: through the same `get_db_prep_save` that bulk_create uses) and sends
each batch as one prepared statement, so the rows stored, and their ids, are the same.
Records built as model instances (validated ones, or ones used again after the insert) go
through `core.bulk_insert.insert` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Columns whose Python values (str, int, bool, None) reach the driver unchanged.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, _PLAIN):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _unlisted_values(model: type[models.Model], listed: set[str]) -> tuple[list[models.Field], list[Any]]:
    """The columns the caller left out: the time of the insert for auto_now(_add) fields, else
    the field's constant default (as bulk_create would give them)."""
    now = timezone.now()
    fields, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in listed or field.attname in listed:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.has_default() and callable(field.default):
            # One value shared by every row would be wrong (a uuid, a counter): the caller must list it.
            raise ValueError(f"{model.__name__}.{field.name} has a callable default: give its values")
        else:
            value = field.get_default()
        fields.append(field)
        values.append(field.get_db_prep_save(value, connection))
    return fields, values


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]],
                batch_size: int = 5000) -> int:
    """INSERT `rows` (tuples of values for the fields `names`, foreign keys by attname such as
    "region_id") into `model`'s table, in order; return how many. No save(), no signals."""
    listed = [model._meta.get_field(name) for name in names]
    unlisted, constants = _unlisted_values(model, set(names))
    adapters = [(i, adapt) for i, adapt in enumerate(map(_adapter, listed)) if adapt is not None]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in listed + unlisted)
    placeholders = ", ".join(["%s"] * (len(listed) + len(unlisted)))
    # Only the model's own table and column names, quoted, go into the text; the values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows, total = iter(rows), 0
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, batch_size)):
            params = []
            for row in chunk:
                values = list(row)
                for i, adapt in adapters:
                    values[i] = adapt(values[i])
                params.append(values + constants)
            cursor.executemany(sql, params)
            total += len(chunk)
    return total
