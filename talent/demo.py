"""Demo talent records (seed §17): the city's talent programmes, the people they selected in
2006-2008 (postdocs at the three workstations the seed names, §13) and their yearly reports."""

import datetime as dt
from decimal import Decimal

from core.models import Level
from directory.models import Division, Person
from registries.models import Platform

from .models import Programme, Talent, TalentReport

PROGRAMMES = [
    ("洛阳市高层次人才引进计划", Programme.Kind.HIGH_LEVEL, Level.CITY, 300_000),
    ("海外高层次人才创新创业计划", Programme.Kind.OVERSEAS, Level.CITY, 500_000),
    ("留学人员回国创业启动支持计划", Programme.Kind.RETURNEE, Level.PROVINCIAL, 200_000),
    ("博士后科研工作站资助", Programme.Kind.POSTDOC, Level.CITY, 100_000),
]
ORIGINS = {
    Programme.Kind.HIGH_LEVEL: Talent.Origin.DOMESTIC,
    Programme.Kind.OVERSEAS: Talent.Origin.OVERSEAS,
    Programme.Kind.RETURNEE: Talent.Origin.OVERSEAS,
    Programme.Kind.POSTDOC: Talent.Origin.LOCAL,
}
PER_PROGRAMME = {"small": 6, "city": 15, "province": 40}


def seed(scale: str, rng, stdout=None) -> str:
    division = Division.objects.filter(code="policy").first()
    programmes = [
        Programme.objects.create(
            name=name, kind=kind, level=level, cap=Decimal(cap), division=division, description="演示数据"
        )
        for name, kind, level, cap in PROGRAMMES
    ]
    stations = list(Platform.objects.filter(kind=Platform.Kind.POSTDOC_STATION).select_related("host"))
    people = list(Person.objects.filter(degree=Person.Degree.DOCTORATE).select_related("organisation")[:2000])
    people = people or list(Person.objects.select_related("organisation")[:2000])
    rng.shuffle(people)
    talents = []
    for programme in programmes:
        for _i in range(PER_PROGRAMME.get(scale, 6)):
            if not people:
                break
            talents.append(_talent(programme, people.pop(), stations, rng))
    Talent.objects.bulk_create(talents)
    reports = [_report(talent, rng) for talent in talents if talent.supported_on.year < 2008]
    TalentReport.objects.bulk_create(reports)
    return f"{len(programmes)} talent programmes, {len(talents)} talents, {len(reports)} reports"


def _talent(programme: Programme, person: Person, stations: list[Platform], rng) -> Talent:
    station = rng.choice(stations) if programme.kind == Programme.Kind.POSTDOC and stations else None
    year = rng.choice([2006, 2007, 2008, 2008])
    return Talent(
        programme=programme,
        person=person,
        organisation=station.host if station else person.organisation,
        station=station,
        origin=ORIGINS[programme.kind],
        field=person.disciplines[:100],
        supported_on=dt.date(year, rng.randint(1, 11), rng.randint(1, 28)),
        funding=(programme.cap * Decimal(rng.choice([5, 8, 10])) / 10).quantize(Decimal("0.01")),
        status=Talent.Status.COMPLETED if year == 2006 and rng.random() < 0.5 else Talent.Status.SUPPORTED,
    )


def _report(talent: Talent, rng) -> TalentReport:
    returnee = talent.programme.kind in (Programme.Kind.RETURNEE, Programme.Kind.OVERSEAS)
    return TalentReport(
        talent=talent,
        year=2008,
        projects=rng.randint(0, 3),
        papers=rng.randint(0, 6),
        patents=rng.randint(0, 4),
        revenue=Decimal(rng.randint(50, 900) * 10_000) if returnee else Decimal(0),
        summary="演示数据：年度工作总结。",
        status=rng.choice([TalentReport.Status.SUBMITTED, TalentReport.Status.ACCEPTED]),
    )
