"""Intermediary agencies used to be a kind of registries.Platform (with many duplicated demo rows).
They now live here, in one place: each distinct agency platform (host and name) becomes an Agency,
its passed/failed annual reviews become evaluations, and the platform rows are removed."""

from django.db import migrations

KIND = {"transfer": "transfer", "incubation": "incubation", "venture": "venture", "consulting": "consulting",
        "ip_agency": "ip_agency"}
GRADE = {"passed": "pass", "failed": "fail"}


def move(apps, schema_editor):
    Platform = apps.get_model("registries", "Platform")
    Agency = apps.get_model("agencies", "Agency")
    AgencyEvaluation = apps.get_model("agencies", "AgencyEvaluation")
    made = {}
    for platform in Platform.objects.filter(kind="agency").order_by("pk"):
        key = (platform.host_id, platform.name)
        if key not in made:
            made[key] = Agency.objects.create(
                name=platform.name, kind=KIND.get(platform.agency_type, "consulting"), level=platform.level,
                organisation_id=platform.host_id, valid_from=platform.recognised_on,
                description=platform.description, search_text=platform.search_text,
            )
        for report in platform.annual_reports.filter(status__in=GRADE):
            AgencyEvaluation.objects.get_or_create(
                agency=made[key], year=report.year,
                defaults={"grade": GRADE[report.status], "comment": report.summary},
            )
        platform.delete()


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial"), ("registries", "0003_merge_20261129_0944")]
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
