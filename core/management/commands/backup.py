from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core import audit
from core.backup import check_path


class Command(BaseCommand):
    help = (
        "Write the whole database to FILE (.json, or .json.gz/.bz2/.xz) with full-precision times, "
        "so `restore` gives back exactly this data and `audit_verify` passes. Uploaded files "
        "(MEDIA_ROOT) are copied separately."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            path = check_path(options["file"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        call_command("dumpdata", format="exactjson", output=str(path), all=True, verbosity=0)
        head = audit.head()
        self.stdout.write(f"backup written to {path}" + (f"; audit head {head}" if head else ""))
