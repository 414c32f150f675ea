"""Fast inserts for the demo seeds' large tables (a million patents, 200,000 people).

`bulk_create` builds a model instance per row and prepares every value through the field API;
at these sizes that costs more than the database itself. `insert_rows` takes plain tuples in a
fixed field order, adapts only the columns whose values the driver cannot take as they are
(dates, times, decimals: through the same `get_db_prep_save` that bulk_create uses) and sends
each batch as one prepared statement, so the rows stored, and their ids, are the same.
Records built as model instances (validated ones, or ones used again after the insert) go
through `core.bulk_insert.insert` instead.

`indexes_built_after` lets a seed write a big table's rows before SQLite builds its indexes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

from .bulk_insert import converter

# Columns whose Python values (str, int, bool, None) reach the driver unchanged.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """Dates and decimals repeat across a million rows: each distinct value is converted once."""
    if isinstance(field, _PLAIN):
        return None
    return converter(field, connections[DEFAULT_DB_ALIAS])  # the wrapper itself, not the per-call proxy


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


@contextmanager
def indexes_built_after(*seeded: type[models.Model]) -> Iterator[None]:
    """On SQLite, drop the secondary indexes of the `seeded` models' tables while the block writes
    their rows, then create them again from their own SQL: one sorted build per index instead of a
    b-tree insert per row and index (a million patents under nine indexes: 19.7 s of SQLite's CPU
    against 10.4 s; 200,000 projects carry 35). They come back in their order in the schema, which
    the planner, without statistics, goes by when two indexes cost the same. Inside the seed's
    transaction only: SQLite's schema changes are transactional, so a failure leaves no table
    without its indexes. Other databases keep theirs."""
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_built_after must run inside a transaction")
    quote, indexes = connection.ops.quote_name, []
    with connection.cursor() as cursor:
        for model in seeded:
            # sql is NULL for the indexes SQLite makes itself (primary and unique keys): those stay.
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
                           " AND sql IS NOT NULL ORDER BY rowid", [model._meta.db_table])
            indexes += cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
