"""Instrument sharing network on PostgreSQL: the overlap rule under 50 concurrent HTTP requests,
and the free-slot search over a year of bookings for 2,000 instruments.

    cd bench && ../.venv/bin/python bench_instruments.py

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/tb_instruments_bench (created if
missing). The first run seeds a city-scale directory and the province-scale network (2,000+
instruments, a year of bookings each); later runs reuse it. The HTTP part starts gunicorn on
127.0.0.1 only (4 workers × 4 threads), sends 50 simultaneous POSTs of overlapping slots to
/api/instruments/{id}/bookings/ with token auth, and stops the server.
"""

import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from threading import Barrier

from common import ROOT

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/tb_instruments_bench"
PORT = int(os.environ.get("BENCH_PORT", "8118"))
CONCURRENT = 50


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> float:
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="city", only=["directory", "accounts"])
    call_command("seed_demo", scale="province", only=["instruments"])
    return round(time.monotonic() - started, 1)


def timed(fn, repeat: int = 5) -> dict:
    fn()
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 1), "max_ms": round(max(timings), 1), "result": result}


def free_slot_search() -> list[dict]:
    from django.utils import timezone

    from instruments import queries
    from instruments.models import Instrument

    bookable = Instrument.objects.bookable()
    rows = []
    for label, first, days, hours in (("one day, 2 h", dt.date(2008, 6, 11), 1, 2),
                                      ("one week, 4 h", dt.date(2008, 6, 9), 7, 4),
                                      ("one month, 8 h", dt.date(2008, 6, 1), 30, 8)):
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
        end = start + dt.timedelta(days=days)
        rows.append({"what": f"free-slot search over {bookable.count()} instruments: {label}",
                     **timed(lambda s=start, e=end, h=hours: len(queries.with_free_slot(bookable, s, e, Decimal(h))))})
    return rows


def bench_target() -> tuple[int, str, str]:
    """A fresh instrument (no approval, no training) and a token of a user who may book."""
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from accounts.services import assign_role
    from instruments.models import Instrument

    template = Instrument.objects.bookable().order_by("pk").first()
    instrument = Instrument.objects.create(
        owner=template.owner, name="并发测试仪器", category=template.category, original_value=template.original_value,
        purchase_date=template.purchase_date, approval_required=False, training_required=False, max_hours=8)
    user, created = User.objects.get_or_create(username="bench-booker", defaults={"display_name": "bench"})
    if created:
        assign_role(None, user, "public")
    token, _created = Token.objects.get_or_create(user=user)
    return instrument.pk, token.key, user.username


def post(url: str, token: str, body: dict, barrier: Barrier) -> tuple[int, float]:
    # url is always http://127.0.0.1:PORT/… built above.
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={  # noqa: S310
        "Authorization": f"Token {token}", "Content-Type": "application/json"})
    barrier.wait()
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, (time.perf_counter() - started) * 1000


def start_server(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "techbureau.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "4", "--threads", "4",
         "--log-level", "warning"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def concurrent_bookings() -> dict:
    from django.utils import timezone

    from instruments.models import Booking

    pk, token, _username = bench_target()
    day = timezone.localdate() + dt.timedelta(days=10)
    base = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    # Fifty different slots that all overlap 10:00–11:00 (starting 9:00, 10:00; lasting 2 or 3 hours).
    bodies = [{"start": (base + dt.timedelta(hours=i % 2)).isoformat(),
               "end": (base + dt.timedelta(hours=i % 2 + 2 + i % 3 // 2)).isoformat(), "purpose": f"bench {i}"}
              for i in range(CONCURRENT)]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "techbureau.settings", "ALLOWED_HOSTS": "127.0.0.1",
           "LOG_LEVEL": "ERROR"}  # 49 refusals would each log a 409 warning
    server = start_server(env)
    try:
        barrier = Barrier(CONCURRENT)
        url = f"http://127.0.0.1:{PORT}/api/instruments/{pk}/bookings/"
        started = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT) as pool:
            results = list(pool.map(lambda body: post(url, token, body, barrier), bodies))
        wall = (time.perf_counter() - started) * 1000
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        server.wait(30)
    statuses = [status for status, _ms in results]
    timings = sorted(ms for _status, ms in results)
    stored = Booking.objects.filter(instrument_id=pk).count()
    return {"what": f"{CONCURRENT} concurrent overlapping POSTs", "accepted_201": statuses.count(201),
            "conflict_409": statuses.count(409), "other": len(statuses) - statuses.count(201) - statuses.count(409),
            "bookings_stored": stored, "wall_ms": round(wall, 1), "p50_ms": round(statistics.median(timings), 1),
            "max_ms": round(timings[-1], 1)}


def main() -> None:
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    ensure_database(url)
    from common import setup_django

    setup_django()
    seeded = prepare()
    from instruments.models import Booking, Instrument

    print(json.dumps({"instruments": Instrument.objects.count(), "bookings": Booking.objects.count(),
                      "seed_s": seeded}, ensure_ascii=False))
    for row in free_slot_search():
        print(json.dumps(row, ensure_ascii=False))
    result = concurrent_bookings()
    print(json.dumps(result, ensure_ascii=False))
    if result["accepted_201"] != 1 or result["bookings_stored"] != 1:
        sys.exit("overlap rule broken: more or fewer than one booking accepted")


if __name__ == "__main__":
    main()
