"""manage.py plan_alerts [--date YYYY-MM-DD] [--enqueue]

Run once a day (cron, a systemd timer or the db_worker; see README): tells the responsible
division's officers and the leader, in the app and by e-mail, when an indicator of this year's
confirmed plan turns 存在风险 or 滞后 or a milestone becomes overdue. Running it again the same
day, or every day while nothing changes, sends nothing new.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from plans import alerts
from plans.services import SystemActor
from plans.tasks import send_plan_alerts


class Command(BaseCommand):
    help = "Send the plan's at-risk, behind and overdue-milestone alerts (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="check as of this day (default: today)")
        parser.add_argument("--enqueue", action="store_true", help="queue the run for `manage.py db_worker`")

    def handle(self, *args, date, enqueue: bool, **options):
        if enqueue:
            result = send_plan_alerts.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from exc
        result = alerts.run(SystemActor("plan_alerts"), day)
        self.stdout.write(
            f"indicators alerted: {result.indicators}, milestones alerted: {result.milestones}, "
            f"notifications: {result.notifications}, e-mails: {result.emails}"
        )
