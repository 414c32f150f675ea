"""The registry of indicator data sources (DESIGN.md rule 6: indicators read live data).

An app registers its sources in `<app>/indicator_sources.py`:

    from plans.sources import DataSource, register

    register(DataSource(
        key="projects.key_research",
        label=gettext_lazy("科技攻关项目（当年立项）"),   # lazy: shown in the reader's language
        unit="项",
        value=lambda year, as_of: Decimal(count_of_approved(year, as_of)),
        records=lambda year, as_of: Project.objects.filter(...),   # for drill-down
        app="projects",
    ))

`value(year, as_of)` is the indicator's current value for the plan year, counting only what is
recorded on or before `as_of`; calling it for several dates gives the progress curve that the
dashboard forecasts from. Nothing is copied into a counter.

Sources over the same records may also share one grouped query (`Shared`): the dashboard asks
`values()` for every figure it shows, and each family of sources runs its `tally` once per plan
year for all its members and days (one statement answers every per-program source, at every
month-end of the progress curve). `value` stays the definition: tests compare the two.
A family that counts or sums records up to each day reads them with `totals_to_each_day`: one range
of a covering index per part and stretch between days, all in one statement.
"""

import datetime as dt
import functools
import hashlib
import itertools
import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, Count, QuerySet, Value
from django.utils import timezone, translation
from django.utils.functional import Promise


def end_of(as_of: dt.date) -> dt.datetime:
    """The last instant of `as_of` in the local time zone: a timestamp counts for `as_of` up to it."""
    return timezone.make_aware(dt.datetime.combine(as_of, dt.time.max))


@dataclass(frozen=True)
class CountOf:
    """The `value` of a source that counts its `records` (most sources do). `values()` counts the
    records of every such source asked in one statement (`each_aggregate`), where each `count()`
    was a round trip of its own."""

    records: Callable[[int, dt.date], QuerySet]
    combine = Decimal  # the value of its one figure, the count (see `AggregateOf`)

    def __call__(self, year: int, as_of: dt.date) -> Decimal:
        return Decimal(self.records(year, as_of).count())

    @property
    def terms(self) -> tuple[tuple[Callable[[int, dt.date], QuerySet], Aggregate], ...]:
        return ((self.records, Count("*")),)


@dataclass(frozen=True)
class AggregateOf:
    """The `value` of a source made of aggregates of records (a sum, two counts …): each of `terms`
    is (records, aggregate), and `combine` makes the value of their figures, in order (a sum over no
    record is None). `values()` reads the terms of every such source asked with the counts, in the
    shared statements (`each_aggregate`): compiled once, run on every call, where each `aggregate()`
    was compiled (and on PostgreSQL planned) anew on every request."""

    terms: tuple[tuple[Callable[[int, dt.date], QuerySet], Aggregate], ...]
    combine: Callable[..., Decimal]

    def __call__(self, year: int, as_of: dt.date) -> Decimal:
        figures = [records(year, as_of).aggregate(figure=aggregate)["figure"] for records, aggregate in self.terms]
        return self.combine(*figures)


def counted_by_rows(records: QuerySet) -> bool:
    """Is an aggregate over the records' rows their `count()` or `aggregate()`? Not with DISTINCT, a
    slice, grouping or a compound query, which both wrap in a subquery."""
    query = records.query
    if query.distinct or query.is_sliced or query.combinator or query.group_by is not None:
        return False
    return not any(annotation.contains_aggregate for annotation in query.annotations.values())


def count_of(records: Callable[[int, dt.date], QuerySet]) -> CountOf:
    """The `value` of a source that counts its `records`."""
    return CountOf(records)


def as_whole(figure: Any) -> Decimal:
    """A count, or a sum of whole numbers, as a Decimal: a sum over no record (None) is 0."""
    return Decimal(figure or 0)


def aggregate_of(
    records: Callable[[int, dt.date], QuerySet], aggregate: Aggregate, finish: Callable[[Any], Decimal]
) -> AggregateOf:
    """The `value` of a source that is `finish` of one aggregate of its `records` (a sum in 万元)."""
    return AggregateOf(((records, aggregate),), finish)


# SQLite refuses a compound SELECT of more than 500 parts (SQLITE_MAX_COMPOUND_SELECT).
MEMBERS_PER_STATEMENT = 400

Member = tuple[QuerySet, Aggregate]


@dataclass(frozen=True)
class Compiled:
    """A member of `each_aggregate`'s statement as SQL: a one-row SELECT of its label and figure.
    `sql` is empty for a member that can match nothing (`none()`, `pk__in=[]`), which Django leaves
    out of a UNION."""

    label: int
    sql: str
    params: tuple
    alias: str
    aggregate: Any  # the aggregate's identity: members of one statement share it (a UNION's column has one type)
    empty: Any
    converters: tuple  # the ORM's conversions of the figure (SQLite's sums of decimals)

    def figure(self, raw: Any) -> Any:
        return _converted(raw, self.converters, self.alias)


def _converted(raw: Any, converters: tuple, alias: str) -> Any:
    connection = connections[alias]
    for converter, expression in converters:
        raw = converter(raw, expression, connection)
    return raw


# Compiling a member with the ORM costs ~1 ms of CPU (the dashboard has ~45): each is compiled once
# per what determines it and its SQL run again on every request, so every figure stays live. Bounded:
# every new day or plan year asked adds members.
COMPILED_MEMBERS = 5_000
_compiled: dict[Hashable, Compiled | None] = {}
_labels = itertools.count()
_labels_of: dict[Hashable, int] = {}
_NOT_COMPILED = object()


def _built(build: Callable[[], Any]) -> tuple[Any, bool]:
    """What `build` makes, and whether its SQL may be used again: not if building it read the
    database (a records function that looks up ids first), which a new record may change."""
    reads = []

    def noting(execute, sql, params, many, context):
        reads.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(noting):
        made = build()
    return made, not reads


def _sql_of(query, db: str, figures: list[str]) -> tuple[str, tuple, tuple[tuple, ...]]:
    """A query's SQL ("" if it can match nothing), its parameters, and the ORM's conversions of each
    of its `figures` (annotations)."""
    compiler = query.get_compiler(db)
    try:
        sql, params = compiler.as_sql(with_col_aliases=True)
    except EmptyResultSet:
        sql, params = "", ()
    expressions = [query.annotations[name] for name in figures]
    found = compiler.get_converters(expressions)
    converters = tuple(
        tuple((converter, expression) for converter in found[i][0]) if i in found else ()
        for i, expression in enumerate(expressions)
    )
    return sql, tuple(params), converters


def _compile(build: Callable[[], Member | None], label: int) -> tuple[Compiled | None, bool]:
    """The member `build` makes, compiled, and whether its SQL may be used again (`_built`)."""
    member, reusable = _built(build)
    if member is None:
        return None, reusable
    queryset, aggregate = member
    query = queryset.order_by().values(member=Value(label)).annotate(figure=aggregate).query
    sql, params, (converters,) = _sql_of(query, queryset.db, ["figure"])
    empty = aggregate.empty_result_set_value
    return Compiled(label, sql, params, queryset.db, aggregate.identity, empty, converters), reusable


def compiled_members(shape: Hashable, members: dict[Hashable, Callable[[], Member | None]]) -> dict:
    """Each member compiled, once per (`shape`, key): `shape` and a member's key must determine its
    queryset (what the builder reads besides them goes in `shape`). A builder may answer None: the
    member is not one a statement can count (the caller computes it)."""
    where = (connection.vendor, timezone.get_current_timezone_name(), shape)
    compiled = {}
    for key, build in members.items():
        memo = (where, key)
        # one look-up, not "in" then "[]": another thread may clear the memo in between
        known = _compiled.get(memo, _NOT_COMPILED)
        if known is not _NOT_COMPILED:
            compiled[key] = known
            continue
        # a label of its own, not its place in a statement, kept even when its SQL is not: the same
        # members make the same statement text (what PostgreSQL prepares and SQLite keeps)
        if len(_labels_of) >= COMPILED_MEMBERS:
            _labels_of.clear()
            _compiled.clear()
        label = _labels_of.setdefault(memo, next(_labels))
        compiled[key], reusable = _compile(build, label)
        if reusable:
            _compiled[memo] = compiled[key]
    return compiled


def each_aggregate(shape: Hashable, members: dict[Hashable, Callable[[], Member | None]]) -> dict[Hashable, Any]:
    """Each member's aggregate over its queryset (`members` maps a key to a function building them),
    in one round trip: a UNION ALL of one-row SELECTs, so that each member is one range of a covering
    index, where a FILTER per member would test every row of the widest range once per member.
    Members whose aggregates are the same expression share a statement. The statements run on every
    call; only their SQL is kept (`compiled_members`). A member built as None is left out."""
    statements: dict[Any, list[tuple[Hashable, Compiled]]] = defaultdict(list)
    figures = {}
    for key, member in compiled_members(shape, members).items():
        if member is None:
            continue
        figures[key] = member.empty
        if member.sql:
            statements[(member.alias, member.aggregate)].append((key, member))
    for (alias, _), same_aggregate in statements.items():
        # by label: the same members make the same text, whatever order they were asked in
        same_aggregate.sort(key=lambda keyed: keyed[1].label)
        for first in range(0, len(same_aggregate), MEMBERS_PER_STATEMENT):
            chunk = dict(same_aggregate[first : first + MEMBERS_PER_STATEMENT])
            by_label = {member.label: key for key, member in chunk.items()}
            sql = " UNION ALL ".join(member.sql for member in chunk.values())
            rows = _fetch(connections[alias], sql, [param for member in chunk.values() for param in member.params])
            for label, raw in rows:
                figures[by_label[label]] = chunk[by_label[label]].figure(raw)
    return figures


@dataclass(frozen=True)
class CompiledAggregates:
    """`aggregates()`'s query as SQL: one row, a constant then each figure ("" if it matches nothing)."""

    sql: str
    params: tuple
    alias: str
    names: tuple[str, ...]
    empty: tuple  # each figure over no record
    converters: tuple[tuple, ...]


_aggregates: dict[Hashable, CompiledAggregates] = {}


def aggregates(shape: Hashable, build: Callable[[], tuple[QuerySet, dict[str, Aggregate]]]) -> dict[str, Any]:
    """What `queryset.aggregate(**figures)` gives for the queryset and figures `build` makes (several
    aggregates of the same rows, which a member of `each_aggregate` cannot be), its SQL compiled once
    per `shape` (which must determine them, as in `compiled_members`) and run on every call: on
    PostgreSQL a statement prepared once per connection (`_fetch`), not planned on every request."""
    memo = (connection.vendor, timezone.get_current_timezone_name(), shape)
    compiled = _aggregates.get(memo)
    if compiled is None:
        (queryset, figures), reusable = _built(build)
        query = queryset.order_by().values(row=Value(0)).annotate(**figures).query
        sql, params, converters = _sql_of(query, queryset.db, list(figures))
        empty = tuple(aggregate.empty_result_set_value for aggregate in figures.values())
        compiled = CompiledAggregates(sql, params, queryset.db, tuple(figures), empty, converters)
        if reusable:
            if len(_aggregates) >= COMPILED_MEMBERS:
                _aggregates.clear()
            _aggregates[memo] = compiled
    if not compiled.sql:
        return dict(zip(compiled.names, compiled.empty, strict=True))
    ((_, *row),) = _fetch(connections[compiled.alias], compiled.sql, list(compiled.params))
    return {
        name: _converted(raw, converters, compiled.alias)
        for name, raw, converters in zip(compiled.names, row, compiled.converters, strict=True)
    }


# PostgreSQL takes 5–17 ms to plan a UNION of a dozen or thirty members, as long as many take to run:
# there a statement (the same text on every request, see `compiled_members`) is prepared once per
# connection and then executed by name, planned once; what it counts is read anew on every EXECUTE.
# A connection keeps at most PREPARED_PER_CONNECTION of them (each new day or year asked adds some).
# Session-level statements need a session per connection: behind a pooler in transaction mode
# (PgBouncer's default) they would be lost; Django connects directly here.
PREPARED_PER_CONNECTION = 200
_prepared: "weakref.WeakKeyDictionary[Any, set[str]]" = weakref.WeakKeyDictionary()


def _fetch(connection: BaseDatabaseWrapper, sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        statement = connection.ops.compose_sql(sql, params)  # its figures' constants written in
        name = "figures_" + hashlib.blake2b(statement.encode(), digest_size=12).hexdigest()
        session = connection.connection
        prepared = _prepared.get(session)
        steps = [f"EXECUTE {name}"]
        if prepared is None or (name not in prepared and len(prepared) >= PREPARED_PER_CONNECTION):
            # a session whose statements are not known (new, full, or one whose last round trip failed
            # after its PREPARE, which outlives the rollback) starts again from none
            steps.insert(0, "DEALLOCATE ALL")
            prepared = _prepared[session] = set()
        if name not in prepared:
            steps.insert(-1, f"PREPARE {name} AS {statement}")  # in the same round trip
        try:
            cursor.execute("; ".join(steps))
        except Exception:
            _prepared.pop(session, None)
            raise
        for _ in steps[1:]:
            cursor.nextset()  # to EXECUTE's rows
        prepared.add(name)
        return cursor.fetchall()


def totals_to_each_day(
    shape: Hashable,
    lines: dict[Hashable, tuple[dt.date, tuple[dt.date, ...]]],
    between: Callable[[Hashable, dt.date, dt.date], Member],
) -> dict[tuple[Hashable, dt.date], Any]:
    """Each line's total from its start to the end of each of its days: `lines` maps a line to (the
    eve of its start, its ascending days), `between(line, after, day)` is the records of the line
    after `after` up to `day` and the aggregate to take of them (determined by `shape` and its
    arguments, see `compiled_members`). One member per stretch between consecutive days (each record
    read once, however many days are asked), added up in order."""
    stretches = {
        (line, after, day): functools.partial(between, line, after, day)
        for line, (eve, days) in lines.items()
        for after, day in zip((eve, *days[:-1]), days, strict=True)
    }
    figures = each_aggregate(shape, stretches)
    totals = {}
    for line, (eve, days) in lines.items():
        running = 0
        for after, day in zip((eve, *days[:-1]), days, strict=True):
            running += figures[(line, after, day)] or 0
            totals[(line, day)] = running
    return totals


@dataclass(frozen=True)
class Shared:
    """A source's part in a query shared with the other sources of its family.

    `tally(year, days, parts)` is the one query of the family: the figures of every part asked
    (each member's `part`, hashable) for `year` on each of `days` (ascending); `pick(tally, day,
    part)` is a member's value on `day` out of it, the same number as the source's own
    `value(year, day)`. Members share a family by sharing the `tally` function itself."""

    tally: Callable[[int, tuple[dt.date, ...], frozenset], Any]
    pick: Callable[[Any, dt.date, Hashable], Decimal]
    part: Hashable = None


@dataclass(frozen=True)
class DataSource:
    """One live figure an indicator can read. `label` may be a plain string or, better, a lazy
    translation (`gettext_lazy`): it is rendered when shown, so each request reads it in its own
    language; never `str()` it at registration."""

    key: str
    label: str | Promise
    unit: str
    value: Callable[[int, dt.date], Decimal]
    records: Callable[[int, dt.date], QuerySet] | None = None
    app: str = ""
    description: str | Promise = ""
    # The whole population, for a target the text states without a figure ("将三个一票否决指标
    # 纳入考核": every county-level unit should pass): the import takes it as the target value.
    whole: Callable[[int], Decimal] | None = None
    shared: Shared | None = None

    @property
    def source_label(self) -> str:
        """The label in the source language (Chinese, the language of the plans it is matched to)."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.label)


_registry: dict[str, DataSource] = {}


def register(source: DataSource) -> DataSource:
    if source.key in _registry and _registry[source.key] != source:
        raise ValueError(f"data source {source.key!r} registered twice")
    _registry[source.key] = source
    return source


def get(key: str) -> DataSource:
    discover()
    return _registry[key]


def all_sources() -> list[DataSource]:
    discover()
    return sorted(_registry.values(), key=lambda s: s.key)


Wanted = tuple[str, int, dt.date]  # (source key, plan year, day)


def values(wanted: Iterable[Wanted]) -> dict[Wanted, Decimal]:
    """The value of each (source key, year, day) wanted, unknown keys left out: a source of a
    family is read from its family's tally, run once per year for all the days and parts wanted
    of it; the aggregates of the sources that count or sum their records (`CountOf`, `AggregateOf`)
    are read together, in one statement per kind of aggregate; any other source runs its own `value`."""
    results: dict[Wanted, Decimal] = {}
    passes: dict[tuple[Callable, int], tuple[set, set]] = defaultdict(lambda: (set(), set()))
    members: list[tuple[Wanted, Shared]] = []
    # an aggregated member is known by its source's value and term, not the source's key: the records
    # function is what determines its SQL (a source registered anew under the same key is compiled anew)
    counted: dict[Hashable, Callable[[], Member | None]] = {}
    counting: dict[Wanted, tuple[CountOf | AggregateOf, int, dt.date]] = {}
    for key, year, day in set(wanted):
        source = find(key)
        if source is None:
            continue
        if isinstance(source.value, CountOf | AggregateOf) and source.shared is None:
            counting[(key, year, day)] = (source.value, year, day)
            for term, (records, aggregate) in enumerate(source.value.terms):
                counted[(source.value, term, year, day)] = functools.partial(
                    _rows_aggregated, records, aggregate, year, day
                )
        elif source.shared is None:
            results[(key, year, day)] = source.value(year, day)
        else:
            days, parts = passes[(source.shared.tally, year)]
            days.add(day)
            parts.add(source.shared.part)
            members.append(((key, year, day), source.shared))
    tallies = {
        (tally, year): tally(year, tuple(sorted(days)), frozenset(parts))
        for (tally, year), (days, parts) in passes.items()
    }
    for (key, year, day), shared in members:
        results[(key, year, day)] = shared.pick(tallies[(shared.tally, year)], day, shared.part)
    figures = each_aggregate("counted", counted)
    for figure, (value, year, day) in counting.items():
        terms = [(value, term, year, day) for term in range(len(value.terms))]
        if all(term in figures for term in terms):
            results[figure] = value.combine(*(figures[term] for term in terms))
        else:
            results[figure] = value(year, day)
    return results


def _rows_aggregated(
    records: Callable[[int, dt.date], QuerySet], aggregate: Aggregate, year: int, day: dt.date
) -> Member | None:
    """The records to aggregate in the shared statement, unless an aggregate over their rows is not
    what `count()` or `aggregate()` gives of them."""
    queryset = records(year, day)
    return (queryset, aggregate) if counted_by_rows(queryset) else None


_discovered = False


def discover() -> None:
    """Import every app's indicator_sources module once."""
    global _discovered
    if not _discovered:
        from core.discovery import app_modules

        app_modules("indicator_sources")
        _discovered = True


# --- units -------------------------------------------------------------------------------------
# A source counts in its own unit; an indicator states its target as the plan text wrote it.
# Money and areas convert by factor; the measure words of counts (个 项 家 件 …) are the same count.
_FAMILIES = [
    {"元": 1, "万元": 10_000, "亿元": 100_000_000},
    {"平方米": 1, "万平方米": 10_000},
    {"亩": 1, "万亩": 10_000},
    {"人": 1, "名": 1, "人次": 1, "万人": 10_000, "万人次": 10_000},
    {"%": 1},
    {"个百分点": 1, "百分点": 1},
]
COUNT_UNITS = frozenset("个项家件种户所座台套篇部批次场处条位株头册辆支")


class UnitMismatch(ValueError):
    pass


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """`value` in `from_unit` expressed in `to_unit` (10000 万元 → 1 亿元)."""
    if from_unit == to_unit or not from_unit or not to_unit:
        return value
    if from_unit in COUNT_UNITS and to_unit in COUNT_UNITS:
        return value
    for family in _FAMILIES:
        if from_unit in family and to_unit in family:
            return value * Decimal(family[from_unit]) / Decimal(family[to_unit])
    raise UnitMismatch(f"cannot convert {from_unit} to {to_unit}")


def compatible(from_unit: str, to_unit: str) -> bool:
    try:
        convert(Decimal(1), from_unit, to_unit)
    except UnitMismatch:
        return False
    return True


# A source counting in these gives a year-on-year figure itself.
RATE_UNITS = ("%", "个百分点", "百分点")
RATE_KINDS = ("growth_rate", "point_increase")


def fits(source: DataSource, unit: str, kind: str = "") -> bool:
    """Can `source` feed an indicator in `unit` of `kind`? A count feeds a growth rate too: the
    dashboard compares it with the same period of last year."""
    if kind in RATE_KINDS and source.unit not in RATE_UNITS:
        return True
    return compatible(source.unit, unit)


def find(key: str) -> DataSource | None:
    """The registered source, or None when the app that provided it is gone or renamed."""
    discover()
    return _registry.get(key)


SUGGEST_THRESHOLD = 0.5
LABEL_COVERAGE = 0.5
# A different measure word (种 vs 项) still converts but is weaker evidence of the same thing.
OTHER_UNIT_WEIGHT = 0.9


def suggest(name: str, unit: str, candidates: list[DataSource] | None = None, kind: str = "") -> DataSource | None:
    """The registered source whose label best matches an indicator name (shared character
    bigrams), among those with a compatible unit; None when nothing shares enough."""
    best, best_score = None, 0.0
    wanted = _bigrams(name)
    for source in candidates if candidates is not None else all_sources():
        if not fits(source, unit, kind):
            continue
        label = _bigrams(source.source_label)
        common = len(wanted & label)
        if common < len(label) * LABEL_COVERAGE:
            continue  # most of what the source counts must be named: 工业总产值 is not 高新技术产业总产值
        score = 2 * common / max(len(wanted) + len(label), 1)  # Dice coefficient
        if source.unit != unit:
            score *= OTHER_UNIT_WEIGHT
        if score > best_score:
            best, best_score = source, score
    return best if best_score >= SUGGEST_THRESHOLD else None


def _bigrams(text: str) -> set[str]:
    # "专利申请量(按申请日)": a parenthesised qualifier says how, not what; it does not count
    text = re.sub(r"[(（][^)）]*[)）]", "", str(text))
    text = "".join(ch for ch in text if not ch.isspace())
    return {text[i : i + 2] for i in range(len(text) - 1)}
