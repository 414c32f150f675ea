"""The plan source "counties passing all veto items", live before the freeze and frozen after."""

import datetime as dt

import pytest

from assessment import services
from assessment.indicator_sources import KEY
from plans import sources

from .conftest import submit_and_accept

pytestmark = pytest.mark.django_db
END = dt.date(2008, 12, 31)


def test_registered_for_the_plan(db):
    source = sources.get(KEY)
    assert source.unit == "个" and source.app == "assessment"
    assert source.value(2008, END) == 0  # no assessment yet


def test_counts_counties_passing_every_veto(assessment, users):
    source = sources.get(KEY)
    submit_and_accept(assessment, users["officer"], {"410323": {"st_body": "0"}, "410324": {"st_share": "0.9"}})
    assert source.value(2008, END) == 13
    assert "410323" not in source.records(2008, END).values_list("code", flat=True)
    assessment = services.assessment_action(users["officer"], assessment, "compute", snapshot_date=dt.date(2009, 1, 5))
    assert source.value(2008, dt.date(2009, 2, 1)) == 13
    report = assessment.reports.get(region__code="410325")
    report.values.filter(figure__code="st_body").update(value=0)  # a later change does not touch the frozen count
    assert source.value(2008, dt.date(2009, 2, 1)) == 13


def test_live_count_reads_the_veto_items_once_for_every_county(assessment, users):
    """Before the freeze the count checks each accepted county against the scheme's veto items: a
    fixed number of queries, not one per county (the dashboard reads it on every request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submit_and_accept(assessment, users["officer"], {"410323": {"st_body": "0"}})
    with CaptureQueriesContext(connection) as captured:
        assert sources.get(KEY).value(2008, END) == 14
    assert assessment.reports.count() == 15
    assert len(captured) <= 5
    assert sum("assessment_vetoitem" in q["sql"] for q in captured.captured_queries) == 1
