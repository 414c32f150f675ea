from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from core.backup import FileCommand
from core.models import AuditEntry


class Command(FileCommand):
    help = (
        "Load a file written by `backup` into a migrated database that holds no users and no audit "
        "entries yet: every table is emptied first (reference rows and content types included), so "
        "ids come back as they were and the audit chain verifies."
    )

    def handle_file(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if AuditEntry.objects.exists() or get_user_model().objects.exists():
            raise CommandError("the database already holds data; restore into an empty (freshly migrated) database")
        with transaction.atomic():
            # Content types and reference rows made by migrations may carry other ids than in the
            # backup; the backup's own rows replace them.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(path), verbosity=0)
        ContentType.objects.clear_cache()  # ids cached by this process belonged to the old rows
        self.stdout.write(f"restored {path}; {AuditEntry.objects.count()} audit entries")
