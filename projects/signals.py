"""A project keeps a copy of its undertaker's region (Project.region, for the county lists):
when an organisation moves to another region, its projects move with it, whoever saved it
(directory's service, an import, the admin). directory cannot call projects, so it is told here."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import Organisation

from .models import Project


@receiver(post_save, sender=Organisation, dispatch_uid="projects.follow_organisation_region")
def follow_organisation_region(sender, instance: Organisation, created: bool, **kwargs) -> None:
    if not created:
        Project.objects.filter(applicant_org=instance).exclude(region_id=instance.region_id).update(
            region_id=instance.region_id
        )
