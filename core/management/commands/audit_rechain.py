from django.core.management.base import BaseCommand, CommandError

from core import audit


class Command(BaseCommand):
    help = (
        "One-off upgrade of a log written before the hash was keyed: check the old unkeyed chain "
        "whole, then re-hash every entry with AUDIT_HMAC_KEY. Take an audit_anchor afterwards."
    )

    def handle(self, *args, **options):
        if audit.verify() is None:
            self.stdout.write("audit log already verifies under the key; nothing to do")
            return
        try:
            count = audit.rechain_legacy()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        audit.record(None, "audit_rechain", None, object_repr="audit log", after={"entries": count})
        self.stdout.write(f"re-hashed {count} entries under the key; new head {audit.head()}")
