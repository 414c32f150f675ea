"""Project list, stage filters, API and an officer's work queue at province scale (200k projects).

    .venv/bin/python bench/bench_projects.py
"""

import json
import time

from common import ensure_province, setup_django, time_requests

setup_django()

URLS = {
    "officer": (
        "/projects/",
        "/projects/?page=200",
        "/projects/?stage=executing",
        "/projects/?q=轴承",
        "/projects/?program=1&year=2008&status=in_progress",
        "/projects/queue/",
        "/projects/queue/?page=20",
        "/api/projects/",
        "/api/projects/?stage=application",
    ),
    "leader": ("/projects/queue/", "/projects/leader/"),
    "county": ("/projects/", "/projects/queue/"),
    "applicant": ("/projects/mine/",),
}


def main() -> None:
    from django.test import Client

    from accounts.models import User
    from projects.models import Project

    started = time.monotonic()
    ensure_province("directory", "accounts", "projects")
    print(f"# seeded/checked in {time.monotonic() - started:.0f}s; {Project.objects.count()} projects")
    results = []
    for username, urls in URLS.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            results.append({"user": username, **time_requests(client, url, repeat=20)})
    for row in results:
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
