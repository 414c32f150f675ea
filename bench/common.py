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
