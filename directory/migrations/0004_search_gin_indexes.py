from django.db import migrations

TABLES = ("directory_organisation", "directory_person")


def create(apps, schema_editor):
    # PostgreSQL matches the jieba-segmented text as a `simple` tsvector; a GIN index serves it.
    # SQLite matches tokens with LIKE and has no use for it.
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} "
            f"USING gin (to_tsvector('simple'::regconfig, search_text))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_list_indexes")]
    operations = [migrations.RunPython(create, drop)]
