"""An import checks a sheet chunk by chunk (core.import_checks): the unique numbers, the grant-date
constraint and the foreign keys cost a few queries per chunk, not per row, and every bad row is
still reported with its row number and the edit form's own message, nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import import_checks, xlsx
from core.models import AuditEntry
from ip import patent_numbers, services
from ip.forms import PatentForm
from ip.models import Patent
from ip.views import PATENT_COLUMNS

from .test_patents import row, sheet


def good_rows(org, count: int, serial: int = 500) -> list[list]:
    return [row(org, patent_numbers.make(2008, "1", serial + i), title=f"一种钼合金制备方法{i}") for i in range(count)]


def run(actor, rows) -> xlsx.ImportResult:
    return xlsx.import_rows(
        actor, sheet(rows), PATENT_COLUMNS, PatentForm, services.save_patent, label="专利",
        form_kwargs={"user": actor, "seen_numbers": set()}, unique=("number",), save_all=services.save_patents,
    )


def edit_form_errors(actor, values: list) -> list[str]:
    """The messages the edit page's form gives for the same row, checked on its own (per-row queries)."""
    record = {c.field: "" if v is None else str(v) for c, v in zip(PATENT_COLUMNS, values, strict=True)}
    form = PatentForm(data=record, user=actor)
    assert not form.is_valid()
    return [m for messages in form.errors.values() for m in messages]


def assert_refused(result: xlsx.ImportResult, number: int, messages: list[str], existing: int = 0) -> None:
    assert not result.ok and result.created == 0
    assert [(e.row, e.message) for e in result.errors] == [(number, m) for m in messages]
    assert Patent.objects.count() == existing  # nothing of the sheet written
    assert not AuditEntry.objects.filter(action="import").exists()


@pytest.fixture
def registered(org_a):
    number = patent_numbers.make(2008, "1", 999)
    Patent.objects.create(
        number=number, title="已登记的专利", kind="1", filing_date=dt.date(2008, 4, 1),
        applicant_organisation=org_a, applicant_name=org_a.name, region=org_a.region,
    )
    return number


def test_a_number_registered_in_the_database_is_reported_on_its_row(users, org_a, registered):
    rows = good_rows(org_a, 20)
    rows[13] = row(org_a, "ZL" + registered)
    result = run(users["officer"], rows)
    assert_refused(result, 15, edit_form_errors(users["officer"], rows[13]), existing=1)
    assert "已登记" in result.errors[0].message


def test_a_number_twice_in_the_sheet_is_reported_on_the_later_row(users, org_a):
    rows = good_rows(org_a, 20)
    rows.append(list(rows[4]))
    result = run(users["officer"], rows)
    assert not result.ok and {e.row for e in result.errors} == {22}
    assert not Patent.objects.exists() and not AuditEntry.objects.filter(action="import").exists()


def test_a_grant_date_before_filing_is_reported_once_with_the_forms_message(users, org_a):
    rows = good_rows(org_a, 20)
    rows[7] = row(org_a, rows[7][0], status="已授权", grant_date="2008-01-01")
    result = run(users["officer"], rows)
    assert_refused(result, 9, edit_form_errors(users["officer"], rows[7]))
    assert [e.column for e in result.errors] == ["授权公告日"]


@pytest.mark.parametrize(("column", "value"), [("applicant_organisation", "91410300MA00000000"), ("region", "999999")])
def test_an_unknown_organisation_or_county_is_reported_on_its_row(users, org_a, column, value):
    rows = good_rows(org_a, 20)
    overrides = {column: value} if column == "region" else {column: value, "applicant_name": "某人"}
    rows[18] = row(org_a, rows[18][0], **overrides)
    result = run(users["officer"], rows)
    assert_refused(result, 20, edit_form_errors(users["officer"], rows[18]))


def test_rows_past_the_first_chunk_are_checked_against_the_database(users, org_a, registered, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 7)
    rows = good_rows(org_a, 20)
    rows[16] = row(org_a, registered)
    result = run(users["officer"], rows)
    assert [e.row for e in result.errors] == [18] and Patent.objects.count() == 1


def queries_for(actor, rows) -> tuple[xlsx.ImportResult, int]:
    with CaptureQueriesContext(connection) as captured:
        result = run(actor, rows)
    return result, len(captured.captured_queries)


@pytest.mark.parametrize("bad", [False, True])
def test_validating_more_rows_costs_no_more_queries(users, org_a, bad):
    officer = users["officer"]
    small, large = good_rows(org_a, 10), good_rows(org_a, 50, serial=600)
    if bad:  # validation only: the last row is refused, nothing is written
        small[-1] = row(org_a, small[-1][0], region="999999", applicant_organisation=None, applicant_name="某人")
        large[-1] = row(org_a, large[-1][0], region="999999", applicant_organisation=None, applicant_name="某人")
    run(officer, [row(org_a, "bad number")])  # the officer's roles are read once and kept on the user
    small_result, small_queries = queries_for(officer, small)
    large_result, large_queries = queries_for(officer, large)
    assert small_result.ok is large_result.ok is (not bad)
    assert small_queries == large_queries


def test_the_constraints_skipped_per_row_are_stated_in_clean(org_a):
    # core.import_checks trusts Patent.clean() for the constraints it names: each must reject a
    # violating record with an error of its own.
    names = {c.name for c in Patent._meta.constraints}
    assert set(Patent.constraints_in_clean) <= names
    patent = Patent(number=patent_numbers.make(2008, "1", 1), title="x", kind="1", filing_date=dt.date(2008, 4, 1),
                    grant_date=dt.date(2008, 1, 1), status=Patent.Status.GRANTED, applicant_name="x",
                    region=org_a.region)
    with pytest.raises(ValidationError) as raised:
        patent.clean()
    assert "grant_date" in raised.value.message_dict


def test_a_foreign_key_not_read_from_the_database_is_still_checked(org_a):
    patent = Patent(region_id=987654, applicant_name="x")
    assert "region" not in import_checks.loaded_relations(patent)
    patent.region = org_a.region
    assert "region" in import_checks.loaded_relations(patent)
