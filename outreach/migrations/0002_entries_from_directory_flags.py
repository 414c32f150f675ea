"""The directory's two flags (上市公司, 创新型企业试点) become cultivation-list entries, before the
directory drops them (directory 0007 runs after this). The flags had no date: an entry takes the
day the organisation was registered, and says where it came from."""

from django.db import migrations
from django.utils import timezone

NOTE = "由单位名录的标记迁移"


def forwards(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    CultivationEntry = apps.get_model("outreach", "CultivationEntry")
    rows = []
    for org in Organisation.objects.filter(innovation_pilot=True).only("pk", "created_at"):
        rows.append(CultivationEntry(organisation_id=org.pk, roster="innovation_pilot", status="cultivating",
                                     entered_on=timezone.localdate(org.created_at), note=NOTE))
    for org in Organisation.objects.filter(listed_company=True).only("pk", "created_at"):
        day = timezone.localdate(org.created_at)
        rows.append(CultivationEntry(organisation_id=org.pk, roster="listing", status="graduated", entered_on=day,
                                     graduated_on=day, note=NOTE))
    CultivationEntry.objects.bulk_create(rows, batch_size=1000)


def backwards(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    CultivationEntry = apps.get_model("outreach", "CultivationEntry")
    pilots = CultivationEntry.objects.filter(roster="innovation_pilot").exclude(status="withdrawn")
    Organisation.objects.filter(pk__in=pilots.values("organisation_id")).update(innovation_pilot=True)
    listed = CultivationEntry.objects.filter(roster="listing", status="graduated")
    Organisation.objects.filter(pk__in=listed.values("organisation_id")).update(listed_company=True)
    CultivationEntry.objects.filter(note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("directory", "0006_alter_person_unique_person_id_number"),
    ]
    run_before = [("directory", "0007_remove_enterprise_flags")]

    operations = [migrations.RunPython(forwards, backwards)]
