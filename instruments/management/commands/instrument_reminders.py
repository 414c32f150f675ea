from django.core.management.base import BaseCommand

from instruments.services import send_reminders


class Command(BaseCommand):
    help = "Remind bookers of tomorrow's confirmed instrument bookings (each once; run it daily, e.g. from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminders sent")
