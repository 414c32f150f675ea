"""The import's fast validation (core.import_checks: fields cleaned without BoundFields, once per
distinct value of a chunk; core.today: one date per sheet) refuses every bad row the edit form
refuses, with the edit form's own messages, on the right row and column, and writes nothing."""

import datetime as dt

import pytest
from django import forms

from core import import_checks, xlsx
from core.models import AuditEntry
from ip import patent_numbers
from ip.models import Patent
from ip.views import PATENT_COLUMNS

from .test_patent_import_sheet_checks import edit_form_errors, good_rows, run
from .test_patents import row

HEADERS = {c.field: str(c.header) for c in PATENT_COLUMNS}
NEXT_YEAR = dt.date.today().year + 1  # noqa: DTZ011 - a year ahead in any time zone


def wrong_check_digit() -> str:
    number = patent_numbers.make(2008, "1", 77)
    return number[:-1] + ("0" if number[-1] != "0" else "1")


BAD = {
    "wrong check digit": {"number": wrong_check_digit()},
    "number of letters": {"number": "ZL2008ABC"},
    "script tag in the number": {"number": "<script>alert(1)</script>"},
    "impossible date": {"filing_date": "2008-02-30"},
    "date that is not one": {"filing_date": "去年春天"},
    "future filing date": {"filing_date": f"{NEXT_YEAR}-01-01"},
    "future grant date": {"status": "已授权", "grant_date": f"{NEXT_YEAR}-01-01"},
    "grant before filing": {"status": "已授权", "grant_date": "2008-01-01"},
    "lapse without lapse status": {"lapse_date": "2009-01-01"},
    "unknown status": {"status": "<script>x</script>"},
    "type the number contradicts": {"kind": "外观设计"},
    "person id that is not a number": {"applicant_organisation": None, "applicant_person": "abc"},
    "unknown county": {"applicant_organisation": None, "applicant_name": "某人", "region": "999999"},
    "title too long": {"title": "轴" * 201},
}


@pytest.mark.parametrize("broken", BAD.values(), ids=BAD.keys())
def test_each_rule_refuses_its_row_with_the_edit_forms_messages(users, org_a, broken):
    rows = good_rows(org_a, 30)
    rows[17] = row(org_a, **{"number": rows[17][0], **broken})
    result = run(users["officer"], rows)
    expected = edit_form_errors(users["officer"], rows[17])
    assert not result.ok and result.created == 0
    assert [(e.row, e.message) for e in result.errors] == [(19, m) for m in expected]
    assert {e.column for e in result.errors} <= {*HEADERS.values(), "整行"}
    assert not Patent.objects.exists() and not AuditEntry.objects.filter(action="import").exists()


def test_a_bad_value_repeated_is_reported_on_every_row_in_every_chunk(users, org_a, monkeypatch):
    # The fields' results are reused within a chunk: each row still gets its own error.
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    rows = good_rows(org_a, 12)
    for i in (1, 2, 9):
        rows[i] = row(org_a, rows[i][0], filing_date="2008-13-01")
    result = run(users["officer"], rows)
    message = edit_form_errors(users["officer"], rows[1])
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (i + 2, HEADERS["filing_date"], m) for i in (1, 2, 9) for m in message
    ]
    assert not Patent.objects.exists()


def test_duplicates_in_the_sheet_and_in_the_database_are_refused(users, org_a):
    assert run(users["officer"], good_rows(org_a, 1, serial=400)).ok
    rows = good_rows(org_a, 10)
    rows[3] = row(org_a, patent_numbers.make(2008, "1", 400))  # registered by the first import
    rows[8] = row(org_a, "CN" + rows[5][0])  # the same number as row 7, spelled differently
    result = run(users["officer"], rows)
    assert [(e.row, e.column) for e in result.errors] == [(5, HEADERS["number"]), (10, HEADERS["number"])]
    assert "已登记" in result.errors[0].message and "重复" in result.errors[1].message
    assert Patent.objects.count() == 1


def test_a_script_tag_in_a_title_is_kept_as_text(users, org_a):
    # No rule forbids markup in a title: it is stored as typed and escaped where it is shown.
    rows = good_rows(org_a, 2)
    rows[1] = row(org_a, rows[1][0], title="<script>alert(1)</script>")
    assert run(users["officer"], rows).ok
    assert Patent.objects.filter(title="<script>alert(1)</script>").exists()


def test_a_model_fields_validator_runs_once_per_distinct_value_and_errs_on_every_row(users, monkeypatch):
    # A ModelForm whose form field takes any text: the number's own validator (ZC 0006-2003) on
    # the model field refuses it, once per distinct value of the chunk, each row with its own error.
    number_form = forms.modelform_factory(Patent, fields=["number", "title"])
    good = patent_numbers.make(2008, "1", 31)
    rows = [{"number": wrong_check_digit(), "title": f"一种钼合金{i}"} for i in range(3)]
    rows.append({"number": good, "title": "一种钼合金"})
    expected = [dict(number_form(data=record).errors) for record in rows]
    validator_calls = []
    parse = patent_numbers.parse
    monkeypatch.setattr(patent_numbers, "parse", lambda *args: validator_calls.append(args) or parse(*args))
    build = import_checks.row_forms(number_form, {}, {})
    chunk = [build(record) for record in rows]
    for form in chunk:
        import_checks.defer(form)
    assert [dict(form.errors) for form in chunk] == expected
    assert expected[0]["number"] and not expected[3]
    assert len([args for args in validator_calls if len(args) == 1]) == 2  # the validator; clean() passes a date
    first, second = (form.errors.as_data()["number"][0] for form in chunk[:2])
    assert first is not second
