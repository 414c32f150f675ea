"""Deterministic, realistic demo data for Luoyang: organisations and people.

Every function takes a ``random.Random`` and draws from it only, so the same seed gives the
same data on every machine (``seed_demo`` relies on this). Nothing here touches the database
or Django settings: the caller turns the returned dataclasses into model instances through
the directory services.

Identifiers are generated valid by construction (both check characters of the credit code,
the ID check character) and made unique with the optional ``seen`` sets, because at
province scale random collisions are certain (200,000 ID numbers over a few regions and
birth dates collide hundreds of times).

Kinds are the values of ``directory.models.Organisation.Kind``; degrees and sexes are the
values of ``Person.Degree`` and ``Person.Sex``.
"""

from __future__ import annotations

import datetime
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from django.utils import timezone

from core.validators import (
    SEX_FEMALE,
    SEX_MALE,
    USCC_ALPHABET,
    org_code_check_char,
    resident_id_check_char,
    uscc_check_char,
)

ENTERPRISE = "enterprise"
UNIVERSITY = "university"
INSTITUTE = "institute"
HOSPITAL = "hospital"
PUBLIC_INSTITUTION = "public_institution"
INTERMEDIARY = "intermediary"
GOVERNMENT = "government"
KINDS = (ENTERPRISE, UNIVERSITY, INSTITUTE, HOSPITAL, PUBLIC_INSTITUTION, INTERMEDIARY, GOVERNMENT)

# A bounded number of retries before we conclude a name/code space is exhausted.
_MAX_TRIES = 1000


# Bulk generation (200,000 people) is dominated by calls into ``random``; one ``random()``
# per draw is several times cheaper than ``choice``/``choices``/``randrange``.
def _below(rng: random.Random, n: int) -> int:
    return int(rng.random() * n)


def _pick(rng: random.Random, seq: Sequence[str]) -> str:
    return seq[int(rng.random() * len(seq))]


def _chars(rng: random.Random, alphabet: str, k: int) -> str:
    size = len(alphabet)
    return "".join([alphabet[int(rng.random() * size)] for _ in range(k)])


@dataclass(frozen=True)
class _Weighted:
    """A weighted choice with the cumulative weights computed once (hot in bulk runs)."""

    values: tuple[str, ...]
    cum_weights: tuple[int, ...]

    @classmethod
    def of(cls, table: Sequence[tuple[str, int]]) -> _Weighted:
        values, weights = zip(*table, strict=True)
        return cls(tuple(values), tuple(accumulate(weights)))

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect(self.cum_weights, rng.random() * self.cum_weights[-1])]


# --- unified social credit codes ---------------------------------------------------------

# (registration authority + category, weight) per kind: universities and hospitals are mostly
# public institutions (12), some private (52 民办非企业单位); societies and associations are
# social organisations (51). Whatever the kind, a company (…公司) is an enterprise (91).
_COMPANY_PREFIX = "91"
_USCC_PREFIXES = {
    ENTERPRISE: _Weighted.of(((_COMPANY_PREFIX, 1),)),
    UNIVERSITY: _Weighted.of((("12", 9), ("52", 1))),
    INSTITUTE: _Weighted.of((("12", 1),)),
    HOSPITAL: _Weighted.of((("12", 7), ("52", 3))),
    PUBLIC_INSTITUTION: _Weighted.of((("12", 1),)),
    INTERMEDIARY: _Weighted.of((("91", 6), ("52", 2), ("51", 2))),
    GOVERNMENT: _Weighted.of((("11", 1),)),
}
# Since 2015 newly registered bodies get organisation codes in lettered blocks.
_NEW_SERIES = {"9": "MA", "1": "MB", "5": "MJ"}


def _check_region_code(region_code: str) -> None:
    if len(region_code) != 6 or not (region_code.isascii() and region_code.isdigit()):
        raise ValueError(f"region code must be 6 digits, got {region_code!r}")


def _org_code_body(rng: random.Random, authority: str) -> str:
    if rng.random() < 0.5:  # registered before 2015: the old all-digit organisation code
        return _chars(rng, "0123456789", 8)
    return _NEW_SERIES.get(authority, "MA") + _chars(rng, USCC_ALPHABET, 6)


def uscc_for(
    rng: random.Random, region_code: str, kind: str, seen: set[str] | None = None, *, company: bool = False
) -> str:
    """A valid unified social credit code for an organisation of ``kind`` in ``region_code``.

    ``company`` forces the enterprise prefix 91 (a research institute registered as a
    company, for instance). Pass the same ``seen`` set across calls to get codes unique over
    all of them.
    """
    if kind not in _USCC_PREFIXES:
        raise ValueError(f"unknown organisation kind {kind!r}")
    _check_region_code(region_code)
    for _ in range(_MAX_TRIES):
        prefix = _COMPANY_PREFIX if company else _USCC_PREFIXES[kind].pick(rng)
        body = _org_code_body(rng, prefix[0])
        first17 = prefix + region_code + body + org_code_check_char(body)
        code = first17 + uscc_check_char(first17)
        if seen is None or code not in seen:
            if seen is not None:
                seen.add(code)
            return code
    raise RuntimeError("could not find an unused credit code")  # pragma: no cover


# --- resident ID numbers -----------------------------------------------------------------


def resident_id_for(
    rng: random.Random,
    region_code: str,
    birth_date: datetime.date,
    sex: str,
    seen: set[str] | None = None,
) -> str:
    """A valid resident ID number: address code, birth date, order code of the right parity.

    The order code's last digit is odd for men and even for women (GB 11643); about 500
    order codes exist per place, day and sex, so with ``seen`` a ValueError says when they
    are used up.
    """
    if sex not in (SEX_MALE, SEX_FEMALE):
        raise ValueError(f"sex must be {SEX_MALE!r} or {SEX_FEMALE!r}, got {sex!r}")
    _check_region_code(region_code)
    if not datetime.date(1900, 1, 1) <= birth_date <= timezone.localdate():
        raise ValueError(f"birth date {birth_date} is outside 1900..today")
    return _resident_id(rng, region_code, birth_date, sex, seen)


def _resident_id(
    rng: random.Random, region_code: str, birth_date: datetime.date, sex: str, seen: set[str] | None
) -> str:
    # The unchecked core of resident_id_for, for bulk callers that checked their inputs once.
    stem = f"{region_code}{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    parity = 1 if sex == SEX_MALE else 0
    for _ in range(_MAX_TRIES):
        order = (_below(rng, 500) * 2 + parity) or 2  # 000 is never issued
        first17 = f"{stem}{order:03d}"
        number = first17 + resident_id_check_char(first17)
        if seen is None or number not in seen:
            if seen is not None:
                seen.add(number)
            return number
    raise ValueError(f"no unused order code left for {stem} and sex {sex}")


# --- name material -----------------------------------------------------------------------

# County-level places of Luoyang as named in 2008 (name material only; the region records
# themselves live in the Region table).
LUOYANG_PLACES = (
    "洛阳市", "偃师市", "孟津县", "新安县", "栾川县", "嵩县", "汝阳县", "宜阳县", "洛宁县", "伊川县",
    "老城区", "西工区", "瀍河回族区", "涧西区", "吉利区", "洛龙区",
)  # fmt: skip
_CITY_AND_COUNTIES = LUOYANG_PLACES[:10]

# Characters used for trade names (字号); two are combined, e.g. 洛阳 + 中硅 + 光伏 + 有限公司.
_TRADE_CHARS = tuple(
    dict.fromkeys(
        "中华天宏泰恒瑞鑫源正信达通德隆兴盛昌富安康新科创博远航凯晟卓越智精工联合金银"
        "峰岳洛河伊龙门牡丹豫嵩邙周汉唐宇宙汇嘉丰利和乐明辰星海川"
    )
)
# (industry wording in names, industry label for the Organisation.industry field)
ENTERPRISE_INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("重型机械", "装备制造"), ("矿山机械", "装备制造"), ("轴承", "轴承"), ("精密轴承", "轴承"),
    ("盾构装备", "装备制造"), ("农业机械", "装备制造"), ("数控机床", "装备制造"),
    ("液压设备", "装备制造"), ("铝业", "有色金属"), ("铝板带", "有色金属"), ("铜加工", "有色金属"),
    ("钼业", "有色金属"), ("钨钼材料", "有色金属"), ("钛业", "有色金属"), ("硅业", "新能源"),
    ("光伏科技", "新能源"), ("新能源", "新能源"), ("耐火材料", "新材料"), ("新材料", "新材料"),
    ("玻璃", "建材"), ("建材科技", "建材"), ("石化设备", "石油化工"), ("化工", "石油化工"),
    ("电子科技", "电子信息"), ("电气", "电子信息"), ("软件", "电子信息"), ("信息技术", "电子信息"),
    ("自动化", "电子信息"), ("生物科技", "生物医药"), ("制药", "生物医药"), ("兽药", "生物医药"),
    ("医疗器械", "生物医药"), ("乳业", "农产品加工"), ("食品", "农产品加工"), ("牡丹产业", "特色农业"),
    ("种业", "特色农业"), ("食用菌", "特色农业"), ("农业科技", "特色农业"), ("环保科技", "节能环保"),
    ("节能技术", "节能环保"), ("水处理", "节能环保"), ("热能", "节能环保"), ("汽车零部件", "装备制造"),
    ("摩托车", "装备制造"), ("船舶材料", "新材料"), ("特种钢", "新材料"),
)  # fmt: skip
_ENTERPRISE_FORMS = _Weighted.of((("有限公司", 8), ("股份有限公司", 2)))

# Well-known Luoyang organisations come first so that small demo data looks familiar.
# (name, industry, listed company) — including those the 2008 plan names.
FAMOUS_ENTERPRISES: tuple[tuple[str, str, bool], ...] = (
    ("中信重型机械公司", "装备制造", False),
    ("洛阳栾川钼业集团股份有限公司", "有色金属", True),
    ("中国一拖集团有限公司", "装备制造", False),
    ("洛阳LYC轴承有限公司", "轴承", False),
    ("洛阳轴研科技股份有限公司", "轴承", True),
    ("洛阳玻璃股份有限公司", "建材", True),
    ("洛阳中硅高科技有限公司", "新能源", False),
    ("洛阳单晶硅有限责任公司", "新能源", False),
    ("洛阳北方玻璃技术股份有限公司", "建材", False),
    ("洛阳惠中兽药有限公司", "生物医药", False),
    ("洛阳巨尔乳业有限公司", "农产品加工", False),
    ("中铝洛阳铜业有限公司", "有色金属", False),
    ("洛阳双瑞特种装备有限公司", "装备制造", False),
)
# The former ministry-affiliated institutes (原部属院所) of Luoyang.
FORMER_MINISTRY_INSTITUTES = (
    "中国船舶重工集团第七二五研究所",
    "中国空空导弹研究院",
    "洛阳耐火材料研究院",
    "洛阳轴承研究所",
    "中国航空工业洛阳电光设备研究所",
    "洛阳有色金属加工设计研究院",
    "机械工业第四设计研究院",
    "洛阳矿山机械工程设计研究院",
    "黎明化工研究院",
    "中国石化洛阳石油化工工程公司",
    "洛阳拖拉机研究所",
)
MUNICIPAL_INSTITUTES = ("洛阳农林科学院", "洛阳市科学技术情报研究所", "洛阳市中草药中间体研究所")
UNIVERSITIES = (
    "河南科技大学", "洛阳理工学院", "洛阳师范学院", "洛阳职业技术学院", "河南林业职业学院",
    "洛阳科技职业学院", "河南推拿职业学院",
)  # fmt: skip
HOSPITALS = (
    "河南科技大学第一附属医院", "河南科技大学第二附属医院", "洛阳市中心医院", "河南省洛阳正骨医院",
    "洛阳市第三人民医院", "洛阳市妇幼保健院", "洛阳东方医院", "洛阳市第五人民医院",
)  # fmt: skip
PUBLIC_INSTITUTIONS = (
    "洛阳市生产力促进中心", "洛阳市科学技术馆", "洛阳市农业技术推广站", "洛阳市环境监测站",
    "洛阳市科技信息中心", "洛阳高新技术创业服务中心",
)  # fmt: skip
GOVERNMENT_BODIES = (
    "洛阳市科学技术局", "洛阳市发展和改革委员会", "洛阳市财政局", "洛阳市工业和信息化局",
    "洛阳市教育局", "洛阳市卫生局", "洛阳市农业局", "洛阳市环境保护局", "洛阳市统计局",
    "洛阳市知识产权局",
)  # fmt: skip

_COLLEGE_FIELDS = (
    "机电", "信息", "建筑", "交通", "农业", "林业", "医药", "护理", "旅游", "财经", "工业", "电子",
    "化工", "材料", "艺术", "体育", "商贸", "能源", "环境", "软件",
)  # fmt: skip
_COLLEGE_FORMS = ("职业技术学院", "职业学院", "高等专科学校")
_RESEARCH_FIELDS = (
    "轴承", "耐火材料", "有色金属", "硅材料", "光伏", "农业机械", "牡丹", "食用菌", "中草药", "畜牧兽医",
    "节能环保", "新材料", "电子信息", "精密制造", "生物技术", "水土保持", "林果", "蔬菜", "小麦", "玉米",
)  # fmt: skip
# Towns and townships (镇/乡) of Luoyang's counties, with their county: township hospitals,
# schools, service centres and governments are named after them (偃师缑氏镇卫生院).
_TOWNS = tuple(
    (county, town)
    for county, towns in (
        (
            "偃师",
            "首阳山镇 缑氏镇 府店镇 顾县镇 岳滩镇 翟镇镇 李村镇 庞村镇 寇店镇 高龙镇 山化乡 大口乡 邙岭乡",
        ),
        ("孟津", "城关镇 会盟镇 平乐镇 白鹤镇 朝阳镇 横水镇 麻屯镇 送庄镇 小浪底镇 常袋乡"),
        ("新安", "城关镇 铁门镇 磁涧镇 石寺镇 五头镇 北冶镇 仓头乡 正村乡 石井乡"),
        ("栾川", "城关镇 合峪镇 庙子镇 陶湾镇 赤土店镇 潭头镇 三川镇 冷水镇 狮子庙镇 秋扒乡 叫河乡"),
        ("嵩县", "城关镇 田湖镇 车村镇 旧县镇 德亭乡 大坪乡 白河乡 纸房乡 饭坡乡 九店乡 黄庄乡 木植街乡"),
        ("汝阳", "城关镇 上店镇 付店镇 小店镇 内埠乡 陶营乡 三屯乡 刘店乡 柏树乡 蔡店乡 王坪乡 十八盘乡"),
        ("宜阳", "城关镇 柳泉镇 韩城镇 三乡镇 白杨镇 丰李镇 寻村镇 盐镇乡 赵保镇 莲庄乡 张坞乡 樊村乡"),
        ("洛宁", "城关镇 河底镇 王范回族镇 上戈镇 长水乡 涧口乡 故县乡 兴华乡 罗岭乡 底张乡 东宋乡 赵村乡"),
        ("伊川", "城关镇 鸣皋镇 白沙镇 彭婆镇 吕店镇 水寨镇 鸦岭乡 高山乡 白元乡 葛寨乡 江左乡 半坡乡"),
    )
    for town in towns.split()
)
# Villages in Henan are mostly named after a clan and a landform: 王庄, 李寨, 张沟 …
_VILLAGE_ENDINGS = ("庄", "村", "寨", "沟", "洼", "岭", "屯", "营", "坡", "湾")
_COUNTY_HOSPITAL_FORMS = ("人民医院", "中医院", "妇幼保健院", "第二人民医院")
_PRIVATE_HOSPITAL_FORMS = ("医院", "骨科医院", "眼科医院", "口腔医院", "妇产医院", "中医医院")
_PRIVATE_COLLEGE_FORMS = ("职业学院", "科技职业学院", "科技学院")
_INTERMEDIARY_FORMS = (
    "知识产权代理有限公司", "专利事务所", "科技咨询有限公司", "技术转移中心有限公司",
    "科技企业孵化器有限公司", "创业投资有限公司", "检测技术有限公司", "科技信息咨询有限公司",
)  # fmt: skip
_PUBLIC_FORMS = (
    "生产力促进中心", "科技信息中心", "农业技术推广中心", "农机技术推广站", "畜牧技术推广站",
    "林业技术推广站", "水土保持站", "环境监测站", "疾病预防控制中心", "种子管理站", "植物保护站",
    "土壤肥料工作站", "蔬菜技术推广站", "果树技术推广站", "质量技术监督检验测试中心", "科学技术馆",
    "实验中学", "实验小学", "第一高级中学", "第二高级中学", "职业教育中心",
)  # fmt: skip
_TOWN_PUBLIC_FORMS = (
    "农业服务中心", "中心学校", "文化站", "农业技术推广站", "畜牧兽医站", "初级中学", "中心小学",
)  # fmt: skip
_GOVERNMENT_FORMS = (
    "科学技术局", "人民政府", "发展和改革委员会", "财政局", "农业局", "教育局", "卫生局", "统计局",
    "工业和信息化局", "环境保护局", "质量技术监督局", "知识产权局", "人力资源和社会保障局", "商务局",
    "国土资源局", "水利局", "林业局", "交通运输局", "审计局", "民政局",
)  # fmt: skip
_TOWN_GOVERNMENT_FORMS = ("人民政府", "财政所", "司法所")


def _short(place: str) -> str:
    # 偃师市 → 偃师, 栾川县 → 栾川; 嵩县 keeps its two characters.
    return place[:-1] if len(place) > 2 and place[-1] in "市县区" else place


def _trade_name(rng: random.Random) -> str:
    size = len(_TRADE_CHARS)
    first = _below(rng, size)
    second = (first + 1 + _below(rng, size - 1)) % size  # never the same character twice
    return _TRADE_CHARS[first] + _TRADE_CHARS[second]


# One generator per kind; each returns a name such an organisation plausibly carries.
def _enterprise_name(rng: random.Random) -> str:
    words = ENTERPRISE_INDUSTRIES[_below(rng, len(ENTERPRISE_INDUSTRIES))][0]
    return f"洛阳{_trade_name(rng)}{words}{_ENTERPRISE_FORMS.pick(rng)}"


def _town(rng: random.Random) -> str:
    return "".join(_TOWNS[_below(rng, len(_TOWNS))])


def _village(rng: random.Random) -> str:
    return _town(rng) + _SURNAME_CHOICE.pick(rng) + _pick(rng, _VILLAGE_ENDINGS)


def _university_name(rng: random.Random) -> str:
    if rng.random() < 0.5:  # private colleges carry a trade name
        return f"洛阳{_trade_name(rng)}{_pick(rng, _PRIVATE_COLLEGE_FORMS)}"
    place = "洛阳" if rng.random() < 0.5 else _short(_pick(rng, _CITY_AND_COUNTIES))
    return f"{place}{_pick(rng, _COLLEGE_FIELDS)}{_pick(rng, _COLLEGE_FORMS)}"


def _institute_name(rng: random.Random) -> str:
    if rng.random() < 0.5:  # new-type R&D institutions are registered as companies
        return f"洛阳{_trade_name(rng)}{_pick(rng, _RESEARCH_FIELDS)}技术研究院有限公司"
    return f"{_pick(rng, _CITY_AND_COUNTIES)}{_pick(rng, _RESEARCH_FIELDS)}研究所"


def _hospital_name(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.2:
        return f"{_pick(rng, _CITY_AND_COUNTIES)}{_pick(rng, _COUNTY_HOSPITAL_FORMS)}"
    if draw < 0.5:
        return _town(rng) + "卫生院"
    if draw < 0.6:
        return _village(rng) + "卫生室"
    return f"洛阳{_trade_name(rng)}{_pick(rng, _PRIVATE_HOSPITAL_FORMS)}"


def _public_institution_name(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.3:
        return f"{_pick(rng, LUOYANG_PLACES)}{_pick(rng, _PUBLIC_FORMS)}"
    if draw < 0.6:
        return _town(rng) + _pick(rng, _TOWN_PUBLIC_FORMS)
    return _village(rng) + "小学"


def _intermediary_name(rng: random.Random) -> str:
    return f"洛阳{_trade_name(rng)}{_pick(rng, _INTERMEDIARY_FORMS)}"


def _government_name(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"{_pick(rng, LUOYANG_PLACES)}{_pick(rng, _GOVERNMENT_FORMS)}"
    return _town(rng) + _pick(rng, _TOWN_GOVERNMENT_FORMS)


_NAME_MAKERS = {
    ENTERPRISE: _enterprise_name,
    UNIVERSITY: _university_name,
    INSTITUTE: _institute_name,
    HOSPITAL: _hospital_name,
    PUBLIC_INSTITUTION: _public_institution_name,
    INTERMEDIARY: _intermediary_name,
    GOVERNMENT: _government_name,
}


def _known_names(kind: str) -> tuple[str, ...]:
    return {
        ENTERPRISE: tuple(name for name, _industry, _listed in FAMOUS_ENTERPRISES),
        UNIVERSITY: UNIVERSITIES,
        INSTITUTE: FORMER_MINISTRY_INSTITUTES + MUNICIPAL_INSTITUTES,
        HOSPITAL: HOSPITALS,
        PUBLIC_INSTITUTION: PUBLIC_INSTITUTIONS,
        INTERMEDIARY: (),
        GOVERNMENT: GOVERNMENT_BODIES,
    }[kind]


def org_name(rng: random.Random, kind: str) -> str:
    """One plausible organisation name of ``kind`` (may repeat; see ``unique_org_names``)."""
    if kind not in _NAME_MAKERS:
        raise ValueError(f"unknown organisation kind {kind!r}")
    return _NAME_MAKERS[kind](rng)


def unique_org_names(rng: random.Random, n: int, kind: str, seen: set[str] | None = None) -> list[str]:
    """``n`` distinct names of ``kind``: the well-known real ones first, then generated ones.

    ``seen`` carries names already used (by earlier calls or other kinds) and is updated.
    Raises ValueError when the kind's name space is too small for ``n``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown organisation kind {kind!r}")
    used = seen if seen is not None else set()
    names = [name for name in _known_names(kind) if name not in used][:n]
    used.update(names)
    misses = 0
    while len(names) < n:
        name = _NAME_MAKERS[kind](rng)
        if name in used:
            misses += 1
            if misses > _MAX_TRIES:
                raise ValueError(f"cannot make {n} distinct {kind} names; got {len(names)}")
            continue
        misses = 0
        used.add(name)
        names.append(name)
    return names


# --- people ------------------------------------------------------------------------------

# Common surnames with rough relative frequencies (per mille of the population).
_SURNAMES = (
    ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 45), ("杨", 32), ("赵", 23), ("黄", 22),
    ("周", 21), ("吴", 20), ("徐", 17), ("孙", 16), ("胡", 13), ("朱", 13), ("高", 13), ("林", 12),
    ("何", 12), ("郭", 12), ("马", 12), ("罗", 9), ("梁", 8), ("宋", 8), ("郑", 8), ("谢", 7),
    ("韩", 7), ("唐", 7), ("冯", 7), ("于", 6), ("董", 6), ("萧", 5), ("程", 5), ("曹", 5),
    ("袁", 5), ("邓", 5), ("许", 5), ("傅", 5), ("沈", 5), ("曾", 4), ("彭", 4), ("吕", 4),
    ("苏", 4), ("卢", 4), ("蒋", 4), ("蔡", 4), ("贾", 4), ("丁", 4), ("魏", 4), ("薛", 3),
    ("叶", 3), ("阎", 3), ("余", 3), ("潘", 3), ("杜", 3), ("戴", 3), ("夏", 3), ("钟", 3),
    ("汪", 3), ("田", 3), ("任", 3), ("姜", 3), ("范", 3), ("方", 3), ("石", 3), ("姚", 3),
    ("谭", 2), ("廖", 2), ("邹", 2), ("熊", 2), ("金", 2), ("陆", 2), ("郝", 2), ("孔", 2),
    ("白", 2), ("崔", 2), ("康", 2), ("毛", 2), ("邱", 2), ("秦", 2), ("江", 2), ("史", 2),
    ("顾", 2), ("侯", 2), ("邵", 2), ("孟", 2), ("龙", 2), ("万", 2), ("段", 2), ("雷", 2),
    ("钱", 2), ("汤", 2), ("尹", 2), ("黎", 2), ("易", 2), ("常", 2), ("武", 2), ("乔", 2),
    ("贺", 2), ("赖", 2), ("龚", 2), ("文", 2), ("欧阳", 1), ("司马", 1), ("上官", 1),
)  # fmt: skip
_SURNAME_CHOICE = _Weighted.of(_SURNAMES)
_GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋志国建新东海峰亮成晨"
_GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀玲桂英华红梅琳燕雪婷慧颖倩莉萍洁琴蕾晶瑶佳欣怡璐丹月青云"
_GIVEN_EITHER = "文明晓春永小建红立志海金玉德振卫光俊子思佳一"
_FIRST_CHAR_MALE = _GIVEN_EITHER + _GIVEN_MALE
_FIRST_CHAR_FEMALE = _GIVEN_EITHER + _GIVEN_FEMALE


def person_name(rng: random.Random, sex: str) -> str:
    """A Chinese name: a frequency-weighted surname and one or two given-name characters."""
    surname = _SURNAME_CHOICE.pick(rng)
    own = _GIVEN_MALE if sex == SEX_MALE else _GIVEN_FEMALE
    if rng.random() < 0.3:
        return surname + _pick(rng, own)
    first_pool = _FIRST_CHAR_MALE if sex == SEX_MALE else _FIRST_CHAR_FEMALE
    return surname + _pick(rng, first_pool) + _pick(rng, own)


# Professional titles (职称) by organisation kind, with weights.
_TITLE_TABLES: dict[str, tuple[tuple[str, int], ...]] = {
    ENTERPRISE: (("正高级工程师", 1), ("高级工程师", 4), ("工程师", 4), ("助理工程师", 1), ("高级经济师", 1)),
    UNIVERSITY: (("教授", 3), ("副教授", 4), ("讲师", 3)),
    INSTITUTE: (("研究员", 2), ("副研究员", 3), ("助理研究员", 2), ("高级工程师", 3), ("工程师", 2)),
    HOSPITAL: (("主任医师", 2), ("副主任医师", 3), ("主治医师", 3), ("主任药师", 1)),
    PUBLIC_INSTITUTION: (("研究员", 1), ("高级农艺师", 2), ("农艺师", 2), ("高级工程师", 2), ("工程师", 2)),
    INTERMEDIARY: (("高级经济师", 2), ("经济师", 3), ("高级工程师", 2), ("工程师", 2)),
    GOVERNMENT: (("高级工程师", 1), ("工程师", 2), ("经济师", 2)),
}
_TITLES = {kind: _Weighted.of(table) for kind, table in _TITLE_TABLES.items()}
# Degree codes are Person.Degree values.
_DEGREES = {
    UNIVERSITY: _Weighted.of((("doctorate", 6), ("master", 3), ("bachelor", 1))),
    INSTITUTE: _Weighted.of((("doctorate", 4), ("master", 4), ("bachelor", 2))),
    HOSPITAL: _Weighted.of((("doctorate", 2), ("master", 5), ("bachelor", 3))),
}
_DEFAULT_DEGREES = _Weighted.of((("doctorate", 1), ("master", 3), ("bachelor", 5), ("other", 1)))
# Disciplines (GB/T 13745 first-level names) by organisation kind.
_DISCIPLINES: dict[str, tuple[str, ...]] = {
    ENTERPRISE: (
        "机械工程", "材料科学", "冶金工程技术", "矿山工程技术", "动力与电气工程", "电子与通信技术",
        "计算机科学技术", "化学工程", "能源科学技术", "环境科学技术", "食品科学技术",
    ),
    UNIVERSITY: (
        "机械工程", "材料科学", "计算机科学技术", "农学", "林学", "临床医学", "化学", "物理学",
        "数学", "管理学", "经济学", "畜牧、兽医科学",
    ),
    INSTITUTE: (
        "材料科学", "机械工程", "冶金工程技术", "航空、航天科学技术", "化学工程", "兵器科学与技术",
        "电子与通信技术", "农学", "园艺学",
    ),
    HOSPITAL: ("临床医学", "中医学与中药学", "预防医学与公共卫生学", "药学", "基础医学"),
    PUBLIC_INSTITUTION: ("农学", "园艺学", "林学", "环境科学技术", "信息科学与系统科学", "管理学"),
    INTERMEDIARY: ("管理学", "经济学", "法学", "信息科学与系统科学", "机械工程"),
    GOVERNMENT: ("管理学", "经济学", "法学"),
}  # fmt: skip

_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "177", "176", "166", "199",
)  # fmt: skip
_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
_EMAIL_NAMES = (
    "wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu",
    "zhu", "gao", "lin", "he", "guo", "ma", "luo", "liang", "song", "zheng", "han", "tang", "feng",
    "wei", "ming", "jun", "hua", "lei", "jing", "fang", "tao", "yan", "xin", "hong", "bin", "ying",
)  # fmt: skip


def title_for(rng: random.Random, kind: str) -> str:
    return _TITLES[kind].pick(rng)


def degree_for(rng: random.Random, kind: str) -> str:
    return _DEGREES.get(kind, _DEFAULT_DEGREES).pick(rng)


def disciplines_for(rng: random.Random, kind: str) -> tuple[str, ...]:
    """One or two disciplines of the kind's usual fields."""
    fields = _DISCIPLINES[kind]
    first = _pick(rng, fields)
    second = _pick(rng, fields)
    return (first, second) if second != first and rng.random() < 0.35 else (first,)


def mobile_phone(rng: random.Random) -> str:
    return f"{_pick(rng, _MOBILE_PREFIXES)}{_below(rng, 10**8):08d}"


def office_phone(rng: random.Random) -> str:
    """A Luoyang landline: area code 0379 and an 8-digit number starting with 6."""
    return f"0379-6{_below(rng, 10**7):07d}"


def email_for(rng: random.Random) -> str:
    # Reserved example domains: demo data must never mail real people.
    return f"{_pick(rng, _EMAIL_NAMES)}{100 + _below(rng, 9900)}@{_pick(rng, _EMAIL_DOMAINS)}"


_ROADS = (
    "中州中路", "中州东路", "中州西路", "九都路", "凯旋路", "王城大道", "开元大道", "建设路", "长安路",
    "西苑路", "天津路", "南昌路", "周山路", "丰华路", "滨河路", "太康路", "牡丹大道", "关林路",
    "龙门大道", "洛宜路", "华夏路", "青岛路",
)  # fmt: skip


def address_for(rng: random.Random, place: str) -> str:
    """A street address in ``place`` (a county-level name such as 涧西区)."""
    city = "" if place.startswith("洛阳") else "洛阳市"
    return f"{city}{place}{_pick(rng, _ROADS)}{1 + _below(rng, 399)}号"


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
    UNIVERSITY: "教育",
    INSTITUTE: "科学研究和技术服务",
    HOSPITAL: "卫生",
    PUBLIC_INSTITUTION: "科学研究和技术服务",
    INTERMEDIARY: "科技服务",
    GOVERNMENT: "公共管理",
}


_INDUSTRY_BY_WORDS = dict(ENTERPRISE_INDUSTRIES)


def _industry_of(name: str, kind: str) -> str:
    if name in _FAMOUS_BY_NAME:
        return _FAMOUS_BY_NAME[name][0]
    if kind != ENTERPRISE:
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
        listed = _FAMOUS_BY_NAME.get(name, ("", False))[1] or (kind == ENTERPRISE and rng.random() < 0.01)
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
                innovation_pilot=kind == ENTERPRISE and rng.random() < 0.05,
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
    people = []
    for _ in range(n):
        sex = SEX_MALE if rng.random() < 0.6 else SEX_FEMALE
        born = oldest + datetime.timedelta(days=_below(rng, span + 1))
        people.append(
            DemoPerson(
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
        )
    return people
