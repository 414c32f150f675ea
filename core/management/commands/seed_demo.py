import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.discovery import app_modules
from core.models import SeedRecord

SCALES = ("small", "city", "province")
# SQLite's page cache while seeding (KiB, as PRAGMA cache_size takes it when negative): room for the
# indexes of the million patents, which otherwise go through the default 2 MB page by page.
SQLITE_SEED_CACHE_KIB = 1024 * 1024


@contextmanager
def _large_sqlite_cache():
    """This connection only, for this command only: the previous size is put back after."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_SEED_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def _queries_not_logged():
    """With DEBUG on, every cursor logs its statement with the parameters quoted into it: a sixth of
    the province instruments phase went on quoting bulk_create's 1,000-row INSERTs into a log that
    nobody reads here (settings.DEBUG is read per cursor; nothing else of the seed reads it)."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def _refresh_planner_statistics() -> None:
    """PostgreSQL plans from table statistics, and a bulk load leaves them empty until autovacuum
    gets round to it (never, where autovacuum is off): a fresh province seed planned the work
    queue's count for 24 rows and read 42,586. SQLite is left alone: it has no statistics until
    ANALYZE is run, and the indexes here are chosen for that planner.

    VACUUM as well, where it may run (not inside a transaction, as in a test): a bulk load also
    leaves the visibility map empty, so every index-only scan read the table's pages too, and the
    province dashboard's statements took 1.1 s instead of ~0.1 s until autovacuum came."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


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
        with _large_sqlite_cache(), _queries_not_logged():
            for module in app_modules("demo", [a for a in settings.DEMO_APPS if a in apps]):
                self._seed(module, scale)
        _refresh_planner_statistics()

    def _seed(self, module, scale: str) -> None:
        app = module.__name__.split(".")[0]
        done = SeedRecord.objects.filter(app=app).first()
        if done:
            self.stdout.write(f"{app}: demo data already loaded ({done.scale}), kept")
            return
        started, cpu = time.monotonic(), time.process_time()
        with transaction.atomic():
            # A fixed seed per app and scale: the same command always makes the same data.
            summary = module.seed(scale=scale, rng=random.Random(f"{app}:{scale}"), stdout=self.stdout)
            SeedRecord.objects.create(app=app, scale=scale)
        # CPU time beside the wall time: on a shared machine the wall time also measures the neighbours.
        wall, cpu = time.monotonic() - started, time.process_time() - cpu
        self.stdout.write(f"{app}: {summary or 'done'} ({wall:.1f}s, {cpu:.1f}s CPU)")
