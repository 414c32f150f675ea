"""The words and number shapes of the genre, as regular expressions, and one number mention."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# ---------------------------------------------------------------------------- patterns

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_BASE_UNITS = (
    "个百分点|百分点|平方公里|平方米|公里|千米|公顷|亩|万吨|吨|美元|元|人次|项次|"
    "千瓦|兆瓦|个(?!月)|项|家|件|种|户|所|座|台|套|篇|部|批|次|场|处|条|位|株|头|册|"
    "辆|支|名|人|倍|%"
)
# "万?O" is how the seed's source page garbled 万㎡; read it as 万平方米.
_UNIT = rf"(?:万\?O|(?:[万亿千百])?(?:{_BASE_UNITS}))"
_MENTION = re.compile(
    rf"(?<![\d.A-Za-z])(?P<prefix_di>第)?(?P<a>{_NUM})"
    rf"(?:\s*(?:-|~|—|至|到)\s*(?P<b>{_NUM}))?"
    rf"(?P<approx>多|余)?\s*(?P<unit>{_UNIT})"
)
# 超亿元 / 超百亿元 / 过千万元: a round amount with no digits.
_ROUND_AMOUNT = re.compile(r"(?:超过|超|过|逾|突破)(?P<mult>百|千)?(?P<unit>亿元|万元)")

# ASCII "?" is left out on purpose: in scraped pages it is mojibake ("13万?O"), not a question.
_SENTENCE_END = re.compile(r"[。！？；;\n]")
_CLAUSE_END = re.compile(r"[，,：:]")

_AT_LEAST_PREFIX = re.compile(r"(超过|超出|超|逾|不少于|不低于|至少|突破)\s*$")
_AT_LEAST_SUFFIX = re.compile(r"^\s*(以上|多)")
_STRETCH_GAP = re.compile(r"^\s*(?:以上)?\s*[、,，;；(（\s]*(?:力争|争取|努力|最好)(?:达到|实现|突破|超过|完成)?\s*$")
_INCREASE_VERB = re.compile(
    r"^(?:[^\d,，。；;]{0,8}?)(?P<verb>增加|提高|提升|增长|扩大|上升|发展|下降|降低|减少|压缩)(?:到|至)\s*$"
)
_GROWTH_BEFORE = re.compile(r"(?P<verb>增长|提高|增加|上升|提升|下降|降低|减少)(?:了)?\s*$")
_GROWTH_ATTACH = re.compile(
    r"^\s*(?:以上)?\s*[,，]?\s*(?:同比|比上年|比去年|较上年|较去年|年均)?\s*(?:增长|提高|增加)\s*$"
)
# "原部属12家", "现有高新技术企业72家": a marker of what exists, then the number, with no
# goal verb in between ("原部属12家科研院所技工贸总收入达到110亿元" keeps the 110亿元).
_DESCRIPTIVE_NEAR = re.compile(
    r"(原部属|原有|现有|已有|已建成?|在建的?|去年的?|上年的?|前年的?|截至|目前|现已|共有|累计已|已经|现拥有)"
    r"(?:(?!达到|完成|实现|新增|新建|培育|争取|力争|确保|突破|超过|增加|提高)[^\d,，]){0,12}$"
)
_MEMBERSHIP = re.compile(r"进入|列入|跻身")
_TOPIC = re.compile(r"^\s*(对于|对)")
_PAST_YEAR = re.compile(r"(?<![比较从由在])(\d{4})年(?!度)")
_RANK = re.compile(
    r"(?P<verb>(?:继续)?(?:保持|位居|位于|稳居|进入|争创|跻身))(?P<mid>[^,，。；;]{0,24}?)"
    r"(?P<rank>(?:全国|全省|全市|国内|省内|国际|中部|同行业|行业)"
    r"(?:[^,，。；;]{0,4}?)(?:前列|领先|第一|首位|前\d+名|前\d+位))"
)
_WHEN = re.compile(
    r"(?P<when>上半年|下半年|年底前|年底|年末|年内|(?P<q>[一二三四1-4])季度(?:末)?|"
    r"(?P<m>\d{1,2})月(?:底|末)?前?)"
)
_DEADLINE_VERB = re.compile(r"完成|安排|建成|出台|下达|启动|落实|到位|验收|竣工|投产|上线|运行|印发|召开")
_GOAL_VERBS = re.compile(r"^(?:力争|争取|确保|努力|要|将|使|全年|今年|我市|全市|继续|进一步|实现|重点|年内)+")
_TRAILING_VERBS = re.compile(
    r"(?:突破|达到|超过|超出|超|完成|实现|增加到?|提高到?|增长到?|提升到?|扩大到?|发展到|保持在?|达|为|的|在|"
    r"基础上|以上|确保|力争|争取|不低于|不少于|至少|下降|降低|减少|要|将)+$"
)
_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
_COMPARISON_ONLY = re.compile(r"^(?:较|比)(?:上年|去年)$|^同比$")
_TRAILING_FROM = re.compile(r"(?:要|将)?(?:从|由|在原来|在原有|原来|比)(?:去年|上年|\d{4}年)?的?$")
_LEADING_JUNK = re.compile(r"^[、,，和及与并以及\s\-—]+")
_TRAILING_JUNK = re.compile(r"[、,，。；;和及与并以及\s]+$")
_AFTER_STOP = re.compile(r"[、和及与]|以及|,|，")
_CARRY_VERBS = re.compile(
    r"^(实施|培育|开发|新建|建设|申报|组织实施|开展|支持|建立|引进|推广|选育|解决|突破|认定|新增|争取|完成)"
)


def _num(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _unit_as_written(raw: str) -> str:
    return raw.replace("万?O", "万平方米")


@dataclass
class _Mention:
    start: int  # offset of the first digit (or of 超 in 超亿元)
    end: int  # offset after the unit
    unit_start: int
    unit: str
    value: Decimal | None
    lo: Decimal | None = None
    hi: Decimal | None = None
    ordinal: bool = False
    approx: bool = False
    round_amount: bool = False
    # filled while resolving
    kind: str = ""
    baseline: Decimal | None = None
    stretch: Decimal | None = None
    growth: Decimal | None = None
    consumed: bool = False
    negative: bool = False
    baseline_start: int = 0
