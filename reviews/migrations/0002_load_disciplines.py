from django.db import migrations


def load(apps, schema_editor):
    from reviews.disciplines import load as load_disciplines

    load_disciplines(apps.get_model("reviews", "Discipline"))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
