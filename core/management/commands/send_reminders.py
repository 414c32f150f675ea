import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.reminders import send_reminders


class Command(BaseCommand):
    help = "Send today's reminders (report deadlines, review invitations, notice ends); run daily, idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to run for (YYYY-MM-DD), default today")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        for kind, count in send_reminders(today).items():
            self.stdout.write(f"{kind}: {count}")
