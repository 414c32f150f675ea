"""Project lists, stage filters, API lists, work queues and the cycle-time analytics at province
scale (200k projects), each row beside an anchor measured in the same run (bench/common.py).

    .venv/bin/python bench/bench_projects.py            # SQLite copy under var/bench/
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_projects.py
    .venv/bin/python bench/bench_projects.py analytics officer,leader   # URLs containing "analytics", two users
"""

import json
import sys
import time

from common import anchor, ensure_province, load_average, setup_django, time_requests, with_ratio

setup_django()

LISTS = (
    "/projects/",
    "/projects/?page=200",
    "/projects/?stage=executing",
    "/projects/?q=轴承",
    "/projects/?program=1&year=2008&status=in_progress",
    "/projects/queue/",
    "/projects/queue/?page=20",
    "/api/projects/",
    "/api/projects/?page=50",
    "/api/projects/?stage=application",
    "/api/projects/?q=轴承",
    "/api/projects/?program=1&year=2008&status=in_progress",
)
URLS = {
    "officer": (*LISTS, "/projects/analytics/?year=2008"),
    "leader": ("/projects/queue/", "/projects/leader/", "/projects/analytics/?year=2008"),
    "county": LISTS,
    "applicant": ("/projects/mine/", "/api/projects/"),
}


def main(only: str = "", users: str = "") -> None:
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from projects.models import Project

    started = time.monotonic()
    ensure_province("directory", "accounts", "projects")
    print(f"# seeded/checked in {time.monotonic() - started:.0f}s; {Project.objects.count()} projects; "
          f"{connection.vendor}", flush=True)
    reference = anchor()
    print(json.dumps(reference, ensure_ascii=False), flush=True)
    for username, urls in URLS.items():
        if users and username not in users.split(","):
            continue
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            if only and only not in url:
                continue
            row = {"user": username, **time_requests(client, url, repeat=20), "load": load_average()}
            print(json.dumps(with_ratio(row, reference), ensure_ascii=False), flush=True)
    print(json.dumps({"anchor_after": anchor()}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
