from django.core.management.base import BaseCommand, CommandError

from core.audit import verify
from core.models import AuditEntry


class Command(BaseCommand):
    help = "Check the audit log's hash chain; name the first entry that was edited, removed or reordered."

    def handle(self, *args, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(
                f"audit log BROKEN at entry #{broken.pk} ({broken.timestamp:%Y-%m-%d %H:%M:%S} "
                f"{broken.action} {broken.object_repr}): it, or the entry before it, was altered or removed"
            )
        self.stdout.write(f"audit log OK: {AuditEntry.objects.count()} entries, chain intact")
