from django.db import migrations


def load_programs(apps, schema_editor):
    from projects.programs import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial"), ("directory", "0002_reference_data")]
    operations = [migrations.RunPython(load_programs, migrations.RunPython.noop)]
