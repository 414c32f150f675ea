"""The indexes that serve `core.search` on a model's segmented `search_text`.

SQLite: an FTS5 external-content table `<table>_fts` over `search_text` (the text is stored once,
in the model's table), kept in step by three triggers. Its tokenizer splits on spaces and
punctuation but keeps jieba's in-word characters (`+#&._%-`), so its tokens are the words of the
segmented text: a query word matches whole tokens only, as the LIKE scan did (科技局 finds
洛阳市科技局, 技局 does not).
PostgreSQL: a stored generated column `search_vector` = to_tsvector('simple', search_text) under a
GIN index, which `core.search` filters on. (An index on the expression alone made PostgreSQL segment
the text of every match again on the re-check: a word in all 200,000 abstracts took 960 ms to
count, 42 ms from the stored column.)

`ensure(connection, table)` creates what is missing and is idempotent: the migration calls it,
and so does post_migrate, because SQLite's schema editor rebuilds a table for many later
migrations (copy, drop, rename), and dropping the old table drops its triggers with it.
"""

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '+#&._%-'"


def fts_table(table: str) -> str:
    return f"{table}_fts"


SEARCH_VECTOR = "search_vector"


class FtsText(models.TextField):
    """The text column of an FTS5 table, mapped by an unmanaged model (never written: the triggers
    keep it), so that a query joins the index instead of reading every match into an IN list."""


@FtsText.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


def gin_index(table: str) -> str:
    return f"{table}_search_gin"


def _triggers(table: str) -> dict[str, str]:
    # Table names come from models (never from input): the DDL is built from them, S608 is moot.
    fts = fts_table(table)
    insert = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"  # noqa: S608
    delete = f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"  # noqa: S608
    return {
        f"{fts}_ai": f"AFTER INSERT ON {table} BEGIN {insert} END",
        f"{fts}_ad": f"AFTER DELETE ON {table} BEGIN {delete} END",
        # Django's save() writes every column: only a changed text touches the index.
        f"{fts}_au": (
            f"AFTER UPDATE OF search_text ON {table} WHEN old.search_text IS NOT new.search_text "
            f"BEGIN {delete} {insert} END"
        ),
    }


def ensure(connection: BaseDatabaseWrapper, table: str) -> None:
    if connection.vendor == "sqlite":
        _ensure_fts(connection, table)
    elif connection.vendor == "postgresql":
        _ensure_vector(connection, table)


def _ensure_vector(connection: BaseDatabaseWrapper, table: str) -> None:
    index = gin_index(table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {SEARCH_VECTOR} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s", [table, index])
        found = cursor.fetchone()
        if found and SEARCH_VECTOR not in found[0]:
            # Built by the first version, on the expression: replaced by the index of the column.
            cursor.execute(f"DROP INDEX {index}")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({SEARCH_VECTOR})")


def _ensure_fts(connection: BaseDatabaseWrapper, table: str) -> None:
    fts = fts_table(table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                       [f"{fts}%"])
        existing = {name for (name,) in cursor.fetchall()}
        missing = {name: sql for name, sql in _triggers(table).items() if name not in existing}
        if not missing and fts in existing:
            return
        if fts not in existing:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
                f"content_rowid='id', tokenize=\"{TOKENIZER}\")"
            )
        for name, sql in missing.items():
            cursor.execute(f"CREATE TRIGGER {name} {sql}")
        # Rows written while a trigger was missing are not in the index: index the table afresh.
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608


def drop(connection: BaseDatabaseWrapper, table: str) -> None:
    fts = fts_table(table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _triggers(table):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {gin_index(table)}")
            cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {SEARCH_VECTOR}")


def ensure_all(**kwargs) -> None:
    """post_migrate: the index of every model that declares one (`search_indexed`)."""
    from django.apps import apps
    from django.db import connections

    connection = connections[kwargs.get("using", "default")]
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if getattr(model, "search_indexed", False) and model._meta.db_table in tables:
            ensure(connection, model._meta.db_table)
