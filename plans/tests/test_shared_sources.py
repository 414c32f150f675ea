"""Sources that share one grouped query (`sources.Shared`) give the numbers they give alone.

Each shared source's `value(year, day)` is its definition; `sources.values()` reads the family's
one GROUP BY instead. On factory projects of several programs, fields, levels, states and dates
the two must agree for every member on every day, a new record must move both, and the dashboard
and the progress curve must show what the indicator computed on its own shows."""

import datetime as dt
import functools
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts.roles import Role
from core.models import Level
from core.testing import make_organisation
from ip.tests.conftest import make_patent
from plans import dashboard, progress, sources
from projects.models import Outcome
from projects.tests.helpers import make_call, make_project
from projects.workflow import State
from registries.models import EnterpriseReport

pytestmark = pytest.mark.django_db
DAYS = (dt.date(2008, 1, 31), dt.date(2008, 3, 31), dt.date(2008, 6, 30), dt.date(2008, 12, 31))


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _project(users, org, approved: dt.date, program="gongguan", field="装备制造", status=State.IN_PROGRESS, **extra):
    return make_project(
        users[Role.APPLICANT], org, call=make_call(program, year=approved.year), status=status, year=approved.year,
        field=field, approved_at=_aware(approved), **extra,
    )  # fmt: skip


@pytest.fixture
def arranged(users, org_a):
    """Projects spread over programs, fields, levels and months, with some that must not count."""
    _project(users, org_a, dt.date(2008, 1, 15))
    _project(users, org_a, dt.date(2008, 3, 31), field="轴承及加工装备")
    _project(users, org_a, dt.date(2008, 5, 2), field="节能环保", level=Level.PROVINCIAL,
             approved_funding=Decimal("300000.00"))  # fmt: skip
    _project(users, org_a, dt.date(2008, 8, 20), program="gaoxin", field="新材料", level=Level.NATIONAL,
             approved_funding=Decimal("1250000.00"))  # fmt: skip
    _project(users, org_a, dt.date(2008, 2, 1), program="nongye", field="农业")
    _project(users, org_a, dt.date(2007, 6, 1))  # last year's
    _project(users, org_a, dt.date(2008, 4, 1), status=State.DRAFT)  # not arranged


@pytest.fixture
def patents(org_a):
    """Filings of 2007 and 2008 (inventions "1", utility models "2"), some granted, one lapsed."""
    for filing, grant, lapse, kind in [
        (dt.date(2007, 2, 1), dt.date(2007, 11, 1), None, "1"),
        (dt.date(2007, 5, 1), dt.date(2008, 2, 1), dt.date(2008, 9, 1), "1"),
        (dt.date(2007, 7, 1), None, None, "2"),
        (dt.date(2008, 1, 10), dt.date(2008, 6, 1), None, "1"),
        (dt.date(2008, 3, 1), None, None, "1"),
        (dt.date(2008, 3, 5), None, None, "2"),
        (dt.date(2008, 8, 1), dt.date(2008, 12, 1), None, "1"),
    ]:
        make_patent(org_a, kind_digit=kind, filing=filing, grant=grant, lapse=lapse)


def _report(org, year: int, month: int, **figures) -> None:
    EnterpriseReport.objects.create(organisation=org, year=year, month=month,
                                    **{name: Decimal(figure) for name, figure in figures.items()})  # fmt: skip


@pytest.fixture
def figures(org_a):
    """Cumulative monthly figures of an institute, a zone enterprise and org_a, 2007 and 2008: each
    sum must read each organisation's latest month by the day, not add the months up."""
    institute = make_organisation("410305", kind="institute", former_ministry_institute=True)
    in_zone = make_organisation("410371")
    _report(institute, 2008, 1, total_revenue="2e9")
    _report(institute, 2008, 6, total_revenue="5e9", high_tech_output="1e9")
    _report(in_zone, 2007, 12, total_revenue="8e9", industrial_output="4.5e10")
    _report(in_zone, 2008, 3, total_revenue="3e9", industrial_output="1.2e10", high_tech_added_value="4e8")
    _report(in_zone, 2008, 9, total_revenue="7e9", industrial_output="2.6e10", high_tech_added_value="9e8")
    _report(org_a, 2008, 2, total_revenue="9e9", high_tech_output="3e9", high_tech_added_value="1e9")


def _outcome(project, kind: str, day: dt.date) -> None:
    outcome = Outcome.objects.create(project=project, kind=kind, title=f"{kind}成果")
    Outcome.objects.filter(pk=outcome.pk).update(recorded_at=_aware(day))  # recorded_at is set on create


@pytest.fixture
def outcomes(users, org_a):
    """Key technologies and new varieties over 2007 and 2008, and a paper that no source counts."""
    project = _project(users, org_a, dt.date(2008, 1, 15), status=State.DRAFT)  # moves no project count
    Outcome.objects.filter(project=project).delete()
    for kind, day in [
        (Outcome.Kind.KEY_TECHNOLOGY, dt.date(2007, 11, 1)),
        (Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 2, 1)),
        (Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 7, 1)),
        (Outcome.Kind.VARIETY, dt.date(2008, 3, 31)),
        (Outcome.Kind.PAPER, dt.date(2008, 2, 1)),
    ]:
        _outcome(project, kind, day)
    return project


def _shared_keys() -> list[str]:
    return [s.key for s in sources.all_sources() if s.shared is not None]


def _alone_and_together(year: int = 2008) -> tuple[dict, dict]:
    wanted = [(key, year, day) for key in _shared_keys() for day in DAYS]
    alone = {(key, y, day): sources.get(key).value(y, day) for key, y, day in wanted}
    return alone, sources.values(wanted)


def test_the_families_of_shared_sources():
    family = {key: sources.get(key).shared.tally for key in _shared_keys()}
    assert family["projects.key_research"] is family["projects.superior_funding"] is family["projects.field.gongguan.1"]
    assert family["ip.invention_applications"] is family["ip.invention_application_growth"]
    patents = ("ip.patent_applications", "ip.invention_applications", "ip.invention_holding_growth")
    assert len({family[key] for key in patents}) == 3
    sums = ("registries.institutes_revenue", "registries.high_tech_output", "registries.zone_revenue",
            "registries.zone_industrial_output", "registries.high_tech_added_value")  # fmt: skip
    assert len({family[key] for key in sums}) == 1
    assert family["projects.key_technologies"] is family["projects.new_varieties"]


def test_every_shared_source_gives_alone_what_it_gives_in_the_batch(arranged, patents, figures, outcomes):
    alone, together = _alone_and_together()
    assert together == alone
    assert together[("ip.patent_applications", 2008, dt.date(2008, 3, 31))] == 3
    assert together[("ip.invention_application_growth", 2008, dt.date(2008, 3, 31))] == Decimal("100.00")  # 2 vs 1
    assert together[("ip.invention_holding_growth", 2008, dt.date(2008, 12, 31))] == Decimal("200.00")  # 3 vs 1
    assert together[("projects.key_research", 2008, dt.date(2008, 3, 31))] == 2  # 15 Jan, 31 Mar
    assert together[("projects.key_research", 2008, dt.date(2008, 12, 31))] == 3
    assert together[("projects.bearing_energy_saving", 2008, dt.date(2008, 12, 31))] == 2
    assert together[("projects.superior_funding", 2008, dt.date(2008, 6, 30))] == Decimal(30)  # 万元
    assert together[("projects.superior_funding", 2008, dt.date(2008, 12, 31))] == Decimal(155)
    assert together[("registries.zone_industrial_output", 2008, dt.date(2008, 6, 30))] == Decimal("120.00")  # March
    assert together[("registries.zone_revenue", 2008, dt.date(2008, 12, 31))] == Decimal("70.00")  # September
    assert together[("registries.institutes_revenue", 2008, dt.date(2008, 3, 31))] == Decimal("20.00")
    assert together[("registries.high_tech_output", 2008, dt.date(2008, 6, 30))] == Decimal("40.00")  # 10 + 30
    assert together[("registries.high_tech_added_value", 2008, dt.date(2008, 1, 31))] == 0  # no report by January
    assert together[("projects.key_technologies", 2008, dt.date(2008, 3, 31))] == 1  # not 2007's
    assert together[("projects.key_technologies", 2008, dt.date(2008, 12, 31))] == 2
    assert together[("projects.new_varieties", 2008, dt.date(2008, 3, 31))] == 1  # recorded on the day counts


def test_each_family_runs_one_query_for_every_member_and_day(
    arranged, patents, figures, outcomes, django_assert_num_queries
):
    wanted = [(key, 2008, day) for key in _shared_keys() for day in DAYS]
    # the arranged projects' counts and their funding (and the program ids), all filings, invention
    # filings, inventions held, the outcomes; the enterprise reports' sums once a day (the day's
    # month decides the latest)
    with django_assert_num_queries(7 + len(DAYS)):
        sources.values(wanted)


def test_a_new_record_moves_the_batch_as_it_moves_the_source(users, org_a, arranged, patents, figures, outcomes):
    projects = ("projects.hightech_industrialisation", 2008, DAYS[-1])
    filings = ("ip.patent_applications", 2008, DAYS[-1])
    output = ("registries.high_tech_output", 2008, DAYS[-1])
    varieties = ("projects.new_varieties", 2008, DAYS[-1])
    before = sources.values([projects, filings, output, varieties])
    _project(users, org_a, dt.date(2008, 11, 3), program="gaoxin", field="电子信息")
    make_patent(org_a, filing=dt.date(2008, 10, 1))
    _report(org_a, 2008, 11, high_tech_output="5e9")  # org_a's latest now: 50 亿元 instead of 30
    _outcome(outcomes, Outcome.Kind.VARIETY, dt.date(2008, 12, 31))
    alone, together = _alone_and_together()
    assert together[projects] == before[projects] + 1 == sources.get(projects[0]).value(2008, DAYS[-1])
    assert together[filings] == before[filings] + 1
    assert together[output] == before[output] + 20 == sources.get(output[0]).value(2008, DAYS[-1])
    assert together[varieties] == before[varieties] + 1 == sources.get(varieties[0]).value(2008, DAYS[-1])
    assert together == alone


def test_last_years_figures_come_from_their_own_pass(arranged, patents, figures, outcomes):
    alone, together = _alone_and_together(2007)
    assert together == alone
    assert together[("registries.zone_industrial_output", 2007, DAYS[-1])] == Decimal("450.00")
    assert together[("projects.key_technologies", 2007, DAYS[-1])] == 1
    assert together[("projects.key_research", 2007, DAYS[-1])] == 1


def test_unknown_keys_are_left_out_and_nothing_asked_is_nothing_run(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert sources.values([]) == {}
        assert sources.values([("gone.app", 2008, DAYS[0])]) == {}


def _link(plan, code: str, key: str, **fields):
    indicator = plan.indicators.get(code=code) if code else plan.indicators.first()
    for name, value in {"source_key": key, **fields}.items():
        setattr(indicator, name, value)
    indicator.save()
    return indicator


@pytest.fixture
def plan_2008(confirmed_plan):
    confirmed_plan.year = 2008
    confirmed_plan.save()
    return confirmed_plan


def test_dashboard_rows_show_what_each_indicator_computes_alone(users, arranged, plan_2008):
    counts, growth = plan_2008.indicators.order_by("pk")[:2]
    _link(plan_2008, counts.code, "projects.key_research")
    _link(plan_2008, growth.code, "projects.key_research", kind="growth_rate", unit="%", target_value=Decimal(20))
    day = dt.date(2008, 12, 31)
    rows = dashboard.rows_for(dashboard.indicator_queryset(plan_2008), users["leader"], day)
    by_pk = {row.indicator.pk: row.standing.current for row in rows}
    source = sources.get("projects.key_research")
    this_year, last_year = source.value(2008, day), source.value(2007, dt.date(2007, 12, 31))
    assert by_pk[counts.pk] == this_year == 3
    assert by_pk[growth.pk] == progress.rate_from_values(this_year, last_year) == Decimal("200.00")  # 3 against 1


def test_the_progress_curve_is_the_source_at_each_month_end(users, arranged, plan_2008):
    indicator = _link(plan_2008, "", "projects.key_research")
    curve = dashboard.series(indicator, dt.date(2008, 6, 30))["actual"]
    source = sources.get("projects.key_research")
    ends = dashboard.month_ends(2008, dt.date(2008, 6, 30))
    assert curve == [[d.isoformat(), float(source.value(2008, d))] for d in ends]
    assert [v for _, v in curve] == [1, 1, 2, 2, 3, 3]


def test_days_outside_the_plan_year_count_nothing_before_it_and_the_whole_year_after(
    arranged, patents, figures, outcomes
):
    """A family reads its records per stretch between the days asked and adds them up: a day before
    the year (or a period that ends before it starts) must not open a stretch that reaches back into
    the year before, and a day after the year counts the whole year, as each source alone does."""
    days = (dt.date(2007, 1, 15), dt.date(2008, 3, 31), dt.date(2009, 2, 1))
    wanted = [(key, 2008, day) for key in _shared_keys() for day in days]
    alone = {(key, year, day): sources.get(key).value(year, day) for key, year, day in wanted}
    together = sources.values(wanted)
    assert together == alone
    assert together[("projects.key_research", 2008, days[0])] == 0  # not last year's project of 1 June
    assert together[("projects.key_research", 2008, days[2])] == 3
    assert together[("ip.patent_applications", 2008, days[0])] == 0  # not 2007's filings
    assert together[("ip.patent_applications", 2008, days[2])] == 4


def test_more_members_than_one_statement_takes_are_read_in_several(arranged, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(sources, "MEMBERS_PER_STATEMENT", 3)
    wanted = [(key, 2008, day) for key in ("projects.key_research", "projects.agriculture") for day in DAYS]
    alone = {figure: sources.get(figure[0]).value(2008, figure[2]) for figure in wanted}
    with django_assert_num_queries(1 + 3):  # the program ids, then 8 stretches 3 at a time
        together = sources.values(wanted)
    assert together == alone
    assert [together[("projects.key_research", 2008, day)] for day in DAYS] == [1, 2, 3, 3]


def test_the_sources_that_count_their_records_are_counted_together(
    users, org_a, arranged, patents, figures, outcomes, django_assert_max_num_queries
):
    """Every source whose value is `count_of(records)` gives in the batch what it counts alone, all
    of them in one statement, and a new record moves its count there as it moves it alone."""
    from projects.indicator_sources import EQUIPMENT_FIELD

    counting = [s.key for s in sources.all_sources() if s.shared is None and isinstance(s.value, sources.CountOf)]
    assert {"projects.superior_applications", "projects.equipment_key_technologies", "ip.advantage_units"} <= set(
        counting
    )
    wanted = [(key, 2008, day) for key in counting for day in DAYS]
    alone = {(key, year, day): sources.get(key).value(year, day) for key, year, day in wanted}
    # the counts in one statement; on each day the look-ups two sources' records make first (the
    # year's assessment, the awards' status log)
    with django_assert_max_num_queries(1 + 2 * len(DAYS)):
        together = sources.values(wanted)
    assert together == alone
    superior = ("projects.superior_applications", 2008, DAYS[-1])
    equipment = ("projects.equipment_key_technologies", 2008, DAYS[-1])
    project = _project(users, org_a, dt.date(2008, 5, 2), field=EQUIPMENT_FIELD, level=Level.PROVINCIAL,
                       submitted_at=_aware(dt.date(2008, 4, 1)))  # fmt: skip
    before = sources.values([superior, equipment])
    _outcome(project, Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 9, 1))
    after = sources.values([superior, equipment])
    assert after[equipment] == before[equipment] + 1 == sources.get(equipment[0]).value(2008, DAYS[-1])
    assert before[superior] == together[superior] + 1 == sources.get(superior[0]).value(2008, DAYS[-1])


def test_a_count_source_over_distinct_records_keeps_its_own_count(arranged, monkeypatch):
    """COUNT(*) over the rows of a DISTINCT queryset is not its count(): such a source is not put in
    the shared statement."""
    from projects.models import Project

    def fields(year: int, as_of: dt.date):
        return Project.objects.filter(year=year).values("field").distinct()

    source = sources.DataSource(key="test.distinct_fields", label="领域", unit="个", value=sources.count_of(fields),
                                records=fields)  # fmt: skip
    monkeypatch.setitem(sources._registry, source.key, source)
    assert sources.counted_by_rows(Project.objects.filter(year=2008))
    assert not sources.counted_by_rows(fields(2008, DAYS[-1]))
    figure = (source.key, 2008, DAYS[-1])
    assert sources.values([figure])[figure] == source.value(2008, DAYS[-1]) == 5  # six 2008 projects, five fields


# --- each member's SQL is compiled once; its statement runs on every call --------------------------


def _counting_keys() -> list[str]:
    return [s.key for s in sources.all_sources() if s.shared is None and isinstance(s.value, sources.CountOf)]


def test_compiled_statements_still_read_every_new_record(users, org_a, arranged, patents, outcomes, monkeypatch):
    """Once every member is compiled, asking again compiles nothing, runs the statements again and
    sees the records written in between: the projects of a program and their funding, the filings,
    and the counted sources."""
    projects = [("projects.hightech_industrialisation", 2008, DAYS[-1]), ("projects.superior_funding", 2008, DAYS[-1])]
    filings = [("ip.patent_applications", 2008, DAYS[-1]), ("ip.invention_application_growth", 2008, DAYS[-1])]
    counted = [("projects.superior_applications", 2008, DAYS[-1]), ("ip.advantage_units", 2008, DAYS[-1])]
    wanted = [*projects, *filings, *counted]
    before = sources.values(wanted)

    def compile_again(build):
        raise AssertionError("compiled again")

    monkeypatch.setattr(sources, "_compile", compile_again)
    _project(users, org_a, dt.date(2008, 11, 3), program="gaoxin", field="电子信息", level=Level.NATIONAL,
             approved_funding=Decimal("200000.00"), submitted_at=_aware(dt.date(2008, 10, 1)))  # fmt: skip
    make_patent(org_a, kind_digit="1", filing=dt.date(2008, 10, 1))
    from ip.models import IPAdvantage

    IPAdvantage.objects.create(kind=IPAdvantage.Kind.ENTERPRISE, organisation=org_a, region=org_a.region,
                               status=IPAdvantage.Status.RECOGNISED, recognised_on=dt.date(2008, 5, 1))  # fmt: skip
    after = sources.values(wanted)
    assert after[projects[0]] == before[projects[0]] + 1
    assert after[projects[1]] == before[projects[1]] + 20  # 万元
    assert after[filings[0]] == before[filings[0]] + 1
    assert (before[filings[1]], after[filings[1]]) == (Decimal("50.00"), Decimal("100.00"))  # 3, then 4 against 2
    assert after[counted[0]] == before[counted[0]] + 1
    assert after[counted[1]] == before[counted[1]] + 1
    assert after == {figure: sources.get(figure[0]).value(*figure[1:]) for figure in wanted}


def test_another_day_or_year_is_another_statement(arranged, patents, outcomes, django_assert_num_queries):
    """The same sources asked for another day or plan year run other SQL (never the statement of the
    day compiled first) and give what each source gives alone."""
    keys = ["projects.key_research", "ip.patent_applications", *_counting_keys()]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    statements = {}
    for year, day in [(2008, DAYS[0]), (2008, DAYS[2]), (2007, DAYS[2]), (2008, DAYS[0])]:
        wanted = [(key, year, day) for key in keys]
        with CaptureQueriesContext(connection) as captured:
            together = sources.values(wanted)
        assert together == {(key, year, day): sources.get(key).value(year, day) for key in keys}
        statements[(year, day)] = [query["sql"] for query in captured.captured_queries if "UNION ALL" in query["sql"]]
    assert len({tuple(sql) for sql in statements.values()}) == 3  # the first day asked again is its own SQL again
    assert statements[(2008, DAYS[0])] != statements[(2008, DAYS[2])] != statements[(2007, DAYS[2])]


def test_a_member_whose_records_read_the_database_is_built_on_every_call(users, org_a, arranged, monkeypatch):
    """Records that look up ids first would keep the ids of the first call if their SQL were kept:
    such a member is compiled on every call, and a new record moves it; its statement's text stays
    the same while its records do."""
    from projects.models import Project

    def listed(year: int, as_of: dt.date):
        return Project.objects.filter(pk__in=list(Project.objects.filter(year=year).values_list("pk", flat=True)))

    source = sources.DataSource(key="test.listed", label="项目", unit="项", value=sources.count_of(listed),
                                records=listed)  # fmt: skip
    monkeypatch.setitem(sources._registry, source.key, source)
    figure = (source.key, 2008, DAYS[-1])
    before = sources.values([figure])[figure]
    _project(users, org_a, dt.date(2008, 9, 1))
    assert sources.values([figure])[figure] == before + 1 == source.value(2008, DAYS[-1])
    # built anew, it keeps its label: the same records make the same statement text again
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    texts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            sources.values([figure])
        texts.append(captured.captured_queries[-1]["sql"])
    assert texts[0] == texts[1]


def test_a_statement_is_planned_once_per_connection_and_still_counts_every_new_record(users, org_a, arranged):
    """PostgreSQL prepares a statement the first time a connection runs it and then executes it by
    name (SQLite keeps its own statements by their text, the same text on every call): a project
    arranged since is counted by the same prepared statement."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figure = ("projects.key_research", 2008, dt.date(2008, 11, 17))  # a day no other test asks
    runs = []
    for new_project in (False, False, True):
        if new_project:
            _project(users, org_a, dt.date(2008, 11, 3))
        with CaptureQueriesContext(connection) as captured:
            runs.append(sources.values([figure])[figure])
        runs.append([q["sql"] for q in captured.captured_queries if "projects_program" not in q["sql"]])
    first, first_sql, again, again_sql, after, after_sql = runs
    assert (first, again, after) == (3, 3, 4) and after == sources.get(figure[0]).value(2008, figure[2])
    assert again_sql == after_sql and len(again_sql) == 1
    if connection.vendor == "postgresql":
        assert again_sql[0].startswith("EXECUTE figures_")
        assert "PREPARE figures_" in first_sql[0] and first_sql[0].endswith(f"; {again_sql[0]}")
    else:
        assert first_sql == again_sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_a_round_trip_that_fails_after_its_prepare_does_not_break_the_connection(db):
    """PREPARE outlives the rollback of the EXECUTE that failed beside it: the next round trip must
    not prepare the same name again (\"already exists\") on that connection."""
    from django.db import transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE figures_test (x int)")
    sql = "SELECT 1 / count(*) FROM figures_test"  # fails when it runs, not when it is planned
    with pytest.raises(Exception, match="division by zero"), transaction.atomic():
        sources._fetch(connection, sql, [])
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO figures_test VALUES (1)")
    assert sources._fetch(connection, sql, []) == [(1,)]
    assert sources._fetch(connection, sql, []) == [(1,)]


def test_a_connection_keeps_a_bounded_number_of_prepared_statements(arranged, monkeypatch):
    monkeypatch.setattr(sources, "PREPARED_PER_CONNECTION", 1)
    days = [dt.date(2008, 10, d) for d in (6, 7, 8)]  # days no other test asks
    for day in (*days, days[0]):
        figure = ("projects.key_research", 2008, day)
        assert sources.values([figure])[figure] == sources.get(figure[0]).value(2008, day) == 3


def test_the_same_members_make_the_same_statement_in_any_order(arranged):
    """A statement's text is what PostgreSQL prepares and SQLite keeps: members asked in another
    order must not make another one."""
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from projects.models import Project

    members = {year: functools.partial(lambda y: (Project.objects.filter(year=y), Count("*")), year)
               for year in (2007, 2008, 2009)}  # fmt: skip
    statements, figures = [], []
    for order in (list(members), list(reversed(members))):
        with CaptureQueriesContext(connection) as captured:
            figures.append(sources.each_aggregate("test.order", {year: members[year] for year in order}))
        statements.append(captured.captured_queries[-1]["sql"].split("; ")[-1])
    assert statements[0] == statements[1]
    assert figures[0] == figures[1] == {2007: 1, 2008: 6, 2009: 0}


# --- sums and other aggregates of records are read with the counts --------------------------------


def _funding(year: int, as_of: dt.date):
    from projects.models import Project

    return Project.objects.filter(year=year, approved_at__lte=sources.end_of(as_of))


def _provincial(year: int, as_of: dt.date):
    return _funding(year, as_of).filter(level=Level.PROVINCIAL)


def test_a_source_that_sums_or_combines_its_records_is_read_in_the_batch(users, org_a, arranged, monkeypatch):
    """A source whose value is aggregates of its records (`AggregateOf`: a sum in 万元, a share of two
    counts) gives in the batch what it gives alone; once compiled, asking again compiles nothing and
    a new record moves it."""
    from django.db.models import Count, Sum

    def share(total, provincial):
        return Decimal(100 * provincial / total).quantize(Decimal("0.1")) if total else Decimal(0)

    summed = sources.DataSource(key="test.funding", label="资金", unit="万元", value=sources.aggregate_of(
        _funding, Sum("approved_funding"), lambda total: (total or Decimal(0)) / 10_000), records=_funding)  # fmt: skip
    shared = sources.DataSource(key="test.provincial_share", label="省级占比", unit="%", value=sources.AggregateOf(
        ((_funding, Count("*")), (_provincial, Count("*"))), share), records=_provincial)  # fmt: skip
    for source in (summed, shared):
        monkeypatch.setitem(sources._registry, source.key, source)
    wanted = [(key, year, day) for key in (summed.key, shared.key) for year, day in ((2008, DAYS[-1]), (2009, DAYS[0]))]

    def alone() -> dict:
        return {(key, year, day): sources.get(key).value(year, day) for key, year, day in wanted}

    before = sources.values(wanted)
    assert before == alone()
    counts = (_funding(2008, DAYS[-1]).count(), _provincial(2008, DAYS[-1]).count())
    assert counts[1] and before[(shared.key, 2008, DAYS[-1])] == share(*counts)
    assert before[(summed.key, 2009, DAYS[0])] == before[(shared.key, 2009, DAYS[0])] == 0  # no record: a sum of None

    def compile_again(build, label):
        raise AssertionError("compiled again")

    monkeypatch.setattr(sources, "_compile", compile_again)
    _project(users, org_a, dt.date(2008, 11, 3), level=Level.PROVINCIAL, approved_funding=Decimal("200000.00"))
    after = sources.values(wanted)
    assert after == alone()
    assert after[(summed.key, 2008, DAYS[-1])] == before[(summed.key, 2008, DAYS[-1])] + 20  # 万元
    assert after[(shared.key, 2008, DAYS[-1])] == share(counts[0] + 1, counts[1] + 1)


def test_the_grouped_passes_are_compiled_once_and_read_every_new_record(
    users, org_a, figures, patents, outcomes, monkeypatch
):
    """The families whose one query takes several aggregates of the same rows (`sources.aggregates`:
    the enterprise reports' sums, the outcomes of each kind, the inventions held) are compiled once a
    day asked; asked again, the statement runs again (on PostgreSQL by name, planned once per
    connection) and reads the records written in between."""
    from django.test.utils import CaptureQueriesContext

    day = dt.date(2008, 11, 28)  # a day no other test asks
    output = ("registries.high_tech_output", 2008, day)
    varieties = ("projects.new_varieties", 2008, day)
    held = ("ip.invention_holding_growth", 2008, day)
    wanted = [output, varieties, held]
    before = sources.values(wanted)

    def compile_again(query, db, figures):
        raise AssertionError("compiled again")

    monkeypatch.setattr(sources, "_sql_of", compile_again)
    _report(org_a, 2008, 10, high_tech_output="5e9")  # org_a's latest now: 50 亿元 instead of 30
    _outcome(outcomes, Outcome.Kind.VARIETY, dt.date(2008, 10, 1))
    make_patent(org_a, kind_digit="1", filing=dt.date(2008, 1, 2), grant=dt.date(2008, 10, 1))
    with CaptureQueriesContext(connection) as captured:
        after = sources.values(wanted)
    assert after[output] == before[output] + 20
    assert after[varieties] == before[varieties] + 1
    assert after[held] > before[held]
    assert after == {figure: sources.get(figure[0]).value(*figure[1:]) for figure in wanted}
    if connection.vendor == "postgresql":
        assert all(q["sql"].startswith("EXECUTE figures_") for q in captured.captured_queries)
