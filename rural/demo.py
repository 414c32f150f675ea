"""Demo rural S&T records drawn from the seed (§10, §11): national, provincial and the new city
科技富民强县 county actions with their demonstration bases (edible fungi, peony, orchards,
vegetables, dry farming, dairy), commissioners serving villages and enterprises with their 2008
logs and evaluations, and the Ministry of Transport's help to the five national key poverty
counties, all five lifted in 2008 (the seed's target)."""

import datetime as dt
from decimal import Decimal

from accounts.models import User
from core.models import Level
from directory.models import Organisation, Person, Region

from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog

KEY_COUNTIES = ("410324", "410325", "410326", "410327", "410328")  # 栾川 嵩县 汝阳 宜阳 洛宁
RURAL_COUNTIES = ("410322", "410323", *KEY_COUNTIES, "410329", "410381")
# (county, level, industry): the national and provincial actions, then the city's first ones (§11)
ACTIONS = [
    ("410325", Level.NATIONAL, "食用菌"),
    ("410324", Level.PROVINCIAL, "林果"),
    ("410322", Level.PROVINCIAL, "蔬菜"),
    ("410329", Level.CITY, "旱作农业"),
    ("410381", Level.CITY, "牡丹"),
    ("410305", Level.CITY, "都市高效农业"),
]
TECHNOLOGIES = [
    "香菇袋料栽培",
    "牡丹繁育与促成栽培",
    "核桃嫁接",
    "日光温室蔬菜",
    "旱作节水",
    "奶牛良种繁育",
    "小麦高产栽培",
    "玉米新品种示范",
    "家禽疫病防控",
]
COMMISSIONERS = {"small": 12, "city": 40, "province": 120}


def seed(scale: str, rng, stdout=None) -> str:
    regions = {r.code: r for r in Region.objects.filter(code__in={*RURAL_COUNTIES, "410305"})}
    actions = _actions(regions, rng)
    bases = _bases(actions, rng)
    aids = _aids(regions)
    commissioners = _commissioners(regions, scale, rng)
    logs, evaluations = _logs_and_evaluations(commissioners, rng)
    return (
        f"{len(actions)} county actions, {len(bases)} demonstration bases, {len(commissioners)} commissioners "
        f"({logs} logs, {evaluations} evaluations), {len(aids)} poverty-aid years"
    )


def _actions(regions: dict, rng) -> list[CountyAction]:
    rows = []
    for code, level, industry in ACTIONS:
        region = regions[code]
        rows.append(
            CountyAction(
                name=f"{region.name}{industry}科技富民强县专项行动",
                region=region,
                level=level,
                year=2008,
                funds=Decimal(rng.choice([50, 80, 100, 150]) * 10_000),
                households=rng.randint(800, 5000),
                industry=industry,
                status=CountyAction.Status.IMPLEMENTING if level != Level.CITY else CountyAction.Status.APPROVED,
            )
        )
    return CountyAction.objects.bulk_create(rows)


def _bases(actions: list[CountyAction], rng) -> list[DemonstrationBase]:
    rows = []
    for action in actions:
        for index in range(rng.randint(1, 3)):
            rows.append(
                DemonstrationBase(
                    name=f"{action.region.name}{action.industry}科技示范基地{index + 1}",
                    region=action.region,
                    action=action,
                    industry=action.industry,
                    area_mu=Decimal(rng.randint(100, 3000)),
                    households=rng.randint(100, 1200),
                    established_on=dt.date(2008, rng.randint(3, 9), 1),
                )
            )
    return DemonstrationBase.objects.bulk_create(rows)


def _aids(regions: dict) -> list[PovertyAid]:
    """Each key county helped in 2007 (not yet lifted) and 2008 (lifted in the autumn)."""
    rows = []
    for index, code in enumerate(KEY_COUNTIES):
        common = {"region": regions[code], "helper": "交通部、洛阳市科技局", "villages": 3 + index}
        rows += [
            PovertyAid(year=2007, measures="交通科技扶贫、包村帮扶", funds=Decimal(2_000_000),
                       status=PovertyAid.Status.NOT_LIFTED, **common),
            PovertyAid(year=2008, measures="交通科技扶贫、包村帮扶、科技特派员进村", funds=Decimal(3_000_000),
                       status=PovertyAid.Status.LIFTED, lifted_on=dt.date(2008, 8 + index, 20), **common),
        ]
    return PovertyAid.objects.bulk_create(rows)


def _commissioners(regions: dict, scale: str, rng) -> list[Commissioner]:
    people = list(Person.objects.exclude(title="").select_related("organisation")[:3000])
    rng.shuffle(people)
    applicant = User.objects.filter(username="applicant").select_related("person").first()
    if applicant and applicant.person:  # the demo applicant serves too: they see their own records
        people.insert(0, applicant.person)
    farms = list(Organisation.objects.filter(name__regex="乳业|食用菌|牡丹|种业|农业").order_by("pk")[:50])
    counties = [regions[c] for c in RURAL_COUNTIES]
    rows = []
    for index, person in enumerate(dict.fromkeys(people[: COMMISSIONERS.get(scale, 12)])):
        enterprise = farms[index % len(farms)] if farms and index % 3 == 0 else None
        region = counties[index % len(counties)]
        rows.append(
            Commissioner(
                person=person,
                region=region,
                village="" if enterprise else f"{region.name}第{index % 9 + 1}村",
                enterprise=enterprise,
                speciality=rng.choice(TECHNOLOGIES),
                appointed_on=dt.date(rng.choice([2007, 2008]), rng.randint(1, 3), 1),
                status=Commissioner.Status.WITHDRAWN if index % 11 == 10 else Commissioner.Status.ACTIVE,
            )
        )
    return Commissioner.objects.bulk_create(rows)


def _logs_and_evaluations(commissioners: list[Commissioner], rng) -> tuple[int, int]:
    logs, evaluations = [], []
    for commissioner in commissioners:
        for _i in range(rng.randint(2, 5)):
            day = dt.date(2008, rng.randint(4, 11), rng.randint(1, 28))
            logs.append(
                ServiceLog(
                    commissioner=commissioner,
                    served_on=day,
                    place=commissioner.village or str(commissioner.enterprise),
                    technologies=commissioner.speciality,
                    trained=rng.randint(10, 120),
                    households=rng.randint(5, 60),
                    content=f"现场指导{commissioner.speciality},举办培训班。",
                )
            )
        if commissioner.appointed_on.year < 2008:
            grade = rng.choice([Evaluation.Grade.EXCELLENT, Evaluation.Grade.QUALIFIED, Evaluation.Grade.QUALIFIED])
            evaluations.append(Evaluation(commissioner=commissioner, year=2007, grade=grade, remarks="演示数据"))
    ServiceLog.objects.bulk_create(logs, batch_size=2000)
    Evaluation.objects.bulk_create(evaluations)
    return len(logs), len(evaluations)
