"""The import writes its rows with one prepared statement (core.bulk_insert: executemany on SQLite,
COPY on PostgreSQL): the same records as bulk_create, ids that are the records', a search index
that finds them, and nothing written when the sheet has a bad row. Run on both databases."""

import datetime as dt
import gc
import os

import pytest
from django.db import connection
from django.utils import timezone

from core import bulk_insert, search, xlsx
from core.models import AuditEntry
from ip import patent_numbers, services
from ip.forms import PatentForm
from ip.models import Patent
from ip.views import PATENT_COLUMNS

from .test_patent_import_sheet_checks import good_rows, run
from .test_patents import row, sheet

SKIP = {"id", "created_at", "updated_at"}


def new_patents(org, count: int, serial: int) -> list[Patent]:
    patents = []
    for i in range(count):
        patent = Patent(
            number=patent_numbers.make(2008, "12"[i % 2], serial + i), title=f"一种稀土永磁材料的制备方法{i}",
            kind="12"[i % 2], status=Patent.Status.GRANTED if i % 3 else Patent.Status.FILED,
            filing_date=dt.date(2008, 1 + i % 12, 1), grant_date=dt.date(2009, 5, 4) if i % 3 else None,
            applicant_organisation=org, applicant_name=org.name, co_applicants="" if i % 2 else "洛阳理工学院",
            region=org.region,
        )
        patent.refresh_search_text()
        patents.append(patent)
    return patents


def stored(ids) -> list[dict]:
    patents = Patent.objects.filter(pk__in=ids).order_by("number").values()
    return [{k: v for k, v in p.items() if k not in SKIP} for p in patents]


def test_insert_stores_what_bulk_create_stores(org_a):
    by_orm = Patent.objects.bulk_create(new_patents(org_a, 7, serial=100))
    expected = stored([p.pk for p in by_orm])
    Patent.objects.all().delete()
    started = timezone.now()
    inserted = bulk_insert.insert(new_patents(org_a, 7, serial=100))
    assert stored([p.pk for p in inserted]) == expected
    for patent in inserted:  # each object carries its own row's id, saved
        again = Patent.objects.get(pk=patent.pk)
        assert (again.number, again.title) == (patent.number, patent.title) and not patent._state.adding
        assert started <= again.created_at == again.updated_at <= timezone.now()


def test_insert_keeps_given_keys_through_bulk_create(org_a):
    patents = new_patents(org_a, 2, serial=300)
    patents[0].pk, patents[1].pk = 9001, 9002
    bulk_insert.insert(patents)
    assert sorted(Patent.objects.values_list("pk", flat=True)) == [9001, 9002]
    assert bulk_insert.insert([]) == []


def test_imported_patents_are_found_by_search_and_named_by_the_audit_entry(users, org_a):
    rows = good_rows(org_a, 30)
    rows[11] = row(org_a, rows[11][0], title="一种轴承套圈的热处理装置")
    result = run(users["officer"], rows)
    assert result.ok and result.created == 30
    found = search.search(Patent.objects.all(), "轴承")
    assert list(found.values_list("number", flat=True)) == [patent_numbers.parse(rows[11][0]).canonical]
    assert search.search(Patent.objects.all(), "钼合金").count() == 29
    entry = AuditEntry.objects.get(action="import")
    ids = [pk for first, last in entry.after["ids"] for pk in range(first, last + 1)]
    assert sorted(ids) == sorted(Patent.objects.values_list("pk", flat=True))


def test_a_second_import_follows_the_first_ids(users, org_a):
    assert run(users["officer"], good_rows(org_a, 5, serial=500)).ok
    assert run(users["officer"], good_rows(org_a, 5, serial=600)).ok
    entries = AuditEntry.objects.filter(action="import").order_by("pk")
    ranges = [entry.after["ids"] for entry in entries]
    assert len(ranges) == 2 and all(len(r) == 1 and r[0][1] - r[0][0] == 4 for r in ranges)
    assert Patent.objects.count() == 10 and ranges[0][0][1] < ranges[1][0][0]


@pytest.mark.parametrize(
    "broken",
    [
        {"number": "200810012346.3"},  # wrong check digit (ZC 0006-2003)
        {"number": patent_numbers.make(2008, "1", 400)},  # registered already
    ],
    ids=["check digit", "registered"],
)
def test_a_bad_row_writes_nothing_through_the_fast_writer(users, org_a, broken):
    assert run(users["officer"], good_rows(org_a, 1, serial=400)).ok
    rows = good_rows(org_a, 20)
    rows[13] = row(org_a, **{"number": rows[13][0], **broken})
    result = run(users["officer"], rows)
    assert not result.ok and [e.row for e in result.errors] == [15]
    assert Patent.objects.count() == 1 and AuditEntry.objects.filter(action="import").count() == 1


def test_a_large_sheet_is_segmented_by_a_second_process_with_the_same_texts(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "SEGMENTING_PROCESS_ROWS", 10)
    used = []
    monkeypatch.setattr(search.SegmentingProcess, "apply", lambda self, apply=search.SegmentingProcess.apply: (
        used.append(len(self._pending)), apply(self)))
    rows = good_rows(org_a, 10)
    rows[6] = row(org_a, rows[6][0], title="一种轴承套圈的热处理装置")
    assert run(users["officer"], rows).ok
    assert used == [3]  # three chunks went to the process
    for patent in Patent.objects.all():  # read back: segmented again here, nothing carried over
        text = patent.search_text
        patent.refresh_search_text()
        assert text == patent.search_text and " 一种 " in text
    assert search.search(Patent.objects.all(), "轴承").count() == 1


def test_a_bad_row_in_a_large_sheet_stops_the_segmenting_and_writes_nothing(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "SEGMENTING_PROCESS_ROWS", 10)
    rows = good_rows(org_a, 12)
    rows[5] = row(org_a, "200810012346.3")  # wrong check digit, second chunk
    result = run(users["officer"], rows)
    assert [e.row for e in result.errors] == [7] and not Patent.objects.exists()


def test_a_record_changed_after_segmenting_is_segmented_again(org_a):
    patents = new_patents(org_a, 2, serial=700)
    with search.SegmentingProcess() as segmenting:
        segmenting.add(patents)
        segmenting.apply()
    assert [p.search_text for p in patents] == [search.document(*p.search_parts()) for p in patents]
    patents[1].title = "一种轴承套圈"
    patents[1].refresh_search_text()
    assert " 轴承 " in patents[1].search_text and " 稀土 " not in patents[1].search_text


def test_the_cycle_collector_is_paused_during_an_import_and_runs_again_after(users, org_a):
    seen = []

    def save_all(actor, forms):
        seen.append(gc.isenabled())
        return services.save_patents(actor, forms)

    assert gc.isenabled()
    result = xlsx.import_rows(
        users["officer"], sheet(good_rows(org_a, 3)), PATENT_COLUMNS, PatentForm, services.save_patent,
        label="专利", form_kwargs={"user": users["officer"], "seen_numbers": set()}, save_all=save_all,
    )
    assert result.ok and seen == [False] and gc.isenabled()
    bad = xlsx.import_rows(users["officer"], sheet([row(org_a, "200810012346.3")]), PATENT_COLUMNS, PatentForm,
                           services.save_patent, label="专利", form_kwargs={"user": users["officer"]})
    assert not bad.ok and gc.isenabled()


def die(texts):
    os._exit(1)


def test_if_the_segmenting_process_dies_the_import_segments_its_records_itself(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "SEGMENTING_PROCESS_ROWS", 10)
    monkeypatch.setattr(search, "_documents", die)  # the forked child dies on its first chunk
    rows = good_rows(org_a, 10)
    rows[2] = row(org_a, rows[2][0], title="一种轴承套圈的热处理装置")
    assert run(users["officer"], rows).ok
    assert search.search(Patent.objects.all(), "轴承").count() == 1
    assert search.search(Patent.objects.all(), "钼合金").count() == 9


def test_a_process_with_other_threads_segments_in_process(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "SEGMENTING_PROCESS_ROWS", 10)
    monkeypatch.setattr(xlsx.threading, "active_count", lambda: 2)  # a threaded web worker
    monkeypatch.setattr(search, "SegmentingProcess", None)  # never forked here
    rows = good_rows(org_a, 10)
    rows[4] = row(org_a, rows[4][0], title="一种轴承套圈的热处理装置")
    assert run(users["officer"], rows).ok
    assert search.search(Patent.objects.all(), "轴承").count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
@pytest.mark.parametrize("before", [-2000, 100, -2 * bulk_insert.SQLITE_INSERT_CACHE_KIB])
def test_sqlite_inserts_with_a_larger_page_cache_and_puts_the_size_back(org_a, before):
    """The INSERT runs with SQLITE_INSERT_CACHE_KIB of page cache (the default 2 MB re-read and
    re-wrote the index pages of a large import); a cache already larger is left alone."""
    statements = []

    def seen(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA cache_size = {before}")
    try:
        with connection.execute_wrapper(seen):
            assert len(bulk_insert.insert(new_patents(org_a, 3, serial=800))) == 3
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -2000")
    insert = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT"))
    raised = f"PRAGMA cache_size = {-bulk_insert.SQLITE_INSERT_CACHE_KIB}"
    if before == -2 * bulk_insert.SQLITE_INSERT_CACHE_KIB:
        assert raised not in statements
    else:
        assert statements.index(raised) < insert < statements.index(f"PRAGMA cache_size = {before}")
    assert Patent.objects.count() == 3
