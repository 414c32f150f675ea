"""The home page (the plan dashboard) at province scale, and the raw SQL behind its numbers.

    .venv/bin/python bench/bench_dashboard.py [--repeat 20]

Seeds (once) the province scale of the apps whose records feed the indicators and the plan
itself, in the shared province database: directory, accounts and projects (200,000 projects).
The million patents of `ip` stay out of that database on purpose (bench_patents.py keeps them
in their own), and registries is added once its demo seeds cleanly; indicators whose sources
have no 2008 records there run on manual reports. It times the dashboard page, its Excel
export, its print page, the API and an indicator's drill-down page through Django's test
client (p50/p95 and query count). For comparison it replays the SQL the dashboard ran to
compute its numbers (captured once) directly on the database cursor: the difference is Python,
templates and the charts' JSON.
"""

import argparse
import json
import statistics
import time

from common import ensure_province, setup_django, time_requests

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
        "what": "raw SQL behind the dashboard numbers",
        "indicators": len(rows),
        "on_sources": sum(1 for r in rows if r.source_label),
        "statements": len(statements),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat

    from django.test import Client

    from accounts.models import User
    from plans.models import Indicator

    started = time.monotonic()
    ensure_province("directory", "accounts", "projects", "plans")
    print(f"# seeded/checked in {time.monotonic() - started:.0f}s", flush=True)
    sourced = Indicator.objects.filter(plan__status="confirmed").exclude(source_key="").order_by("pk").first()
    urls = {
        "leader": ["/", "/?export=xlsx", "/?print=1", "/api/plan-dashboard/"],
        "officer": ["/", "/?division=1"],
    }
    if sourced is not None:
        urls["leader"].append(f"/plans/indicators/{sourced.pk}/")
    results = []
    for username, user_urls in urls.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in user_urls:
            results.append({"user": username, **time_requests(client, url, repeat=repeat)})
    results.append(raw_sql_timing(repeat))
    for row in results:
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
