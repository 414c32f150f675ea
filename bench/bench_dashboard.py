"""The home page (the plan dashboard) at province scale, and the SQL behind its numbers.

    .venv/bin/python bench/bench_dashboard.py [--repeat 20]
    DATABASE_URL=postgres://…/tb_x .venv/bin/python bench/bench_dashboard.py   # on PostgreSQL

Runs on the province database with every app seeded (var/bench/province.sqlite3: 50,000
organisations, 200,000 projects, 1,000,000 patents …; seeded here if absent, which takes long:
copy a built one instead) and the Luoyang 2008 plan, whose indicators are linked to every source
that has 2008 records. Times through Django's test client (p50/p95, query count): the leader's
`/` and `/api/plan-dashboard/`, the drill-down page of a manual indicator and of a live one (its
progress curve over the month-ends), and the officer's `/`. Then the SQL the leader's dashboard
ran for its numbers (captured once), replayed on the cursor: the rest of a page's time is Python,
templates and the charts' JSON. Every row carries its ratio to the anchor measured in the same
run (`common.anchor()`) and the load average before it.
"""

import argparse
import json
import statistics
import time

from common import anchor, ensure_province, load_average, setup_django, time_requests, with_ratio

setup_django()


def raw_sql_timing(repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from plans import dashboard
    from plans.models import Plan

    plan = Plan.objects.filter(status="confirmed").first()
    day = dashboard.as_of_for(plan)
    leader = User.objects.get(username="leader")
    # once before: the statements a request runs once the connection has prepared them (PostgreSQL)
    dashboard.rows_for(dashboard.indicator_queryset(plan), leader, day)
    with CaptureQueriesContext(connection) as captured:
        rows = dashboard.rows_for(dashboard.indicator_queryset(plan), leader, day)
    statements = [q["sql"] for q in captured.captured_queries]
    timings = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "url": "raw SQL behind the leader's dashboard numbers",
        "indicators": len(rows),
        "on_sources": sum(1 for r in rows if r.source_label),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "queries": len(statements),
    }


def _drill_downs() -> list[str]:
    """A manual indicator with reports and the first live one (by the plan's order)."""
    from plans.models import Indicator

    confirmed = Indicator.objects.filter(plan__status="confirmed").order_by("order", "pk")
    manual = confirmed.filter(source_key="", reports__isnull=False).distinct().first()
    live = confirmed.exclude(source_key="").first()
    return [f"/plans/indicators/{i.pk}/" for i in (manual, live) if i is not None]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat

    from django.db import connection
    from django.test import Client

    from accounts.models import User

    started = time.monotonic()
    ensure_province()  # every app: the plan's indicators link to every source with records
    print(f"# {connection.vendor}; seeded/checked in {time.monotonic() - started:.0f}s", flush=True)
    reference = anchor()
    print(json.dumps(reference, ensure_ascii=False), flush=True)
    urls = {
        "leader": ["/", "/api/plan-dashboard/", *_drill_downs()],
        "officer": ["/"],
    }
    for username, user_urls in urls.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in user_urls:
            load = load_average()
            row = with_ratio({"user": username, **time_requests(client, url, repeat=repeat)}, reference)
            print(json.dumps({**row, "load": load}, ensure_ascii=False), flush=True)
    load = load_average()
    print(json.dumps({**with_ratio(raw_sql_timing(repeat), reference), "load": load}, ensure_ascii=False))


if __name__ == "__main__":
    main()
