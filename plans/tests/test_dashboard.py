"""The dashboard's numbers from live records: sources, manual reports, rates, drill-down, order."""

import datetime as dt
from decimal import Decimal

import pytest

from core.testing import make_organisation
from directory.models import Organisation
from outreach.models import CultivationEntry
from plans import dashboard, progress, sources
from plans.models import Milestone, ProgressReport

pytestmark = pytest.mark.django_db
MID = dt.date(2010, 6, 30)


def _row(indicator, user, day=MID):
    (row,) = dashboard.rows_for(dashboard.indicator_queryset(indicator.plan).filter(pk=indicator.pk), user, day)
    return row


def test_source_value_is_live_and_converted(users, confirmed_plan, fake_source):
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key = fake_source.key
    indicator.save()
    row = _row(indicator, users["leader"])
    # 10 per month → 60 by the end of June, against 100 for the year
    assert row.standing.current == 60
    assert row.standing.percent == 60
    assert row.status == progress.ON_TRACK
    assert row.source_label == "实施科技攻关项目"
    assert dashboard.current_value(indicator, dt.date(2010, 3, 31)) == 30


def test_growth_rate_from_a_count_source_is_year_on_year(users, confirmed_plan, fake_source):
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.kind, indicator.unit, indicator.target_value = "growth_rate", "%", Decimal(20)
    indicator.source_key = fake_source.key
    indicator.save()
    # 60 this year against 48 by the same day last year: +25 %
    assert dashboard.source_value(indicator, MID) == Decimal("25.00")
    assert _row(indicator, users["leader"]).status == progress.ON_TRACK


def test_money_converts_between_wan_and_yi(users, confirmed_plan, monkeypatch):
    source = sources.DataSource("test.money", "资金", "万元", value=lambda year, day: Decimal(25000))
    sources.discover()
    monkeypatch.setitem(sources._registry, source.key, source)
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.unit, indicator.target_value, indicator.source_key = "亿元", Decimal(5), source.key
    indicator.save()
    assert dashboard.source_value(indicator, MID) == Decimal("2.5")


def test_unregistered_source_shows_no_data(users, confirmed_plan):
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key = "gone.app"
    indicator.save()
    assert _row(indicator, users["leader"]).status == progress.NO_DATA


def test_manual_value_is_the_latest_report_on_or_before_the_day(users, manual_indicator):
    for day, value in [(dt.date(2010, 3, 31), 300), (dt.date(2010, 6, 30), 820), (dt.date(2010, 9, 30), 1300)]:
        ProgressReport.objects.create(indicator=manual_indicator, as_of=day, value=value)
    assert _row(manual_indicator, users["leader"], dt.date(2010, 7, 15)).standing.current == 820
    assert _row(manual_indicator, users["leader"], dt.date(2010, 1, 15)).status == progress.NO_DATA
    late = _row(manual_indicator, users["leader"], dt.date(2010, 12, 31))
    assert (late.standing.current, late.status) == (1300, progress.BEHIND)


def test_increase_to_counts_from_the_baseline(users, confirmed_plan):
    indicator = confirmed_plan.indicators.get(kind="increase_to")
    ProgressReport.objects.create(indicator=indicator, as_of=MID, value=353)
    standing = _row(indicator, users["leader"]).standing
    assert standing.percent == Decimal("50.72")
    assert standing.status == progress.ON_TRACK


def test_deadline_indicator_is_behind_after_its_date_until_reported_done(users, confirmed_plan):
    indicator = confirmed_plan.indicators.get(kind="deadline")
    assert indicator.deadline == dt.date(2010, 6, 30)
    ProgressReport.objects.create(indicator=indicator, as_of=dt.date(2010, 5, 31), value=0)
    assert _row(indicator, users["leader"], dt.date(2010, 7, 1)).status == progress.BEHIND
    ProgressReport.objects.create(indicator=indicator, as_of=dt.date(2010, 7, 2), value=1)
    assert _row(indicator, users["leader"], dt.date(2010, 7, 3)).status == progress.ACHIEVED


def test_my_indicators_come_first(users, confirmed_plan):
    last = confirmed_plan.indicators.order_by("-order").first()
    confirmed_plan.indicators.update(leader=None)
    last.leader = users["leader"]
    last.save()
    rows = dashboard.rows_for(dashboard.indicator_queryset(confirmed_plan), users["leader"], MID)
    assert rows[0].indicator == last and rows[0].mine
    assert not any(r.mine for r in rows[1:])
    admin_rows = dashboard.rows_for(dashboard.indicator_queryset(confirmed_plan), users["admin"], MID)
    assert [r.indicator.order for r in admin_rows] == sorted(r.indicator.order for r in admin_rows)


def test_summary_counts_every_status(users, confirmed_plan):
    rows = dashboard.rows_for(dashboard.indicator_queryset(confirmed_plan), users["leader"], MID)
    counts = dashboard.summary(rows)
    assert set(counts) == set(progress.STATUSES)
    assert sum(counts.values()) == confirmed_plan.indicators.count()


def test_as_of_is_capped_to_the_plan_year(confirmed_plan):
    assert dashboard.as_of_for(confirmed_plan, dt.date(2026, 1, 1)) == dt.date(2010, 12, 31)
    assert dashboard.as_of_for(confirmed_plan, dt.date(2009, 5, 1)) == dt.date(2010, 1, 1)
    assert dashboard.as_of_for(confirmed_plan, MID) == MID


def test_series_for_the_chart(users, confirmed_plan, fake_source, manual_indicator):
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key = fake_source.key
    indicator.save()
    data = dashboard.series(indicator, MID)
    assert data["actual"] == [[f"2010-{m:02d}-{d}", 10.0 * m] for m, d in
                              [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30)]]  # fmt: skip
    assert len(data["expected"]) == 12 and data["expected"][-1] == ["2010-12-31", 100.0]
    # the pace projects 120.99 项; a count is forecast in whole items
    assert data["target"] == 100.0 and data["forecast"] == 121.0
    ProgressReport.objects.create(indicator=manual_indicator, as_of=dt.date(2010, 4, 30), value=500)
    assert dashboard.series(manual_indicator, MID)["actual"] == [["2010-04-30", 500.0]]


def test_overdue_milestones(confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    late = Milestone.objects.create(work_item=item, title="迟", due=dt.date(2010, 3, 31))
    Milestone.objects.create(work_item=item, title="已完成", due=dt.date(2010, 3, 31), done_on=dt.date(2010, 3, 30))
    Milestone.objects.create(work_item=item, title="未到期", due=dt.date(2010, 9, 30))
    assert list(dashboard.overdue_milestones(confirmed_plan, MID)) == [late]


def test_drill_down_lists_records_within_the_users_scope(users, org_a, org_b, confirmed_plan):
    pilot_a, pilot_b = (
        CultivationEntry.objects.create(organisation=org, roster="innovation_pilot", entered_on=dt.date(2009, 1, 1))
        for org in (org_a, org_b)
    )
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key, indicator.unit = "outreach.innovation_pilots", "家"
    indicator.save()
    assert set(dashboard.drill_down(indicator, users["leader"], MID)) == {pilot_a, pilot_b}
    # the county office (涧西区) sees only its own region's records, while the total stays city-wide
    assert list(dashboard.drill_down(indicator, users["county"], MID)) == [pilot_a]
    assert dashboard.current_value(indicator, MID) == 2


def test_directory_sources_count_flags(db):
    make_organisation("410305", former_ministry_institute=True, kind=Organisation.Kind.INSTITUTE)
    source = sources.get("directory.former_ministry_institutes")
    assert source.value(2008, dt.date(2008, 12, 31)) == Decimal(1)
    assert source.records(2008, dt.date(2008, 12, 31)).count() == 1


def test_the_page_reads_the_plans_once_for_buttons_and_filter(users, confirmed_plan, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.models import Plan

    Plan.objects.create(year=confirmed_plan.year - 1, title="上一年工作要点")  # two plans: the filter lists them
    client.force_login(users["leader"])
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert 'id="id_plan_select"' in page and "上一年工作要点" in page
    # The plan shown is picked by its own queries; the list of plans is read once for both.
    listed = [q["sql"] for q in captured if q["sql"].startswith('SELECT "plans_plan"."id"') and "WHERE" not in q["sql"]]
    assert len(listed) == 1, listed
