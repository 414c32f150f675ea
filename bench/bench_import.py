"""Excel import of patents (the IP office's yearly list: the biggest sheet the bureau imports).

    .venv/bin/python bench/bench_import.py [--rows 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tb_<name> .venv/bin/python bench/bench_import.py

A sheet of valid new patents (first applicants among the directory's organisations, counties of
the city) is written with openpyxl's write-only mode, then `core.xlsx.import_rows` reads,
validates and writes it with the patents page's columns, form and save, as an officer's upload
does. The import runs inside an outer transaction that is rolled back, so the database is left
as it was and the run can be repeated. Rows per second count the whole import; `cpu_s` is the CPU
time it took (this process and its reading and segmenting ones), which a busy machine moves less than
the wall time; `own_cpu_s` is this process's share, the import's wall time on an idle machine with
a core for each of the others.
"""

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from common import anchor, load_average, setup_django

setup_django()

YEAR, SERIAL_FROM = 2024, 7_000_000  # numbers no seeded patent uses


def write_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    from directory.models import Organisation, Region
    from ip import patent_numbers
    from ip.views import PATENT_COLUMNS

    organisations = Organisation.objects.exclude(credit_code="").order_by("id")
    codes = list(organisations.values_list("credit_code", flat=True)[:2000])
    counties = Region.objects.filter(code__startswith="4103").exclude(code="410300")
    counties = list(counties.values_list("code", flat=True))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("patents")
    sheet.append([str(c.header) for c in PATENT_COLUMNS])
    for i in range(rows):
        digit = "12"[i % 2]
        number = patent_numbers.make(YEAR, digit, SERIAL_FROM + i)
        sheet.append([
            number, f"一种轴承套圈的热处理装置及方法{i}", "", "已受理", f"{YEAR}-03-{1 + i % 28:02d}", None, None,
            codes[i % len(codes)], "", "", counties[i % len(counties)],
        ])
    workbook.save(path)


def import_view():
    """The patents page's import view: its columns, form, saves and form kwargs."""
    from core.views import ObjectImportView

    return next(v for v in ObjectImportView._registry.values() if v.list_url_name == "ip:patent_list")


def hold_write_lock() -> None:
    """SQLite: take the write lock when the outer transaction begins. Otherwise the transaction
    reads for minutes (validation) and then cannot write if another connection wrote meanwhile
    (a stale WAL snapshot fails at once, "database is locked"). The page's import has no outer
    transaction: its writing transaction starts with the first INSERT."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE 0")


def run_import(path: Path, per_row: bool = False) -> dict:
    from django.db import transaction
    from django.urls import get_resolver

    from accounts.models import User
    from core import xlsx

    get_resolver().url_patterns  # noqa: B018 - imports every view module, so the import views exist
    view = import_view()
    officer = User.objects.get(username="officer")
    steps = []
    cpu_before, own_before = cpu_seconds(), cpu_seconds(children=False)
    started = time.perf_counter()
    with transaction.atomic():
        hold_write_lock()
        with path.open("rb") as upload:
            upload.size = path.stat().st_size
            result = xlsx.import_rows(
                officer, upload, view.columns, view.form_class, view.save, label="bench",
                form_kwargs=view.form_kwargs(officer), unique=view.unique,
                progress=lambda done, total: steps.append(done), save_all=None if per_row else view.save_all,
            )
        elapsed = time.perf_counter() - started
        cpu, own = cpu_seconds() - cpu_before, cpu_seconds(children=False) - own_before
        transaction.set_rollback(True)  # leave the database as it was
    assert result.ok, [str(e) for e in result.errors[:5]]
    return {"rows": result.created, "seconds": round(elapsed, 1), "rows_per_s": round(result.created / elapsed),
            "cpu_s": round(cpu, 1), "own_cpu_s": round(own, 1), "progress_reports": len(steps)}


def cpu_seconds(children: bool = True) -> float:
    """CPU time of this process and (`children`) its ended children (reading and segmenting
    processes): on a shared machine it moves less with the load than the wall time does."""
    times = [resource.getrusage(resource.RUSAGE_SELF)]
    if children:
        times.append(resource.getrusage(resource.RUSAGE_CHILDREN))
    return sum(t.ru_utime + t.ru_stime for t in times)


def main() -> None:
    from django.db import connection

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--per-row", action="store_true", help="save row by row (the path before save_all)")
    args = parser.parse_args()
    reference = anchor()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "patents.xlsx"
        started = time.perf_counter()
        write_sheet(path, args.rows)
        written_s = time.perf_counter() - started
        sheet_mb = round(path.stat().st_size / 1e6, 1)
        load = load_average()
        row = run_import(path, per_row=args.per_row)
    print(json.dumps(reference, ensure_ascii=False))
    what = f"import_rows patents ({connection.vendor}{', per row' if args.per_row else ''})"
    print(json.dumps({"what": what, **row, "sheet_written_s": round(written_s, 1), "sheet_mb": sheet_mb, "load": load},
                     ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
