"""Names of Luoyang organisations of every kind: the known ones, and generated ones that read like real names."""

from __future__ import annotations

import random

from .common import _MAX_TRIES, KINDS, Kind, _below, _pick, _Weighted
from .people import _SURNAME_CHOICE

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
    Kind.ENTERPRISE: _enterprise_name,
    Kind.UNIVERSITY: _university_name,
    Kind.INSTITUTE: _institute_name,
    Kind.HOSPITAL: _hospital_name,
    Kind.PUBLIC_INSTITUTION: _public_institution_name,
    Kind.INTERMEDIARY: _intermediary_name,
    Kind.GOVERNMENT: _government_name,
}


def _known_names(kind: str) -> tuple[str, ...]:
    return {
        Kind.ENTERPRISE: tuple(name for name, _industry, _listed in FAMOUS_ENTERPRISES),
        Kind.UNIVERSITY: UNIVERSITIES,
        Kind.INSTITUTE: FORMER_MINISTRY_INSTITUTES + MUNICIPAL_INSTITUTES,
        Kind.HOSPITAL: HOSPITALS,
        Kind.PUBLIC_INSTITUTION: PUBLIC_INSTITUTIONS,
        Kind.INTERMEDIARY: (),
        Kind.GOVERNMENT: GOVERNMENT_BODIES,
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
