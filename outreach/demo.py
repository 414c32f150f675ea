"""Demo outreach records drawn from the seed: the 2008 S&T activity week and the peony festival's
S&T activities (§15, §20), lectures on the 17th Party Congress spirit, S&T to the countryside; the
city's cooperation with 西安交通大学 and other universities (§15), with Russia through the
Sino-Russian S&T cooperation park (§13) and with other regions; the innovative-enterprise pilots
and the listing reserve (§15, §19) with their history."""

import datetime as dt
from itertools import islice

from directory.demo_data import FAMOUS_ENTERPRISES
from directory.models import Organisation, Region
from projects.models import Project

from .indicator_sources import KEY_ROSTERS, RD_INSTITUTION_KINDS
from .models import Agreement, CultivationEntry, Event

LISTING, GRADUATED = CultivationEntry.Roster.LISTING, CultivationEntry.Status.GRADUATED
EVENTS = [
    (
        "2008年洛阳市科技活动周",
        Event.Kind.ACTIVITY_WEEK,
        "410300",
        (5, 17),
        (5, 23),
        "洛阳市科学技术馆、周王城广场",
        "洛阳市科学技术局、市科协",
        "科普展览、专家咨询、科技成果展示、青少年科技创新大赛",
        60,
        120_000,
    ),
    (
        "第26届洛阳牡丹花会科技活动",
        Event.Kind.PEONY_FESTIVAL,
        "410300",
        (4, 10),
        (4, 25),
        "洛阳国际会展中心",
        "洛阳市人民政府、洛阳市科学技术局",
        "高新技术成果展、项目推介暨签约、牡丹新品种与栽培技术展示",
        120,
        200_000,
    ),
    (
        "学习贯彻十七大精神科技报告会",
        Event.Kind.LECTURE,
        "410300",
        (3, 20),
        (3, 20),
        "洛阳市委党校",
        "洛阳市科学技术局",
        "自主创新与创新型洛阳建设专题报告",
        15,
        800,
    ),
    (
        "科技下乡进嵩县",
        Event.Kind.RURAL,
        "410325",
        (6, 12),
        (6, 13),
        "嵩县车村镇",
        "洛阳市科学技术局、嵩县科技局",
        "食用菌栽培技术培训、科技图书发放、专家现场咨询",
        8,
        3_000,
    ),
    (
        "涧西区社区科普日",
        Event.Kind.OTHER,
        "410305",
        (9, 20),
        (9, 20),
        "涧西区青岛路社区",
        "涧西区科技局",
        "科普讲座与展板",
        5,
        1_500,
    ),
]
AGREEMENTS = [
    (
        "洛阳市与西安交通大学全面科技合作协议",
        Agreement.Kind.ACADEMIC,
        "西安交通大学",
        "中国",
        (2006, 9, 8),
        "共建研究开发基地、联合培养人才、共同承担重大科技项目",
        "chanxueyan",
        3,
    ),
    (
        "洛阳市与中国科学院科技合作协议",
        Agreement.Kind.ACADEMIC,
        "中国科学院",
        "中国",
        (2007, 5, 18),
        "院地合作项目对接与成果转化",
        "zhuanhua",
        2,
    ),
    (
        "洛阳中俄科技合作园合作协议",
        Agreement.Kind.INTERNATIONAL,
        "俄罗斯科研机构(中俄科技合作园)",
        "俄罗斯",
        (2007, 11, 2),
        "引进俄罗斯材料与装备技术,共建中俄科技合作园",
        "gongguan",
        2,
    ),
    (
        "豫西区域科技合作框架协议",
        Agreement.Kind.REGIONAL,
        "三门峡市、济源市科技局",
        "中国",
        None,
        "科技资源共享与联合攻关",
        "",
        0,
    ),
]


def seed(scale: str, rng, stdout=None) -> str:
    regions = {r.code: r for r in Region.objects.filter(code__in=("410300", "410305", "410325"))}
    events = [_event(row, regions) for row in EVENTS]
    Event.objects.bulk_create(events)
    agreements = [_agreement(row) for row in AGREEMENTS]
    entries = _entries(rng) + _key_enterprises(rng)
    return f"{len(events)} S&T events, {len(agreements)} cooperation agreements, {len(entries)} cultivation entries"


def _event(row, regions) -> Event:
    name, kind, code, start, end, venues, organisers, programme, participants, reach = row
    return Event(
        name=name,
        kind=kind,
        region=regions.get(code),
        starts_on=dt.date(2008, *start),
        ends_on=dt.date(2008, *end),
        venues=venues,
        organisers=organisers,
        programme=programme,
        participants=participants,
        reach=reach,
        status=Event.Status.PUBLISHED if kind != Event.Kind.OTHER else Event.Status.DRAFT,
    )


def _agreement(row) -> Agreement:
    title, kind, partner, country, signed, content, program, n_projects = row
    local = Organisation.objects.filter(name__startswith="洛阳").order_by("pk").first()
    agreement = Agreement.objects.create(
        title=title,
        kind=kind,
        partner=partner,
        country=country,
        local_party=local if n_projects else None,
        signed_on=dt.date(*signed) if signed else None,
        content=content,
        status=Agreement.Status.IN_FORCE if signed else Agreement.Status.NEGOTIATING,
    )
    if n_projects:
        agreement.projects.set(Project.objects.filter(program__code=program).order_by("pk")[:n_projects])
    return agreement


def _entries(rng) -> list[CultivationEntry]:
    """The famous listed companies, about one enterprise in twenty as a pilot (a few left in 2008),
    and a listing reserve the bureau coaches (§19)."""
    enterprises = list(Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk"))
    listed_names = {name for name, _industry, listed in FAMOUS_ENTERPRISES if listed}
    listed = [o for o in enterprises if o.name in listed_names]
    others = [o for o in enterprises if o.name not in listed_names]
    pilots = rng.sample(others, max(3, len(others) // 20)) if len(others) >= 3 else others
    # By id, and only as far as the first eight: `o not in pilots` compared each of 40,000
    # enterprises with each of 2,000 pilots at province scale (minutes).
    piloted = {o.pk for o in pilots}
    reserve = list(islice((o for o in others if o.pk not in piloted), 8))
    rows = [_pilot(organisation, index, rng) for index, organisation in enumerate(pilots)]
    rows += [
        CultivationEntry(
            organisation=o,
            roster=LISTING,
            entered_on=dt.date(2005, 3, 1),
            status=GRADUATED,
            graduated_on=dt.date(rng.choice([2006, 2007, 2008]), 6, 30),
        )
        for o in listed
    ]
    rows += [CultivationEntry(organisation=o, roster=LISTING, entered_on=dt.date(2008, 4, 1)) for o in reserve]
    return CultivationEntry.objects.bulk_create(rows)


def _pilot(organisation: Organisation, index: int, rng) -> CultivationEntry:
    left = index % 7 == 6  # a few pilots left the list during 2008
    return CultivationEntry(
        organisation=organisation,
        roster=CultivationEntry.Roster.INNOVATION_PILOT,
        entered_on=dt.date(rng.choice([2006, 2007, 2008]), rng.randint(1, 6), 1),
        status=CultivationEntry.Status.WITHDRAWN if left else CultivationEntry.Status.CULTIVATING,
        left_on=dt.date(2008, 10, 31) if left else None,
    )


def _key_enterprises(rng) -> list[CultivationEntry]:
    """§13: the city's enterprises on the province's 百户 list, the 50 high-growth and the city's 30
    key enterprises; most already host an R&D institution, a few are still to be chased."""
    enterprises = Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk")
    hosting = enterprises.filter(platforms__kind__in=RD_INSTITUTION_KINDS).distinct()
    chosen = list(hosting[:24]) + list(enterprises.exclude(pk__in=hosting.values("pk"))[:6])
    rng.shuffle(chosen)
    rows = [
        CultivationEntry(
            organisation=organisation,
            roster=KEY_ROSTERS[index % len(KEY_ROSTERS)],
            entered_on=dt.date(rng.choice([2006, 2007, 2008]), rng.randint(1, 6), 15),
        )
        for index, organisation in enumerate(chosen)
    ]
    return CultivationEntry.objects.bulk_create(rows)
