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
# Chinese numerals (三个, 两项, 十余家, 百户). The genre also uses them for names and slogans
# ("四个三"工程, 三大平台, 科技三项经费, 省百户重点企业), so a Chinese numeral counts only right
# after a verb that sets a goal ("新建三个", "培育十余家", "扶持百户") or closing a clause that
# starts from one ("新增省级研发中心二十五个"). 一批 has no number: the
# sentence stays in its work item and makes no target, so 批 is not a unit here.
_CN_VERBS = (
    "新建|建成|建设|组建|培育|实施|完成|新增|认定|引进|攻克|开发|扶持|打造|创建|申报|达到|"
    "选育|推广|设立|建立|举办|召开|制定|出台|支持|争取|力争|确保"
)
_CN_NUM = (
    r"(?P<a>[一二两三四五六七八九十百千]+)(?P<approx>多|余)?"
    r"(?P<unit>个(?!月)|项|家|户|所|座|台|套|种|件|条|名|位|株)"
)
_CN_MENTION = re.compile(rf"(?:{_CN_VERBS}){_CN_NUM}")
# …or at the end of a clause that starts from such a verb: "新增省级研发中心二十五个。"
_CN_FINAL = re.compile(
    rf"(?:{_CN_VERBS})[^，,。；;、\d一二两三四五六七八九十百千]{{1,16}}{_CN_NUM}(?=\s*(?:以上|左右)?\s*[，,。；;\n])"
)
# "将“三个一票否决”指标纳入全市责任目标考核": the counties must pass every veto item. The number
# counts the veto items, not the target; the target is every county-level unit, which the text
# does not state (the import takes it from the linked source, see plans/services.py).
_VETO = re.compile(r"(?P<a>[一二两三四五六七八九十]|\d+)\s*(?:个|项)[\"“”]?一票否决[\"“”]?指标(?:纳入|列入)")
VETO_TARGET_NAME = "一票否决指标全部达标的县（市、区）"
_CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_POWER = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> Decimal:
    """三 → 3, 十二 → 12, 二十五 → 25, 百 → 100, 一百二十 → 120, 两千 → 2000."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGIT:
            digit = _CN_DIGIT[char]
        else:  # a power: 十 alone is 10, 百 alone is 100
            total += (digit or 1) * _CN_POWER[char]
            digit = 0
    return Decimal(total + digit)


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
