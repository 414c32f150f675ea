"""People: names, titles, degrees, disciplines and contact details."""

from __future__ import annotations

import random

from core.validators import SEX_MALE

from .common import Kind, _below, _pick, _Weighted

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
    Kind.ENTERPRISE: (("正高级工程师", 1), ("高级工程师", 4), ("工程师", 4), ("助理工程师", 1), ("高级经济师", 1)),
    Kind.UNIVERSITY: (("教授", 3), ("副教授", 4), ("讲师", 3)),
    Kind.INSTITUTE: (("研究员", 2), ("副研究员", 3), ("助理研究员", 2), ("高级工程师", 3), ("工程师", 2)),
    Kind.HOSPITAL: (("主任医师", 2), ("副主任医师", 3), ("主治医师", 3), ("主任药师", 1)),
    Kind.PUBLIC_INSTITUTION: (("研究员", 1), ("高级农艺师", 2), ("农艺师", 2), ("高级工程师", 2), ("工程师", 2)),
    Kind.INTERMEDIARY: (("高级经济师", 2), ("经济师", 3), ("高级工程师", 2), ("工程师", 2)),
    Kind.GOVERNMENT: (("高级工程师", 1), ("工程师", 2), ("经济师", 2)),
}
_TITLES = {kind: _Weighted.of(table) for kind, table in _TITLE_TABLES.items()}
# Degree codes are Person.Degree values.
_DEGREES = {
    Kind.UNIVERSITY: _Weighted.of((("doctorate", 6), ("master", 3), ("bachelor", 1))),
    Kind.INSTITUTE: _Weighted.of((("doctorate", 4), ("master", 4), ("bachelor", 2))),
    Kind.HOSPITAL: _Weighted.of((("doctorate", 2), ("master", 5), ("bachelor", 3))),
}
_DEFAULT_DEGREES = _Weighted.of((("doctorate", 1), ("master", 3), ("bachelor", 5), ("other", 1)))
# Disciplines (GB/T 13745 first-level names) by organisation kind.
_DISCIPLINES: dict[str, tuple[str, ...]] = {
    Kind.ENTERPRISE: (
        "机械工程", "材料科学", "冶金工程技术", "矿山工程技术", "动力与电气工程", "电子与通信技术",
        "计算机科学技术", "化学工程", "能源科学技术", "环境科学技术", "食品科学技术",
    ),
    Kind.UNIVERSITY: (
        "机械工程", "材料科学", "计算机科学技术", "农学", "林学", "临床医学", "化学", "物理学",
        "数学", "管理学", "经济学", "畜牧、兽医科学",
    ),
    Kind.INSTITUTE: (
        "材料科学", "机械工程", "冶金工程技术", "航空、航天科学技术", "化学工程", "兵器科学与技术",
        "电子与通信技术", "农学", "园艺学",
    ),
    Kind.HOSPITAL: ("临床医学", "中医学与中药学", "预防医学与公共卫生学", "药学", "基础医学"),
    Kind.PUBLIC_INSTITUTION: ("农学", "园艺学", "林学", "环境科学技术", "信息科学与系统科学", "管理学"),
    Kind.INTERMEDIARY: ("管理学", "经济学", "法学", "信息科学与系统科学", "机械工程"),
    Kind.GOVERNMENT: ("管理学", "经济学", "法学"),
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
