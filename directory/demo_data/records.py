"""Whole demo records (organisations, people) as dataclasses, ready for the directory services."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from core.validators import SEX_FEMALE, SEX_MALE

from .common import Kind, _below, _pick
from .identifiers import _check_region_code, _resident_id, uscc_for
from .organisations import ENTERPRISE_INDUSTRIES, FAMOUS_ENTERPRISES, FORMER_MINISTRY_INSTITUTES, unique_org_names
from .people import (
    address_for,
    degree_for,
    disciplines_for,
    email_for,
    mobile_phone,
    office_phone,
    person_name,
    title_for,
)

# --- whole records -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    credit_code: str
    kind: str
    region_code: str
    industry: str
    address: str
    contact_phone: str
    former_ministry_institute: bool = False
    listed_company: bool = False
    innovation_pilot: bool = False


@dataclass(frozen=True)
class DemoPerson:
    name: str
    sex: str
    birth_date: datetime.date
    resident_id: str
    title: str
    degree: str
    disciplines: tuple[str, ...]
    phone: str
    email: str


_FAMOUS_BY_NAME = {name: (industry, listed) for name, industry, listed in FAMOUS_ENTERPRISES}
_KIND_INDUSTRY = {
    Kind.UNIVERSITY: "教育",
    Kind.INSTITUTE: "科学研究和技术服务",
    Kind.HOSPITAL: "卫生",
    Kind.PUBLIC_INSTITUTION: "科学研究和技术服务",
    Kind.INTERMEDIARY: "科技服务",
    Kind.GOVERNMENT: "公共管理",
}


_INDUSTRY_BY_WORDS = dict(ENTERPRISE_INDUSTRIES)


def _industry_of(name: str, kind: str) -> str:
    if name in _FAMOUS_BY_NAME:
        return _FAMOUS_BY_NAME[name][0]
    if kind != Kind.ENTERPRISE:
        return _KIND_INDUSTRY[kind]
    # Generated names are 洛阳 + two-character trade name + industry wording + legal form.
    words = name[4:].removesuffix("有限公司").removesuffix("股份")
    return _INDUSTRY_BY_WORDS.get(words, "其他")


def demo_organisations(
    rng: random.Random,
    n: int,
    kind: str,
    regions: Sequence[tuple[str, str]],
    *,
    seen_names: set[str] | None = None,
    seen_codes: set[str] | None = None,
) -> list[DemoOrganisation]:
    """``n`` organisations of ``kind`` spread over ``regions`` — (code, name) pairs such as
    ("410305", "涧西区") — with unique names and credit codes (shared ``seen_*`` sets make
    them unique across calls)."""
    if not regions:
        raise ValueError("need at least one region")
    codes = seen_codes if seen_codes is not None else set()
    records = []
    for name in unique_org_names(rng, n, kind, seen_names):
        region_code, place = regions[_below(rng, len(regions))]
        listed = _FAMOUS_BY_NAME.get(name, ("", False))[1] or (kind == Kind.ENTERPRISE and rng.random() < 0.01)
        records.append(
            DemoOrganisation(
                name=name,
                credit_code=uscc_for(rng, region_code, kind, codes, company=name.endswith("公司")),
                kind=kind,
                region_code=region_code,
                industry=_industry_of(name, kind),
                address=address_for(rng, place),
                contact_phone=office_phone(rng),
                former_ministry_institute=name in FORMER_MINISTRY_INSTITUTES,
                listed_company=listed,
                innovation_pilot=kind == Kind.ENTERPRISE and rng.random() < 0.05,
            )
        )
    return records


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


def demo_people(
    rng: random.Random,
    n: int,
    kind: str,
    birth_region_codes: Sequence[str],
    *,
    today: datetime.date | None = None,
    seen_ids: set[str] | None = None,
) -> list[DemoPerson]:
    """``n`` people working at organisations of ``kind``, aged 25 to 64 on ``today``, born in
    one of ``birth_region_codes``; ``seen_ids`` keeps ID numbers unique across calls."""
    make = person_maker(birth_region_codes, today=today, seen_ids=seen_ids)
    return [make(rng, kind) for _ in range(n)]


def person_maker(
    birth_region_codes: Sequence[str],
    *,
    today: datetime.date | None = None,
    seen_ids: set[str] | None = None,
) -> Callable[[random.Random, str], DemoPerson]:
    """``demo_people``'s arguments checked once, for a caller that makes its people one at a time
    at organisations of different kinds (the province seed's 200,000): ``make(rng, kind)`` draws
    from ``rng`` exactly what ``demo_people(rng, 1, kind, …)`` draws."""
    if not birth_region_codes:
        raise ValueError("need at least one birth region code")
    for code in birth_region_codes:
        _check_region_code(code)
    today = today or timezone.localdate()
    if today > timezone.localdate():
        raise ValueError("today must not lie in the future: birth dates would be too")
    ids = seen_ids if seen_ids is not None else set()
    oldest = _years_before(today, 65) + datetime.timedelta(days=1)
    span = (_years_before(today, 25) - oldest).days

    def make(rng: random.Random, kind: str) -> DemoPerson:
        sex = SEX_MALE if rng.random() < 0.6 else SEX_FEMALE
        born = oldest + datetime.timedelta(days=_below(rng, span + 1))
        return DemoPerson(
            name=person_name(rng, sex),
            sex=sex,
            birth_date=born,
            resident_id=_resident_id(rng, _pick(rng, birth_region_codes), born, sex, ids),
            title=title_for(rng, kind),
            degree=degree_for(rng, kind),
            disciplines=disciplines_for(rng, kind),
            phone=mobile_phone(rng),
            email=email_for(rng),
        )

    return make
