from django.core.management.base import BaseCommand, CommandError

from core.audit import head


class Command(BaseCommand):
    help = (
        "Print the audit log's head as ID:HASH. Keep it outside the database (a ticket, a signed "
        "mail, paper); `audit_verify --anchor ID:HASH` then shows whether entries up to it were "
        "removed or the chain rebuilt."
    )

    def handle(self, *args, **options):
        anchor = head()
        if not anchor:
            raise CommandError("the audit log is empty: nothing to anchor yet")
        self.stdout.write(anchor)
