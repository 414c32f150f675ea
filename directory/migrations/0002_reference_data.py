from django.db import migrations


def load_reference_data(apps, schema_editor):
    from directory.reference import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
