"""40 signed-in users against gunicorn: pages and draft saves mixed, over HTTP (issue 16).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tb_load .venv/bin/python bench/bench_load.py \
        --seconds 60 [--users 40] [--no-server --url http://127.0.0.1:8000]

It makes (once) the bench users in the database: officers of each division, county bureaus of the
counties, applicants of distinct organisations each with a draft in an open call, all with one
password. Then it starts `gunicorn -c gunicorn.conf.py techbureau.wsgi` (DEBUG off, the access log
with each request's milliseconds written under var/bench/), times the login page with no load (the
HTTP anchor), signs every user in, and lets each user request its role's pages back to back, no
think time, for --seconds: a closed loop, so throughput and latency are two faces of one figure.
It prints req/s, p50/p95/p99, errors, the server's own time per request (from the access log), the
CPU the generator itself used, the load average, and bench/common.py's anchor.
"""

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import requests
from common import ROOT, anchor, load_average

PASSWORD = "Load-bench-2026-pw"  # noqa: S105 - only ever in the bench database
ACCESS_LOG = ROOT / "var" / "bench" / "load_access.log"
# Weights of each role's requests; ("save", None) is the draft application's POST.
MIX = {
    "officer": [("/", 2), ("/projects/", 2), ("detail", 3), ("/projects/queue/", 2), ("/directory/organisations/", 1)],
    "county": [("/", 2), ("/projects/", 2), ("detail", 3), ("/projects/queue/", 2), ("/directory/organisations/", 1)],
    "applicant": [("/", 2), ("/projects/mine/", 2), ("detail", 2), ("/projects/queue/", 1), ("save", 3)],
}
SHARES = {"officer": 0.4, "county": 0.2, "applicant": 0.4}


@dataclass
class BenchUser:
    username: str
    role: str
    projects: list[int]  # detail pages it may open; an applicant's first is its draft


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, ms: float, ok: bool) -> None:
        with self.lock:
            self.timings.setdefault(kind, []).append(ms)
            if not ok:
                self.errors[kind] = self.errors.get(kind, 0) + 1


# --- the users, made once in the bench database --------------------------------------------


def prepare_users(count: int) -> list[BenchUser]:
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbureau.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")  # the anchor's test client
    import django

    django.setup()
    from django.db import connection

    wanted = {role: round(count * share) for role, share in SHARES.items()}
    wanted["applicant"] = count - wanted["officer"] - wanted["county"]
    users = [_bench_user(role, index) for role, n in wanted.items() for index in range(n)]
    connection.close()
    return users


def _bench_user(role: str, index: int) -> BenchUser:
    from accounts import services
    from accounts.models import User

    username = f"load-{role}-{index:02d}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = services.create_user(None, username, PASSWORD, display_name=username)
        services.assign_role(None, user, role, **_scope(role, index))
        user = User.objects.get(pk=user.pk)
    return BenchUser(username, role, _projects_of(user, role))


def _scope(role: str, index: int) -> dict:
    from directory.models import Division, Organisation, Region

    if role == "officer":
        divisions = list(Division.objects.order_by("code"))
        return {"division": divisions[index % len(divisions)]}
    if role == "county":
        from projects.models import Project

        # Counties whose organisations have projects: each county user has detail pages to open.
        codes = Project.objects.values_list("applicant_org__region__code", flat=True).distinct()
        counties = list(Region.objects.filter(level__in=["district", "county", "county_city"], code__in=codes))
        return {"region": counties[index % len(counties)]}
    kind = Organisation.Kind.ENTERPRISE
    return {"organisation": Organisation.objects.filter(kind=kind).order_by("-pk")[index]}


def _projects_of(user, role: str) -> list[int]:
    from projects.models import Project

    if role == "applicant":
        return [_draft_of(user)]
    visible = Project.objects.visible_to(user).order_by("-pk").values_list("pk", flat=True)[:500]
    return list(visible)


def _draft_of(user) -> int:
    from projects.models import Call, Project
    from projects.services import create_application
    from projects.workflow import CallState, State

    draft = Project.objects.filter(pi=user, status=State.DRAFT).first()
    if draft is None:
        call = next(c for c in Call.objects.filter(status=CallState.PUBLISHED).order_by("-pk") if c.is_open())
        data = {"title": f"{user.username} 负载测试申报书", "requested_funding": 300000}
        draft = create_application(user, call, data)
    return draft.pk


# --- the server -----------------------------------------------------------------------------


def start_server(port: int) -> subprocess.Popen:
    ACCESS_LOG.parent.mkdir(parents=True, exist_ok=True)
    ACCESS_LOG.write_text("")
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": str(ACCESS_LOG),
           "ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SETTINGS_MODULE": "techbureau.settings"}
    env.pop("DEBUG", None)
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "techbureau.wsgi"],
        cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=30)
            return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def http_anchor(base: str, repeat: int = 30) -> float:
    """The anonymous login page's p50 with nothing else running: the HTTP anchor."""
    session = requests.Session()
    session.get(base + "/accounts/login/")
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        session.get(base + "/accounts/login/").raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


# --- the users' loop ------------------------------------------------------------------------


def sign_in(base: str, user: BenchUser) -> requests.Session:
    session = requests.Session()
    session.get(base + "/accounts/login/")
    response = session.post(
        base + "/accounts/login/",
        data={"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"{user.username} could not sign in ({response.status_code})")
    return session


def one_request(session: requests.Session, base: str, user: BenchUser, kind: str, rid: str) -> bool:
    headers = {"X-Request-ID": rid}
    if kind == "save":
        pk = user.projects[0]
        data = {"title": f"{user.username} 负载测试申报书 {rid}", "requested_funding": "30", "self_funding": "10",
                "level": "city", "summary": "负载测试",
                "csrfmiddlewaretoken": session.cookies["csrftoken"]}
        response = session.post(f"{base}/projects/{pk}/edit/", data=data, headers=headers, allow_redirects=False)
        return response.status_code == 302  # a 200 is the form again: the save was refused
    url = f"/projects/{random.choice(user.projects)}/" if kind == "detail" else kind
    return session.get(base + url, headers=headers, allow_redirects=False).status_code == 200


def user_loop(session, base: str, user: BenchUser, until: float, results: Results) -> None:
    kinds, weights = zip(*MIX[user.role], strict=True)
    counter = 0
    while time.perf_counter() < until:
        kind = random.choices(kinds, weights)[0]
        counter += 1
        started = time.perf_counter()
        try:
            ok = one_request(session, base, user, kind, f"load-{user.username}-{counter}")
        except requests.RequestException:
            ok = False
        results.add(kind, (time.perf_counter() - started) * 1000, ok)


def run_load(base: str, users: list[BenchUser], seconds: float) -> tuple[Results, float, float]:
    sessions = [sign_in(base, user) for user in users]
    results = Results()
    cpu_before = _cpu_seconds()
    until = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=user_loop, args=(session, base, user, until, results))
        for session, user in zip(sessions, users, strict=True)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started, _cpu_seconds() - cpu_before


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- each page's own cost, in-process ---------------------------------------------------------


def page_costs(users: list[BenchUser], repeat: int) -> dict:
    """Each page of the mix for one user of each role through Django's test client: the server's
    own CPU (process time: not stretched by the other processes on the machine) and wall time
    per request, and its queries. No HTTP, no concurrency: what one request costs the app."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    costs = {}
    for user in {u.role: u for u in reversed(users)}.values():
        client = Client()
        client.force_login(User.objects.get(username=user.username))
        for kind, _weight in MIX[user.role]:
            timings = [_time_one(client, user, kind) for _ in range(repeat + 1)][1:]  # the first warms
            with CaptureQueriesContext(connection) as captured:
                _time_one(client, user, kind)
            costs[f"{user.role} {kind}"] = {
                "cpu_p50_ms": round(statistics.median(t[0] for t in timings), 1),
                "wall_p50_ms": round(statistics.median(t[1] for t in timings), 1),
                "queries": len(captured),
            }
    return costs


def _time_one(client, user: BenchUser, kind: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    if kind == "save":
        data = {"title": f"{user.username} 负载测试申报书", "requested_funding": "30", "self_funding": "10",
                "level": "city", "summary": "负载测试"}
        status = client.post(f"/projects/{user.projects[0]}/edit/", data).status_code
        assert status == 302, (kind, status)
    else:
        url = f"/projects/{user.projects[0]}/" if kind == "detail" else kind
        status = client.get(url).status_code
        assert status == 200, (url, status)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


# --- the report -----------------------------------------------------------------------------


def percentiles(values: list[float]) -> dict:
    values = sorted(values)
    at = lambda q: round(values[min(len(values) - 1, int(q * len(values)))], 1)  # noqa: E731
    return {"n": len(values), "p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def server_times() -> dict[str, list[float]]:
    """The server's own milliseconds per measured request, from gunicorn's access log (%(M)s)."""
    pattern = re.compile(r'"(GET|POST) (\S+) [^"]*" (\d+) \S+ (\d+)ms rid=load-')
    times: dict[str, list[float]] = {}
    for line in ACCESS_LOG.read_text().splitlines():
        match = pattern.search(line)
        if match:
            times.setdefault(_kind_of(match[1], match[2]), []).append(float(match[4]))
    return times


def _kind_of(method: str, path: str) -> str:
    if method == "POST":
        return "save"
    return "detail" if re.fullmatch(r"/projects/\d+/", path) else path


def report(results: Results, wall: float, cpu: float, before: dict) -> dict:
    every = [t for values in results.timings.values() for t in values]
    server = server_times()
    return {
        **before,
        "requests": len(every),
        "errors": sum(results.errors.values()),
        "req_per_s": round(len(every) / wall, 1),
        "client": percentiles(every),
        "server": percentiles([t for values in server.values() for t in values]) if server else None,
        "generator_cpu_share": round(cpu / wall, 2),
        "load_after": load_average(),
        "pages": {
            kind: {**percentiles(values), "errors": results.errors.get(kind, 0),
                   "server_p50_ms": percentiles(server[kind])["p50_ms"] if kind in server else None,
                   "server_p95_ms": percentiles(server[kind])["p95_ms"] if kind in server else None}
            for kind, values in sorted(results.timings.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8119)
    parser.add_argument("--no-server", action="store_true", help="use a server already running at --url")
    parser.add_argument("--url", default="")
    parser.add_argument("--pages", type=int, default=0, help="only time each page N times in-process")
    args = parser.parse_args()
    users = prepare_users(args.users)
    fixed = anchor()  # in-process (Django test client + SQLite CTE), before any server runs
    if args.pages:
        print(json.dumps({"anchor": fixed, "pages": page_costs(users, args.pages), "load": load_average()}, indent=1))
        return
    server = None if args.no_server else start_server(args.port)
    base = args.url or f"http://127.0.0.1:{args.port}"
    try:
        before = {"users": len(users), "seconds": args.seconds, "anchor": fixed,
                  "http_anchor_login_p50_ms": http_anchor(base), "load_before": load_average()}
        results, wall, cpu = run_load(base, users, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
    print(json.dumps(report(results, wall, cpu, before), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
