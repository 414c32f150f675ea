"""Shared benchmark furniture: a province-scale database under var/bench/, and request timing."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = ROOT / "var" / "bench" / "province.sqlite3"


def setup_django() -> None:
    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DB}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbureau.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()


def ensure_province(*apps: str) -> None:
    """Migrate and seed the province scale once; later runs reuse the database."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="province", only=list(apps))


def load_average() -> float:
    """The 1-minute load average just before a measurement: the machine is shared and noisy."""
    return round(os.getloadavg()[0], 2)


def anchor(repeat: int = 30) -> dict:
    """A fixed piece of work timed in the same run as the rows beside it.

    Every row is also given as a ratio to it, so figures taken under different loads can be
    compared: the anonymous login page (a template, a form, middleware, no query on the data)
    through the same test client, plus a fixed SQL statement on an in-memory SQLite database.
    """
    import sqlite3

    from django.test import Client

    page = time_requests(Client(), "/accounts/login/", repeat=repeat)
    memory = sqlite3.connect(":memory:")
    sql = []
    for _ in range(repeat):
        started = time.perf_counter()
        memory.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
            " SELECT count(*), sum(i % 7) FROM n"
        ).fetchone()
        sql.append((time.perf_counter() - started) * 1000)
    sql.sort()
    return {
        "anchor": "login page + 200k-row SQLite CTE",
        "page_p50_ms": page["p50_ms"],
        "sql_p50_ms": round(statistics.median(sql), 1),
        "load": load_average(),
    }


def with_ratio(row: dict, reference: dict) -> dict:
    """A row's p95 as a multiple of the anchor page's p50 measured in the same run."""
    return {**row, "x_anchor": round(row["p95_ms"] / reference["page_p50_ms"], 1)}


def time_requests(client, url: str, repeat: int = 30) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches and the connection
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    timings.sort()
    return {
        "url": url,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "queries": queries,
    }
