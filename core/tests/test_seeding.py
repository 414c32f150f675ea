"""core.seeding.insert_rows: plain tuples stored exactly as bulk_create stores the same objects;
indexes_built_after gives a table back the indexes it had; seed_demo leaves the planner statistics fresh."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from core.models import SeedRecord
from core.seeding import indexes_built_after, insert_rows
from core.testing import make_organisation
from ip.models import Patent, SubsidyPolicy
from projects.models import Program, Project

pytestmark = pytest.mark.django_db

COMPARED = ("title", "kind", "status", "filing_date", "grant_date", "lapse_date", "applicant_organisation_id",
            "applicant_person_id", "applicant_name", "co_applicants", "region_id", "search_text")


def _patent_values(org, number: str, grant: dt.date | None) -> dict:
    return {
        "number": number, "title": "一种轴承", "kind": Patent.Kind.INVENTION, "status": Patent.Status.GRANTED,
        "filing_date": dt.date(2008, 2, 29), "grant_date": grant, "lapse_date": None,
        "applicant_organisation_id": org.pk, "applicant_person_id": None, "applicant_name": org.name,
        "region_id": org.region_id, "search_text": " 一种 轴承 ",
    }


def test_rows_are_stored_as_bulk_create_stores_the_same_objects():
    org = make_organisation()
    for grant in (dt.date(2008, 12, 31), None):
        Patent.objects.bulk_create([Patent(**_patent_values(org, "200810000001.X", grant))])
        values = _patent_values(org, "200810000002.8", grant)
        assert insert_rows(Patent, list(values), [tuple(values.values())]) == 1
        by_bulk_create, by_rows = (Patent.objects.filter(number=n).values(*COMPARED).get()
                                   for n in ("200810000001.X", "200810000002.8"))
        assert by_rows == by_bulk_create
        Patent.objects.all().delete()


def test_left_out_fields_get_their_default_and_the_time_of_the_insert():
    names = ["year", "title", "total_budget", "cap_per_applicant"]
    rows = [(2008, "资助", Decimal("1000000.50"), Decimal("50000")), (2009, "资助", Decimal("0.01"), Decimal("1"))]
    assert insert_rows(SubsidyPolicy, names, iter(rows), batch_size=1) == 2
    first, second = SubsidyPolicy.objects.order_by("year")
    assert (first.total_budget, second.total_budget) == (Decimal("1000000.50"), Decimal("0.01"))
    assert first.is_open is True and first.requires_notice is False  # the fields' defaults
    assert first.created_at is not None and first.created_at == first.updated_at
    assert first.pk < second.pk  # in the order given


def test_a_field_with_a_callable_default_must_be_given():
    with pytest.raises(ValueError, match="callable default"):
        insert_rows(Program, ["code", "name"], [("x", "X")])


def test_an_unknown_field_is_refused_before_anything_is_written():
    with pytest.raises(FieldDoesNotExist):
        insert_rows(SubsidyPolicy, ["year", "no_such_field"], [(2008, "x")])
    assert not SubsidyPolicy.objects.exists()


def test_no_rows_write_nothing():
    assert insert_rows(SubsidyPolicy, ["year", "title"], []) == 0


def _indexes(table: str) -> list[tuple]:
    """The table's indexes with their SQL, in their order in the schema (SQLite: the planner goes by
    it); PostgreSQL: its indexes and constraints by name (pg_indexes has no order)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                           " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass", [table])
            indexes = cursor.fetchall()
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
                           [table])
            return sorted(indexes) + sorted(cursor.fetchall())
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s ORDER BY rowid",
                       [table])
        return cursor.fetchall()


def test_indexes_are_built_again_after_the_rows_as_they_were():
    org = make_organisation()  # its foreign-key checks are still queued: ALTER TABLE must not trip on them
    before = _indexes("ip_patent")
    with indexes_built_after(Patent):
        during = [name for name, _sql in _indexes("ip_patent")]
        values = _patent_values(org, "200810000002.8", None)
        insert_rows(Patent, list(values), [tuple(values.values())])
    assert _indexes("ip_patent") == before  # same names, same SQL, same order
    if connection.vendor == "sqlite":
        assert during == ["sqlite_autoindex_ip_patent_1"]  # the unique number's
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")  # every index holds every row
            assert cursor.fetchall() == [("ok",)]
    else:
        # What enforces something stays (the keys, the unique number, the checks); the foreign keys
        # and the other indexes go.
        kept = {name for name, sql in before if "FOREIGN KEY" not in sql and ("UNIQUE" in sql or "INDEX" not in sql)}
        assert set(during) == kept and "ip_patent_number_key" in kept and "ip_patent_pkey" in kept
    assert Patent.objects.filter(region=org.region, filing_date__year=2008).count() == 1


def test_the_projects_indexes_come_back_with_the_same_definitions():
    """The project table's 40-odd indexes include partial ones (`WHERE status IN (…)`): what is
    dropped must be created again to the letter."""
    before = _indexes("projects_project")
    with indexes_built_after(Project):
        pass
    assert _indexes("projects_project") == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite checks foreign keys at COMMIT")
def test_a_row_without_its_referenced_record_still_fails_the_seed_on_postgresql():
    org = make_organisation()
    values = {**_patent_values(org, "200810000002.8", None), "applicant_organisation_id": org.pk + 1000}
    with pytest.raises(IntegrityError), transaction.atomic(), indexes_built_after(Patent):
        insert_rows(Patent, list(values), [tuple(values.values())])
    assert not Patent.objects.exists()


def test_text_reaches_the_table_as_it_was_given():
    """PostgreSQL's rows go by COPY, whose text format escapes tabs, newlines and backslashes."""
    org = make_organisation()
    values = {**_patent_values(org, "200810000002.8", None), "title": "一种\t轴承\n\\N\t", "applicant_name": "\\N"}
    insert_rows(Patent, list(values), [tuple(values.values())])
    assert Patent.objects.values_list("title", "applicant_name", "grant_date").get() == (
        "一种\t轴承\n\\N\t", "\\N", None)


def test_the_rows_may_come_from_a_generator_that_queries_the_database():
    """As the patent seed's does (its applicants are read when the first row is asked for): on
    PostgreSQL no COPY may be open on the connection while the generator runs."""
    org = make_organisation()

    def rows():
        for serial in (1, 2, 3):
            region_id = type(org).objects.values_list("region_id", flat=True).get(pk=org.pk)
            values = {**_patent_values(org, f"20081000000{serial}.X", None), "region_id": region_id}
            yield tuple(values.values())

    assert insert_rows(Patent, list(_patent_values(org, "", None)), rows(), batch_size=2) == 3
    assert Patent.objects.count() == 3


def test_seed_demo_refreshes_the_planner_statistics_on_postgresql_only():
    SeedRecord.objects.create(app="credit", scale="small")
    with CaptureQueriesContext(connection) as captured:
        call_command("seed_demo", "--only", "credit", stdout=io.StringIO())
    analysed = [q["sql"] for q in captured if q["sql"] == "ANALYZE"]
    assert len(analysed) == (1 if connection.vendor == "postgresql" else 0)


@pytest.mark.django_db(transaction=True)
def test_seed_demo_outside_a_transaction_also_vacuums_on_postgresql():
    """A bulk load leaves PostgreSQL's visibility map empty: index-only scans then read the table."""
    SeedRecord.objects.create(app="credit", scale="small")
    with CaptureQueriesContext(connection) as captured:
        call_command("seed_demo", "--only", "credit", stdout=io.StringIO())
    refreshed = [q["sql"] for q in captured if "ANALYZE" in q["sql"]]
    assert refreshed == (["VACUUM (ANALYZE)"] if connection.vendor == "postgresql" else [])
