"""Patent statistics at province scale (1,000,000 patents).

    .venv/bin/python bench/bench_patents.py

The patents live in their own database, var/bench/patents.sqlite3: a million rows would slow
every other benchmark's database, and seeding them holds SQLite's write lock for minutes. The
applicants come from a city-scale directory (5,000 organisations, 20,000 people) — the statistics
group by region and date, so the number of applicants hardly matters — and the patents, the
platforms and the enterprise figures from the province scale. The first run seeds (several
minutes); later runs reuse the database.
"""

import json
import os
import statistics
import time

from common import ROOT

PATENT_DB = ROOT / "var" / "bench" / "patents.sqlite3"


def prepare_database() -> float:
    """Migrate and seed once; returns the seconds spent seeding (0 when reused)."""
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="city", only=["directory", "accounts", "credit"])
    call_command("seed_demo", scale="province", only=["registries", "ip"])
    return round(time.monotonic() - started, 1)


def timed(fn, repeat: int = 5) -> dict:
    fn()  # warm the connection and the page cache
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 1), "max_ms": round(max(timings), 1), "result": result}


def main() -> None:
    PATENT_DB.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{PATENT_DB}"
    from common import setup_django, time_requests

    setup_django()
    seeded_s = prepare_database()

    import datetime as dt

    from django.test import Client

    from accounts.models import User
    from ip import queries, stats
    from ip.models import Patent
    from plans import sources

    total = Patent.objects.count()
    print(f"# {total} patents; seeding (0 if reused) took {seeded_s} s")
    year = stats.Period.year(2007)
    rows = [
        {"what": "year_summary(2007) city", **timed(lambda: queries.year_summary(2007)["applications"])},
        {
            "what": "year_summary(2007) county 410305",
            **timed(lambda: queries.year_summary(2007, "410305")["applications"]),
        },
        {
            "what": "applications 2007 by region × kind (one GROUP BY)",
            **timed(lambda: len(queries.by_region_and_kind(stats.applications(year)))),
        },
        {
            "what": "invention holdings at 2007-12-31",
            **timed(lambda: queries.count(stats.holdings(year.end, queries.INVENTION_KINDS))),
        },
    ]
    for key in ("ip.patent_applications", "ip.invention_application_growth", "ip.invention_holding_growth"):
        source = sources.get(key)
        rows.append(
            {
                "what": f"indicator {key} (2008, as of 2008-07-01)",
                **timed(lambda s=source: str(s.value(2008, dt.date(2008, 7, 1)))),
            }
        )
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    client = Client()
    client.force_login(User.objects.get(username="officer"))
    for url in (
        "/ip/statistics/?year=2007",
        "/ip/patent/",
        "/ip/patent/?kind=invention&region=410305",
        "/ip/patent/?number=200810000001",
        "/api/ip/patents/?filed_from=2008-01-01",
    ):
        print(json.dumps({"user": "officer", **time_requests(client, url, repeat=5)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
