"""The patents import writes in batches (save_all) and fetches the records rows refer to once:
still all-or-nothing with row numbers, and the same records as the row-by-row save."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import xlsx
from core.models import AuditEntry
from core.testing import make_organisation, make_user
from ip import patent_numbers, services
from ip.forms import PatentForm
from ip.models import Patent
from ip.views import PATENT_COLUMNS

from .test_patents import row, sheet

ROWS = 12
SKIP = {"id", "created_at", "updated_at"}


def good_rows(org) -> list[list]:
    return [
        row(org, patent_numbers.make(2008, "12"[i % 2], 500 + i), kind="", title=f"一种轴承套圈热处理装置{i}",
            co_applicants="洛阳轴研科技股份有限公司" if i % 3 == 0 else None, region="410323" if i % 4 == 0 else None)
        for i in range(ROWS)
    ]


def run(actor, rows, *, bulk: bool = True) -> xlsx.ImportResult:
    return xlsx.import_rows(
        actor, sheet(rows), PATENT_COLUMNS, PatentForm, services.save_patent, label="专利",
        form_kwargs={"user": actor, "seen_numbers": set()}, unique=("number",),
        save_all=services.save_patents if bulk else None,
    )


def records() -> list[dict]:
    return [{k: v for k, v in p.items() if k not in SKIP} for p in Patent.objects.order_by("number").values()]


@pytest.mark.parametrize(
    ("position", "broken"),
    [
        (0, {"number": "200810012346.3"}),  # wrong check digit
        (ROWS // 2, {"applicant_organisation": "91410300MA00000000"}),  # no such organisation
        (ROWS - 1, {"region": "999999"}),  # no such county
        (ROWS - 1, {"status": "已授权", "grant_date": "2008-01-01"}),  # granted before filing
    ],
)
def test_a_broken_row_anywhere_writes_nothing_and_is_reported(users, org_a, position, broken):
    rows = good_rows(org_a)
    rows[position] = row(org_a, **{"number": rows[position][0], **broken})
    result = run(users["officer"], rows)
    assert not result.ok and result.created == 0
    assert {e.row for e in result.errors} == {position + 2}  # row 1 is the header
    assert not Patent.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_an_earlier_row_spelled_differently_is_a_duplicate(users, org_a):
    rows = good_rows(org_a)
    rows.append(row(org_a, "ZL " + rows[3][0]))
    result = run(users["officer"], rows)
    assert [e.row for e in result.errors] == [ROWS + 2] and not Patent.objects.exists()


def test_a_number_already_registered_is_refused(users, org_a):
    rows = good_rows(org_a)
    assert run(users["officer"], rows[:1]).ok
    result = run(users["officer"], rows)
    assert [e.row for e in result.errors] == [2] and Patent.objects.count() == 1


def test_bulk_and_row_by_row_write_the_same_records(users, org_a):
    officer = users["officer"]
    assert run(officer, good_rows(org_a), bulk=False).ok
    one_by_one = records()
    Patent.objects.all().delete()
    assert run(officer, good_rows(org_a)).ok
    assert records() == one_by_one
    assert len(one_by_one) == ROWS and all(r["search_text"].strip() for r in one_by_one)


def test_bulk_audit_entry_names_the_records(users, org_a):
    assert run(users["officer"], good_rows(org_a)).ok
    entry = AuditEntry.objects.get(action="import")
    ids = sorted(Patent.objects.values_list("pk", flat=True))
    assert entry.after["rows"] == ROWS
    assert [pk for first, last in entry.after["ids"] for pk in range(first, last + 1)] == ids


def test_bulk_keeps_the_scope_of_lookups_and_permissions(users, org_a, org_b):
    # An organisation's administrator may only file for their own organisation: another one's
    # credit code is not a choice for them (the prefetch reads the field's scoped queryset).
    org_admin = users["org_admin"]
    result = run(org_admin, [row(org_b, patent_numbers.make(2008, "1", 900))])
    assert {e.row for e in result.errors} == {2} and not Patent.objects.exists()
    public = make_user("public", "bulk-public")
    with pytest.raises(PermissionDenied):
        services.save_patents(public, [])


def test_id_ranges():
    assert xlsx.id_ranges([7, 3, 4, 5, 9]) == [[3, 5], [7, 7], [9, 9]]
    assert xlsx.id_ranges([]) == []


def test_lookups_are_one_query_per_column_not_per_row(users, org_a):
    other = make_organisation("410323", name="新安测试丙有限公司")
    rows = [row(org_a if i % 2 else other, patent_numbers.make(2008, "1", 700 + i), region="410323")
            for i in range(30)]
    with CaptureQueriesContext(connection) as captured:
        assert run(users["officer"], rows).ok
    sql = [q["sql"] for q in captured.captured_queries]
    for column in ('"directory_organisation"."credit_code"', '"directory_region"."code"'):
        assert not [q for q in sql if f"{column} = " in q]  # no lookup per row
        assert len([q for q in sql if f"{column} IN (" in q]) == 1


def test_the_task_worker_imports_in_batches_with_the_pages_form_kwargs(users, org_a, settings):
    from django.test import Client
    from django.urls import reverse

    from core.models import Job

    settings.BACKGROUND_IMPORT_BYTES = 1  # every sheet becomes a job (run at once in tests)
    client = Client()
    client.force_login(users["officer"])
    rows = good_rows(org_a)
    rows.append(row(org_a, "ZL " + rows[0][0]))  # the same number spelled differently: seen_numbers
    client.post(reverse("ip:patent_import"), {"file": sheet(rows)})
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not Patent.objects.exists()
    assert any(f"第 {ROWS + 2} 行" in error for error in job.result["errors"])
    client.post(reverse("ip:patent_import"), {"file": sheet(good_rows(org_a))})
    assert Job.objects.latest("pk").result["created"] == ROWS == Patent.objects.count()
    assert AuditEntry.objects.get(action="import").after["ids"]
