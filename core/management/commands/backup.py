from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from core import audit
from core.backup import FileCommand


class Command(FileCommand):
    help = (
        "Write the whole database to FILE (.json, or .json.gz/.bz2/.xz) with full-precision times, "
        "so `restore` gives back exactly this data and `audit_verify` passes. Uploaded files "
        "(MEDIA_ROOT) are copied separately."
    )

    def handle_file(self, path: Path) -> None:
        # An unmanaged model maps a table the database keeps for itself (projects' FTS5 index on
        # SQLite, absent on PostgreSQL): derived from the data, rebuilt by its triggers, not data.
        derived = [model._meta.label for model in apps.get_models() if not model._meta.managed]
        call_command("dumpdata", format="exactjson", output=str(path), all=True, exclude=derived, verbosity=0)
        head = audit.head()
        self.stdout.write(f"backup written to {path}" + (f"; audit head {head}" if head else ""))
