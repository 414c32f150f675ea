"""Many new records written at once (an import, the province seed's projects), with the values
`QuerySet.bulk_create` would send but without its SQL building. It takes model instances, which
the caller goes on using (ids set); `core.seeding.insert_rows` takes plain tuples for a seed that
never needs the instances.

`bulk_create` compiles an INSERT of a thousand rows with a placeholder, a `pre_save` and a
`get_db_prep_save` call per value: ≈ 130 µs a patent, a third of writing 100,000 of them
(BENCHMARKS.md, import). Here every row becomes a tuple of the same column values, a built-in
field's conversion runs once per distinct value of its column (dates, keys and choices repeat;
text passes as it is), and the rows go to the database in one statement:

- SQLite: `executemany` of one prepared INSERT. The transaction holds SQLite's only write lock,
  so the rowids it assigns are consecutive: the ids are read back as the range ending at
  `last_insert_rowid()` (checked by a count). The connection's page cache is raised for the
  statement (`SQLITE_INSERT_CACHE_KIB`): the rows go into every index of the table, each at its
  own places (ten indexes on the patents' million rows), and in SQLite's default 2 MB the pages
  touched were evicted again and again, the dirty ones written to the WAL first and read back;
- PostgreSQL: `COPY … FROM STDIN`, with the ids drawn from the table's sequence first.

Any other database, or records that bring their own primary key, go through `bulk_create`.
Triggers, generated columns and indexes see ordinary INSERTs, so the search index stays correct.
"""

import contextlib
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

BULK_BATCH = 1000  # rows per INSERT where bulk_create is used
# SQLite's page cache while the rows are inserted (KiB; only the pages touched are allocated, and
# the previous size is put back after). A cache already larger (the seed's) is left as it is.
SQLITE_INSERT_CACHE_KIB = 256 * 1024


def insert(objs: Sequence[models.Model]) -> list[models.Model]:
    """INSERT `objs` (new records of one model, validated) and set their primary keys."""
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor not in _WRITERS or not _assigns_own_keys(model, objs):
        return model._default_manager.bulk_create(objs, batch_size=BULK_BATCH)
    fields = [f for f in model._meta.concrete_fields if f is not model._meta.pk and not f.generated]
    _set_timestamps(objs, fields)
    rows = list(zip(*(_column(field, objs, connection) for field in fields), strict=True))
    with transaction.atomic(using=connection.alias, savepoint=False):
        ids = _WRITERS[connection.vendor](connection, model, fields, rows)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def _assigns_own_keys(model: type[models.Model], objs: list[models.Model]) -> bool:
    """The database numbers these records (an auto-incremented key none of them has yet)."""
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField) and all(
        obj.pk is None for obj in objs
    )


def _set_timestamps(objs: list[models.Model], fields: list[models.Field]) -> None:
    """auto_now / auto_now_add: one instant for the whole import (bulk_create reads the clock per row)."""
    now = timezone.now()
    for field in filter(_is_timestamp, fields):
        for obj in objs:
            setattr(obj, field.attname, now)


def _is_timestamp(field: models.Field) -> bool:
    return isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add)


def _reads_attribute(field: models.Field) -> bool:
    """The field's pre_save only returns the attribute (a timestamp is set by then)."""
    pre_save = type(field).pre_save
    if pre_save is models.Field.pre_save or _is_timestamp(field):
        return True
    dated = pre_save in (models.DateField.pre_save, models.DateTimeField.pre_save)
    return dated and not (field.auto_now or field.auto_now_add)


def _column(field: models.Field, objs: list[models.Model], connection: BaseDatabaseWrapper) -> list:
    """The column's values for the database, as `converter` converts them, a column at a time:
    the loops run in C, a text column whose values are all text is sent as it is, and a built-in
    field's distinct values are converted once each (a per-value call cost 0.5 s of 100,000 rows)."""
    if _reads_attribute(field):
        values = list(map(attrgetter(field.attname), objs))
    else:
        values = [field.pre_save(obj, add=True) for obj in objs]  # a field that computes its value
    if _plain_text(field) and all(type(value) is str for value in values):
        return values
    if _built_in(field):
        keys = list(zip(map(type, values), values, strict=True))
        try:
            distinct = set(keys)
        except TypeError:  # an unhashable value: converted one by one below
            pass
        else:
            converted = {key: field.get_db_prep_save(key[1], connection) for key in distinct}
            return list(map(converted.__getitem__, keys))
    return list(map(converter(field, connection), values))


_TEXT_PREP = (models.CharField.get_prep_value, models.TextField.get_prep_value)


def _plain_text(field: models.Field) -> bool:
    """The field sends a text value to the database as it is."""
    kind = type(field)
    return (
        kind.get_db_prep_save is models.Field.get_db_prep_save
        and kind.get_db_prep_value is models.Field.get_db_prep_value
        and kind.get_prep_value in _TEXT_PREP
    )


def _built_in(field: models.Field) -> bool:
    """One of Django's own field classes: the same value always converts the same way."""
    return type(field).__module__.startswith("django.db.models.")


def converter(field: models.Field, connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """get_db_prep_save for one column's values: text as is where the field does nothing to it,
    a built-in field's conversion remembered per distinct value, any other field's called each time.
    (core.seeding adapts the seeds' plain rows with it too.)"""
    plain_text, built_in = _plain_text(field), _built_in(field)
    remembered: dict = {}

    def convert(value: Any) -> Any:
        if plain_text and type(value) is str:
            return value
        if not built_in:
            return field.get_db_prep_save(value, connection)
        key = (type(value), value)
        try:
            return remembered[key]
        except KeyError:
            remembered[key] = field.get_db_prep_save(value, connection)
            return remembered[key]
        except TypeError:  # unhashable
            return field.get_db_prep_save(value, connection)

    return convert


def _sqlite(connection: BaseDatabaseWrapper, model: type[models.Model], fields: list, rows: list[tuple]) -> range:
    table, quote = model._meta.db_table, connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor, _sqlite_cache_at_least(cursor, SQLITE_INSERT_CACHE_KIB):
        cursor.executemany(f"INSERT INTO {quote(table)} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608
        cursor.execute("SELECT last_insert_rowid()")
        last = cursor.fetchone()[0]
        ids = range(last - len(rows) + 1, last + 1)
        pk = quote(model._meta.pk.column)
        cursor.execute(f"SELECT count(*) FROM {quote(table)} WHERE {pk} BETWEEN %s AND %s", [ids[0], ids[-1]])  # noqa: S608
        if cursor.fetchone()[0] != len(rows):
            raise RuntimeError(f"{table}: the inserted rows' ids are not consecutive")
    return ids


@contextlib.contextmanager
def _sqlite_cache_at_least(cursor, kib: int):
    """This connection's page cache at least `kib` KiB for a while (PRAGMA cache_size counts KiB
    when negative, pages when positive)."""
    cursor.execute("PRAGMA cache_size")
    previous = cursor.fetchone()[0]
    if previous >= 0:
        cursor.execute("PRAGMA page_size")
        previous_kib = previous * cursor.fetchone()[0] // 1024
    else:
        previous_kib = -previous
    if previous_kib >= kib:
        yield
        return
    cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _postgresql(connection: BaseDatabaseWrapper, model: type[models.Model], fields: list, rows: list[tuple]) -> list:
    table, quote = model._meta.db_table, connection.ops.quote_name
    pk = model._meta.pk
    columns = ", ".join(quote(f.column) for f in [pk, *fields])
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(rows)])
        ids = [pk_value for (pk_value,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row((pk_value, *row))
    return ids


_WRITERS = {"sqlite": _sqlite, "postgresql": _postgresql}
