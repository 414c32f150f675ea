"""Fast inserts for the demo seeds' large tables (a million patents, 200,000 people).

`bulk_create` builds a model instance per row and prepares every value through the field API;
at these sizes that costs more than the database itself. `insert_rows` takes plain tuples in a
fixed field order, adapts only the columns whose values the driver cannot take as they are
(dates, times, decimals: through the same `get_db_prep_save` that bulk_create uses) and sends
them as one prepared statement per batch (SQLite) or one COPY (PostgreSQL), so the rows stored,
and their ids, are the same.
Records built as model instances (validated ones, or ones used again after the insert) go
through `core.bulk_insert.insert` instead.

`indexes_built_after` lets a seed write a big table's rows before the database builds its indexes.
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
    "region_id") into `model`'s table, in order; return how many. No save(), no signals.

    SQLite: each batch as one prepared INSERT (executemany). PostgreSQL: each batch as one
    `COPY … FROM STDIN` (executemany ran an INSERT per row there: a million patents were a million
    statements); the primary key is left to its sequence as the INSERT left it, so the ids are the
    same."""
    listed = [model._meta.get_field(name) for name in names]
    unlisted, constants = _unlisted_values(model, set(names))
    adapters = [(i, adapt) for i, adapt in enumerate(map(_adapter, listed)) if adapt is not None]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in listed + unlisted)
    total = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One COPY per batch, made before it opens: the rows may come from a generator that
            # queries the database, and the connection serves nothing else while a COPY is open.
            # Only the model's own table and column names, quoted, go into the text; the values are data.
            for chunk in _adapted(rows, adapters, constants, batch_size):
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for values in chunk:
                        copy.write_row(values)
                total += len(chunk)
            return total
        placeholders = ", ".join(["%s"] * (len(listed) + len(unlisted)))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for chunk in _adapted(rows, adapters, constants, batch_size):
            cursor.executemany(sql, chunk)
            total += len(chunk)
    return total


def _adapted(rows: Iterable[Sequence[Any]], adapters: list, constants: list, batch_size: int) -> Iterator[list[list]]:
    """The rows in batches, each row's values adapted and the left-out columns' values appended."""
    rows = iter(rows)
    while chunk := list(islice(rows, batch_size)):
        batch = []
        for row in chunk:
            values = list(row)
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            batch.append(values + constants)
        yield batch


@contextmanager
def indexes_built_after(*seeded: type[models.Model]) -> Iterator[None]:
    """Write the `seeded` models' rows first and build their tables' secondary indexes after: one
    sorted build per index instead of a b-tree insert per row and index. Inside the seed's
    transaction only: the schema changes of SQLite and PostgreSQL are transactional, so a failure
    leaves no table without its indexes.

    SQLite: the indexes it did not make itself are dropped and created again from their own SQL (a
    million patents under nine indexes: 19.7 s of SQLite's CPU against 10.4 s; 200,000 projects
    carry 35), in their order in the schema, which the planner, without statistics, goes by when
    two indexes cost the same. PostgreSQL: see `_postgresql_built_after`. Other databases keep theirs."""
    if connection.vendor not in ("sqlite", "postgresql"):
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("indexes_built_after must run inside a transaction")
    tables = [model._meta.db_table for model in seeded]
    if connection.vendor == "postgresql":
        with _postgresql_built_after(tables):
            yield
        return
    quote, indexes = connection.ops.quote_name, []
    with connection.cursor() as cursor:
        for table in tables:
            # sql is NULL for the indexes SQLite makes itself (primary and unique keys): those stay.
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
                           " AND sql IS NOT NULL ORDER BY rowid", [table])
            indexes += cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


# PostgreSQL's memory for one index build while the seed's indexes are built again (its default,
# 64 MB, sorts a million patents' keys on disk and builds a GIN index in several passes).
SEED_MAINTENANCE_WORK_MEM = "256MB"


@contextmanager
def _postgresql_built_after(tables: list[str]) -> Iterator[None]:
    """Drop the tables' indexes that enforce nothing (not unique, not behind a constraint: primary,
    unique and exclusion indexes stay, and so do their checks) and their foreign keys, write the
    rows, then create both again from PostgreSQL's own definitions (pg_get_indexdef,
    pg_get_constraintdef: the same names and SQL), in the order they were made. Indexes on
    expressions or with a WHERE stay too: their definition read back does not always parse to the
    same stored expression (`status IN (…)` came back as `ARRAY[('a'::varchar)::text, …]`).

    A foreign key added again checks every row in one join; kept, it queued a check per row and
    key, each a query of its own at COMMIT (Django's keys are DEFERRABLE INITIALLY DEFERRED): a
    missing row still fails the seed, at the end of the block instead of at COMMIT. Checks already
    queued by the transaction are run first, as ALTER TABLE refuses a table that has some."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        _run_deferred_checks(cursor)
        indexes, keys = [], []
        for table in tables:
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid)"
                " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                " WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary"
                " AND i.indexprs IS NULL AND i.indpred IS NULL"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                " ORDER BY i.indexrelid", [quote(table)])
            indexes += cursor.fetchall()
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                           " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY oid", [quote(table)])
            keys += [(table, name, definition) for name, definition in cursor.fetchall()]
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [SEED_MAINTENANCE_WORK_MEM])
        for _name, sql in indexes:
            cursor.execute(sql)
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [previous])
        _run_deferred_checks(cursor)
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _run_deferred_checks(cursor) -> None:
    """Run the foreign-key checks the transaction has queued, and defer the next ones again (as
    Django's `check_constraints` does)."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
