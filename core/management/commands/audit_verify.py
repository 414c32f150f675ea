from django.core.management.base import BaseCommand, CommandError

from core.audit import anchor_problem, verify
from core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Check the audit log's keyed hash chain; name the first entry that was edited, removed or "
        "reordered. With --anchor ID:HASH (from audit_anchor) also detect removed newest entries "
        "and a chain rewritten from some point on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anchor", help="a head printed earlier by `manage.py audit_anchor`")

    def handle(self, *args, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(
                f"audit log BROKEN at entry #{broken.pk} ({broken.timestamp:%Y-%m-%d %H:%M:%S} "
                f"{broken.action} {broken.object_repr}): it, or the entry before it, was altered or removed"
            )
        if options["anchor"]:
            try:
                problem = anchor_problem(options["anchor"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            if problem:
                raise CommandError(f"audit log BROKEN: {problem}")
        anchored = ", anchor matches" if options["anchor"] else ""
        self.stdout.write(f"audit log OK: {AuditEntry.objects.count()} entries, chain intact{anchored}")
