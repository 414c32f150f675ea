"""Live data sources for the plan's indicators (DESIGN.md rule 6): counts over projects and outcomes.

A project counts for a plan year when it was arranged (approved, 立项) in that year, on or
before `as_of`; outcomes count when recorded in that year. Nothing is copied into counters.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, Shared, aggregates, count_of, end_of, register, totals_to_each_day

from . import workflow as wf
from .models import Level, Outcome, Program, Project
from .programs import PROGRAMS


def approved(year: int, as_of: dt.date, **filters):
    """Projects arranged in `year` by the end of `as_of` (still arranged: not reverted)."""
    return Project.objects.filter(
        approved_at__year=year, approved_at__lte=end_of(as_of), status__in=wf.ARRANGED_STATES, **filters
    )


def superior_submitted(year: int, as_of: dt.date):
    return Project.objects.filter(
        level__in=[Level.PROVINCIAL, Level.NATIONAL],
        submitted_at__year=year,
        submitted_at__lte=end_of(as_of),
    )


def key_technologies(year: int, as_of: dt.date):
    return Outcome.objects.filter(
        kind=Outcome.Kind.KEY_TECHNOLOGY, recorded_at__year=year, recorded_at__lte=end_of(as_of)
    )


def outcomes(kind: str, year: int, as_of: dt.date, **filters):
    return Outcome.objects.filter(kind=kind, recorded_at__year=year, recorded_at__lte=end_of(as_of), **filters)


# Seed §3: "在盾构机、节能环保设备等领域实施24个科技项目,解决40项关键技术难题" — the 40 problems
# are those of the equipment field's projects, not every key technology of the year.
EQUIPMENT_FIELD = "装备制造(盾构机、节能环保设备)"


def equipment_key_technologies(year: int, as_of: dt.date):
    # From the year's few thousand key technologies, each one's project field by primary key (a
    # subquery per outcome, the program's id read once): "project IN (the field's projects)" or a
    # join made both databases walk the program's ~7,500 equipment projects first (11 ms → 3–4 ms
    # at province scale on SQLite and PostgreSQL).
    gongguan = Program.objects.filter(code="gongguan").values("pk")
    field = Project.objects.filter(pk=OuterRef("project_id"), program_id=Subquery(gongguan)).values("field")
    return outcomes(Outcome.Kind.KEY_TECHNOLOGY, year, as_of).alias(project_field=Subquery(field)).filter(
        project_field=EQUIPMENT_FIELD
    )


def new_varieties(year: int, as_of: dt.date):
    return outcomes(Outcome.Kind.VARIETY, year, as_of)


def arranged_after_first_half(year: int, as_of: dt.date):
    """Seed §16 "项目争取上半年安排下去": the year's projects arranged after 30 June (the drill-down
    shows the late ones; none means the target is met)."""
    return approved(year, as_of, approved_at__gte=end_of(dt.date(year, 6, 30)))


def outcomes_tally(year: int, days: tuple[dt.date, ...], parts: frozenset) -> dict[tuple[str, dt.date], int]:
    """How many outcomes of each kind asked were recorded in `year` by each day's end: one pass over
    the year's outcomes (a FILTER per kind and day) for every outcome count of the dashboard."""
    kinds = tuple(sorted(parts))
    wanted = [(kind, day) for kind in kinds for day in days]

    def build():
        figures = {
            f"n{i}": Count("recorded_at", filter=Q(kind=kind, recorded_at__lte=end_of(day)))
            for i, (kind, day) in enumerate(wanted)
        }
        outcomes = Outcome.objects.filter(kind__in=kinds, recorded_at__year=year, recorded_at__lte=end_of(days[-1]))
        return outcomes, figures

    # compiled once per year, days and kinds; on PostgreSQL planned once per connection
    totals = aggregates(("projects.outcomes", year, days, kinds), build)
    return {key: totals[f"n{i}"] for i, key in enumerate(wanted)}


def _outcomes_pick(tally: dict, day: dt.date, kind: str) -> Decimal:
    return Decimal(tally[(kind, day)])


def _first_half_met(year: int, as_of: dt.date) -> Decimal:
    """1 once the first half is over with projects arranged in it and none arranged later (as of
    `as_of`), else 0 — a deadline indicator is met or not."""
    if as_of < dt.date(year, 6, 30):
        return Decimal(0)
    on_time = approved(year, min(as_of, dt.date(year, 6, 30))).exists()
    return Decimal(1 if on_time and not arranged_after_first_half(year, as_of).exists() else 0)


def _counting(key: str, label: str | Promise, unit: str, records, description: str | Promise = "",
              kind: str | None = None) -> DataSource:
    """A source whose value is the number of its records; one that counts the year's outcomes of a
    `kind` shares the outcomes' pass with the other such sources."""
    shared = Shared(tally=outcomes_tally, pick=_outcomes_pick, part=kind) if kind is not None else None
    return DataSource(key=key, label=label, unit=unit, value=count_of(records), records=records, app="projects",
                      description=description, shared=shared)


# --- the year's arranged projects in one statement ------------------------------------------------
# The per-program, per-field and superior-funding sources all read the year's arranged projects:
# one statement answers every part asked, for each day asked (the dashboard asks one day, a progress
# curve every month-end), each part and stretch between days one range of an index led by what the
# part fixes (the program, its fields, the levels), read from the index alone. At province scale
# (150,000 projects arranged in 2008) the dashboard's 13 parts take ~8 ms on SQLite, where one pass
# over the year's projects with a FILTER per part took ~45 ms (BENCHMARKS.md, dashboard).
SUPERIOR = (Level.PROVINCIAL, Level.NATIONAL)
WAN = Decimal(10_000)


@dataclass(frozen=True)
class Part:
    """What one source counts of the arranged projects: a program (its fields), or the levels'
    approved funding in 万元."""

    program: str | None = None
    fields: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    funding: bool = False

    def q(self, program_ids: dict[str, int]) -> Q:
        q = Q()
        if self.program is not None:
            q &= Q(program_id=program_ids.get(self.program))
        if self.fields is not None:
            q &= Q(field__in=self.fields)
        if self.levels is not None:
            q &= Q(level__in=self.levels)
        return q


def arranged_tally(year: int, days: tuple[dt.date, ...], parts: frozenset) -> dict[tuple[Part, dt.date], Decimal]:
    """Each part's figure on each day: how many of the year's projects it counts were arranged by the
    day's end, or their approved funding (yuan). Programs by id: a join for every row costs more
    than reading the codes."""
    program_ids = dict(Program.objects.values_list("code", "pk"))
    eve = dt.date(year - 1, 12, 31)
    # a day outside the year counts what the year has by then: nothing before it, all of it after
    in_year = {day: min(max(day, eve), dt.date(year, 12, 31)) for day in days}
    lines = {part: (eve, tuple(sorted(set(in_year.values())))) for part in parts}

    def between(part: Part, after: dt.date, day: dt.date):
        records = Project.objects.filter(
            part.q(program_ids),
            status__in=wf.ARRANGED_STATES,
            approved_at__gt=end_of(after),
            approved_at__lte=end_of(day),
        )
        # COUNT(approved_at), not COUNT(id): the indexes have no id
        return records, Sum("approved_funding") if part.funding else Count("approved_at")

    # the program ids are all the records' SQL depends on besides the part and the days
    totals = totals_to_each_day(("projects.arranged", tuple(sorted(program_ids.items()))), lines, between)
    return {(part, day): Decimal(totals[(part, in_year[day])]) for part in parts for day in days}


def _arranged_pick(tally: dict, day: dt.date, part: Part) -> Decimal:
    return tally[(part, day)] / WAN if part.funding else tally[(part, day)]


def _picking(part: Part) -> Shared:
    return Shared(tally=arranged_tally, pick=_arranged_pick, part=part)


def _fields_source(key: str, label: str | Promise, program_code: str, fields: list[str]) -> DataSource:
    """Several fields of one program together (seed §5: "轴承及加工装备、节能环保相关产业等领域")."""
    return _program_source(key, label, program_code, fields)


def _program_source(key: str, label: str | Promise, program_code: str, fields: list[str] | None = None) -> DataSource:
    def records(year, as_of):
        # the program by "IN", not a join: SQLite then counts from the covering index
        program = Program.objects.filter(code=program_code)
        if fields is None:
            return approved(year, as_of, program__in=program)
        return approved(year, as_of, program__in=program, field__in=fields)

    return DataSource(
        key=key,
        label=label,
        unit="项",
        value=count_of(records),
        records=records,
        app="projects",
        shared=_picking(Part(program_code, tuple(fields) if fields is not None else None)),
    )


def _superior_funding(year: int, as_of: dt.date) -> Decimal:
    total = approved(year, as_of, level__in=SUPERIOR).aggregate(total=Sum("approved_funding"))["total"]
    return (total or Decimal("0")) / Decimal("10000")


SOURCES = [
    _program_source("projects.key_research", _("实施科技攻关项目"), "gongguan"),
    _program_source("projects.hightech_industrialisation", _("高新技术产业化项目"), "gaoxin"),
    _program_source("projects.transformation", _("科技成果转化项目"), "zhuanhua"),
    _program_source("projects.iur", _("产学研合作项目"), "chanxueyan"),
    _program_source("projects.agriculture", _("农业科技攻关和成果转化项目"), "nongye"),
    _program_source("projects.energy_saving", _("节能减排关键技术研究"), "jieneng"),
    _program_source("projects.social", _("生物制药及医疗卫生等民生项目"), "minsheng"),
    _program_source("projects.major_special", _("重大科技专项"), "zhongda"),
    _counting("projects.key_technologies", _("突破关键技术"), "项", key_technologies, kind=Outcome.Kind.KEY_TECHNOLOGY),
    _counting("projects.superior_applications", _("申报国家、省级科技项目"), "项", superior_submitted),
    DataSource(
        key="projects.superior_funding",
        label=_("争取上级科技资金"),
        unit="万元",
        value=_superior_funding,
        records=lambda year, as_of: approved(year, as_of, level__in=SUPERIOR),
        app="projects",
        shared=_picking(Part(levels=SUPERIOR, funding=True)),
    ),
]
SOURCES += [
    _counting(
        "projects.equipment_key_technologies",
        _("解决装备制造关键技术难题"),
        "项",
        equipment_key_technologies,
        description=format_lazy(_("科技攻关计划“{field}”领域项目登记的“突破关键技术”成果"), field=EQUIPMENT_FIELD),
    ),
    _counting(
        "projects.new_varieties",
        _("粮食作物、经济作物领域选育新品种"),
        "个",
        new_varieties,
        description=_("当年登记的项目成果中类型为“新品种”的条数"),
        kind=Outcome.Kind.VARIETY,
    ),
    DataSource(
        key="projects.arranged_first_half",
        label=_("项目上半年安排下去"),
        unit="",
        value=_first_half_met,
        records=arranged_after_first_half,
        app="projects",
        description=_("6月30日前有项目立项且此后没有新立项即为完成；明细列出6月30日后立项的项目"),
    ),
    _fields_source(
        "projects.bearing_energy_saving",
        _("科技攻关·轴承及加工装备、节能环保"),
        "gongguan",
        ["轴承及加工装备", "节能环保"],
    ),
]
# Seed §3–§8 name fields within programs (盾构机/装备制造 24 projects, 轴承 32, 生物医药 10 …):
# one source per bundled field, key projects.field.<program>.<n>. Their labels are the seed's
# program and field names (data, as the plan text writes them), not interface strings.
SOURCES += [
    _program_source(f"projects.field.{row['code']}.{n}", f"{row['name']}·{name}", row["code"], [name])
    for row in PROGRAMS
    for n, name in enumerate(row["fields"], start=1)
]

for _source in SOURCES:
    register(_source)
