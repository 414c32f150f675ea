"""Public portal list pages, downloads and the public API, anonymous, at a scale seeded in minutes:
the city demo data plus extra approved projects copied in bulk (default 100,000).

    cd bench && ../.venv/bin/python bench_portal.py [--extra 100000]
"""

import argparse
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'portal-city.sqlite3'}")

from common import setup_django, time_requests  # noqa: E402

setup_django()

URLS = (
    "/public/",
    "/public/notices/",
    "/public/calls/",
    "/public/results/projects/",
    "/public/results/projects/?after={deep}",
    "/public/results/projects/?year=2008&program=gongguan",
    "/public/results/acceptance/",
    "/public/results/hightech/",
    "/public/results/platforms/",
    "/public/results/county-assessment/",
    "/public/documents/",
    "/api/public/projects/",
    "/api/public/projects/?after={mid}",
)


def analyze() -> None:
    """Table statistics, as PostgreSQL's autovacuum keeps them: without them SQLite's planner takes
    the status index and sorts every approved project instead of walking the list's partial index."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def seed(extra: int) -> None:
    from django.core.management import call_command

    from projects.models import Project

    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="city")
    have = Project.objects.filter(number__startswith="BENCH-").count()
    if have >= extra:
        return
    template = list(Project.objects.filter(approved_at__isnull=False)[:200])
    batch = []
    for index in range(have, extra):
        source = template[index % len(template)]
        source.pk = None
        source.number = f"BENCH-{index:07d}"
        source.year = 2000 + index % 9
        batch.append(Project(**{f.attname: getattr(source, f.attname) for f in Project._meta.concrete_fields}))
        if len(batch) == 5000:
            Project.objects.bulk_create(batch)
            batch = []
    Project.objects.bulk_create(batch)


def main() -> None:
    from django.test import Client

    from projects.models import Project

    parser = argparse.ArgumentParser()
    parser.add_argument("--extra", type=int, default=100_000)
    args = parser.parse_args()
    started = time.monotonic()
    seed(args.extra)
    analyze()
    print(f"# seeded/checked in {time.monotonic() - started:.0f}s; {Project.objects.count()} projects", flush=True)
    client = Client()
    # Deep pages are keyset cursors (portal.keyset): the row 25,000 and 10,000 rows into the list.
    from portal import keyset, lists

    spec = lists.BY_SLUG["projects"]
    cursors = {name: keyset.encode(spec.filtered({})[offset], spec.order)
               for name, offset in (("deep", 25_000), ("mid", 10_000))}
    for url in URLS:
        url = url.format(**cursors)
        print(json.dumps(time_requests(client, url, repeat=30), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
