"""Chinese full-text search of projects (title, abstract, field) at province scale (200k projects).

    .venv/bin/python bench/bench_search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tb_<name> .venv/bin/python bench/bench_search.py

Times `core.search.search` on the projects an officer and a county user see (the first list page
and its count, as the list shows them), then the list page `/projects/?q=…` and the API
`/api/projects/?q=…`. The words: two-character words of titles and abstracts (轴承, 电池, 稀土),
a name (科技局), two words at once, a fragment that must find nothing (技局) and a word most
abstracts contain (研究, the worst case: the count stops at SEARCH_COUNT_CAP + 1 matches and the
row says "> cap"; `SEARCH_COUNT_CAP=…` in the environment tries another cap). Each row carries the
anchor measured in the same run (bench/common.py).

`--baseline` times only the function, with the index and without it (SQLite: the LIKE scan of
the segmented text; PostgreSQL: the GIN index dropped inside a transaction that is rolled back),
side by side under the same load.
"""

import argparse
import contextlib
import json
import statistics
import time
from urllib.parse import quote

from common import anchor, ensure_province, load_average, setup_django, time_requests, with_ratio

setup_django()

WORDS = ("轴承", "电池", "稀土", "科技局", "洛阳 轴承", "技局", "研究")
USERS = ("officer", "county")
PAGES = ("/projects/?q={}", "/api/projects/?q={}")


def time_function(user, query: str, repeat: int = 20) -> dict:
    """The list's statements: the count (exact up to SEARCH_COUNT_CAP, core.paging) and the first
    page (newest first), through the list's own paginator."""
    from core.paging import count_cap
    from core.search import search
    from projects.models import Project
    from projects.paging import KeysFirstPaginator

    def run():
        found = search(Project.objects.visible_to(user), query)  # the list's order: newest first
        paginator = KeysFirstPaginator(found, 25, count_cap=count_cap(query))
        return len(paginator.page(1).object_list), paginator.count, paginator.count_exact

    run()  # warm the page cache and jieba
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        _, count, exact = run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"p50_ms": round(statistics.median(timings), 1), "p95_ms": round(timings[int(0.95 * (repeat - 1))], 1),
            "matches": count if exact else f"> {count}"}


@contextlib.contextmanager
def without_index():
    from django.db import connection, transaction

    from core.search_index import gin_index
    from projects.models import Project

    if connection.vendor == "sqlite":
        Project.search_indexed = False
        try:
            yield
        finally:
            Project.search_indexed = True
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {gin_index(Project._meta.db_table)}")
        yield
        transaction.set_rollback(True)  # the index is back


def baseline(reference: dict) -> None:
    from accounts.models import User

    officer = User.objects.get(username="officer")
    for word in ("轴承", "电池", "科技局", "技局"):
        for label, context in (("index", contextlib.nullcontext), ("no index", without_index)):
            with context():
                row = {"user": "officer", "what": f"search({word!r}) {label}", "load": load_average(),
                       **time_function(officer, word, repeat=5)}
            print(json.dumps(with_ratio(row, reference), ensure_ascii=False), flush=True)


def main() -> None:
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from projects.models import Project

    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", action="store_true", help="only the function, with and without the index")
    args = parser.parse_args()
    ensure_province("directory", "accounts", "projects")
    print(f"# {connection.vendor}: {Project.objects.count()} projects", flush=True)
    reference = anchor()
    print(json.dumps(reference, ensure_ascii=False), flush=True)
    if args.baseline:
        baseline(reference)
        return
    for username in USERS:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        for word in WORDS:
            row = {"user": username, "what": f"search({word!r})", "load": load_average(), **time_function(user, word)}
            print(json.dumps(with_ratio(row, reference), ensure_ascii=False), flush=True)
            for page in PAGES:
                timed = time_requests(client, page.format(quote(word)), repeat=20)
                row = {"user": username, "what": page.format(word), "load": load_average(), **timed}
                row.pop("url")
                print(json.dumps(with_ratio(row, reference), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
