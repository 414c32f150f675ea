from django.db import migrations

from core import search_index

TABLE = "projects_project"


def create(apps, schema_editor):
    # SQLite: an FTS5 index of the segmented text with its triggers; PostgreSQL: a GIN index on
    # its tsvector (core.search_index). 200k projects: a scan of the text took too long.
    search_index.ensure(schema_editor.connection, TABLE)


def drop(apps, schema_editor):
    search_index.drop(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [("projects", "0012_project_region")]
    operations = [migrations.RunPython(create, drop)]
