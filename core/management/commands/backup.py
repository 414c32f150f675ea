from pathlib import Path

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
        call_command("dumpdata", format="exactjson", output=str(path), all=True, verbosity=0)
        head = audit.head()
        self.stdout.write(f"backup written to {path}" + (f"; audit head {head}" if head else ""))
