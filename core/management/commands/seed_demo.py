import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.discovery import app_modules
from core.models import SeedRecord

SCALES = ("small", "city", "province")


class Command(BaseCommand):
    help = "Load deterministic demo data: each app's demo.seed(scale, rng), once per database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="small")
        parser.add_argument("--only", nargs="*", help="apps to seed (default: all in DEMO_APPS)")

    def handle(self, *args, scale, only, **options):
        apps = only or settings.DEMO_APPS
        unknown = set(apps) - set(settings.DEMO_APPS)
        if unknown:
            raise CommandError(f"unknown apps: {', '.join(sorted(unknown))}")
        for module in app_modules("demo", [a for a in settings.DEMO_APPS if a in apps]):
            app = module.__name__.split(".")[0]
            done = SeedRecord.objects.filter(app=app).first()
            if done:
                self.stdout.write(f"{app}: demo data already loaded ({done.scale}), kept")
                continue
            started = time.monotonic()
            with transaction.atomic():
                # A fixed seed per app and scale: the same command always makes the same data.
                summary = module.seed(scale=scale, rng=random.Random(f"{app}:{scale}"), stdout=self.stdout)
                SeedRecord.objects.create(app=app, scale=scale)
            self.stdout.write(f"{app}: {summary or 'done'} ({time.monotonic() - started:.1f}s)")
