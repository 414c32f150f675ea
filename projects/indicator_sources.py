"""Live data sources for the plan's indicators (DESIGN.md rule 6): counts over projects and outcomes.

A project counts for a plan year when it was arranged (approved, 立项) in that year, on or
before `as_of`; outcomes count when recorded in that year. Nothing is copied into counters.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from plans.sources import DataSource, count_of, end_of, register

from . import workflow as wf
from .models import Level, Outcome, Project
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


def _program_source(key: str, label: str | Promise, program_code: str, **filters) -> DataSource:
    def records(year, as_of):
        return approved(year, as_of, program__code=program_code, **filters)

    return DataSource(
        key=key,
        label=label,
        unit="项",
        value=count_of(records),
        records=records,
        app="projects",
    )


def _superior_funding(year: int, as_of: dt.date) -> Decimal:
    total = approved(year, as_of, level__in=[Level.PROVINCIAL, Level.NATIONAL]).aggregate(
        total=Sum("approved_funding")
    )["total"]
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
    DataSource(
        key="projects.key_technologies",
        label=_("突破关键技术"),
        unit="项",
        value=count_of(key_technologies),
        records=key_technologies,
        app="projects",
    ),
    DataSource(
        key="projects.superior_applications",
        label=_("申报国家、省级科技项目"),
        unit="项",
        value=count_of(superior_submitted),
        records=superior_submitted,
        app="projects",
    ),
    DataSource(
        key="projects.superior_funding",
        label=_("争取上级科技资金"),
        unit="万元",
        value=_superior_funding,
        records=lambda year, as_of: approved(year, as_of, level__in=[Level.PROVINCIAL, Level.NATIONAL]),
        app="projects",
    ),
]
# Seed §3–§8 name fields within programs (盾构机/装备制造 24 projects, 轴承 32, 生物医药 10 …):
# one source per bundled field, key projects.field.<program>.<n>. Their labels are the seed's
# program and field names (data, as the plan text writes them), not interface strings.
SOURCES += [
    _program_source(f"projects.field.{row['code']}.{n}", f"{row['name']}·{name}", row["code"], field=name)
    for row in PROGRAMS
    for n, name in enumerate(row["fields"], start=1)
]

for _source in SOURCES:
    register(_source)
