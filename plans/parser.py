"""Plan text → quantitative targets.

A city S&T bureau's annual work plan (科技工作要点) states its targets in prose:
"培育高新技术企业40个、高新技术产品60种", "孵化面积在原来13万平方米基础上增加到18万平方米,
同比增长38%", "确保超过6000万元、争取7000万元". This module finds those targets, classifies
them, and keeps the sentence each one came from so that staff can review it beside the source.

Pure Python on purpose (no Django imports): the importer, the upload page and the tests all
call :func:`extract_targets`.

How it works, in one pass per sentence (split on 。；! ? and line breaks):

1. the text is *masked* without changing its length (full-width digits → ASCII, HTML
   attribute debris → spaces), so every offset still points into the original text;
2. every "number + unit" mention is found (ranges 3-5项, 超亿元, 100多家 …);
3. pairs are resolved first: from→to (13万 → 18万, baseline), firm+stretch
   (确保6000万元、争取7000万元), a trailing growth clause (…,同比增长21%);
4. descriptive numbers (原部属12家, 现有在建的16家, 对于…的3个, 进入…50户…) are dropped;
5. each remaining mention gets a kind from the words around it, and a name from the clause;
6. rank targets (继续保持全省前列) and dated targets without a number (上半年安排下去)
   are found by their own patterns.

Only Arabic numerals are read: in this genre Chinese numerals name things ("三个一票否决",
"四个三创新驱动工程") rather than set targets.
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

KINDS = (
    "at_least",
    "range",
    "reach",
    "increase_to",
    "growth_rate",
    "point_increase",
    "keep_rank",
    "deadline",
)


@dataclass
class Target:
    """One quantitative target found in the plan text.

    ``value`` is set for single-valued kinds, ``min``/``max`` for ranges; ``stretch`` is the
    争取/力争 value when the sentence also gives a firm one. ``unit`` is as written (万元 stays
    万元, 亿元 stays 亿元); for keep_rank it is the rank phrase (全省前列). ``start``/``end``
    delimit ``excerpt`` (the sentence) in the source; ``match_start``/``match_end`` the
    number itself, for highlighting.
    """

    name: str
    kind: str
    unit: str = ""
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    stretch: Decimal | None = None
    baseline: Decimal | None = None
    growth: Decimal | None = None
    deadline: str | None = None
    section: int | None = None
    excerpt: str = ""
    start: int = 0
    end: int = 0
    match_start: int = 0
    match_end: int = 0

    def to_dict(self) -> dict:
        """JSON-ready dict: Decimals become int or float, empty optional fields are dropped."""
        out = {}
        for key, val in asdict(self).items():
            if isinstance(val, Decimal):
                val = int(val) if val == val.to_integral_value() else float(val)
            if val is None and key not in ("name", "kind", "unit"):
                continue
            out[key] = val
        return out


@dataclass
class WorkItem:
    """A numbered key task of the plan (the seed has 20)."""

    number: int
    title: str
    body: str
    start: int  # of the body (after "3.")
    end: int
    head_start: int = 0  # of the line holding the number
    targets: list[Target] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading


def read_plan_text(path: str | Path) -> str:
    """Read a plan file that may be UTF-8 (with or without BOM) or GB18030.

    UTF-8 is tried first because valid GB18030 text almost never decodes as UTF-8 by
    accident, while the reverse happens all the time.
    """
    raw = Path(path).read_bytes()
    return decode_plan_bytes(raw)


def decode_plan_bytes(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Neither decodes cleanly: keep what GB18030 can read rather than refusing the file.
    return raw.decode("gb18030", errors="replace")


# ---------------------------------------------------------------------------- masking

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．－～，：；（）",
    "0123456789%.-~,:;()",
)
# HTML attribute debris pasted into the seed text: 1+value="4" unitname="”">4”
_HTML_DEBRIS = re.compile(r'(?:[A-Za-z_]+="[^"\n]*"\s*)+>?|</?[A-Za-z][^<>\n]{0,80}>')


def mask(text: str) -> str:
    """Same-length copy of ``text`` that the patterns below can read.

    Length is preserved so offsets found in the mask are offsets into the original.
    """
    masked = text.translate(_FULLWIDTH)
    return _HTML_DEBRIS.sub(lambda m: " " * len(m.group()), masked)


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


# ---------------------------------------------------------------------------- sentences


def _spans(text: str, pattern: re.Pattern, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at ``pattern`` into (start, end) spans, dropping blank ones."""
    spans, pos = [], start
    for m in pattern.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _clause_of(clauses: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= offset < b:
            return a, b
    return clauses[-1]


def _find_mentions(m_text: str, start: int, end: int) -> list[_Mention]:
    mentions = []
    for m in _MENTION.finditer(m_text, start, end):
        a, b = m.group("a"), m.group("b")
        mentions.append(
            _Mention(
                start=m.start("a"),
                end=m.end(),
                unit_start=m.start("unit"),
                unit=_unit_as_written(m.group("unit")),
                value=None if b else _num(a),
                lo=_num(a) if b else None,
                hi=_num(b) if b else None,
                ordinal=bool(m.group("prefix_di")),
                approx=bool(m.group("approx")),
            )
        )
    for m in _ROUND_AMOUNT.finditer(m_text, start, end):
        if m_text[m.start() - 1 : m.start()].isdigit():
            continue
        value = {"百": Decimal(100), "千": Decimal(1000)}.get(m.group("mult") or "", Decimal(1))
        mentions.append(
            _Mention(
                start=m.start(),
                end=m.end(),
                unit_start=m.start("unit"),
                unit=m.group("unit"),
                value=value,
                round_amount=True,
            )
        )
    mentions.sort(key=lambda x: x.start)
    return mentions


def _is_clause_final(m_text: str, pos: int, clause_end: int) -> bool:
    """True when only a qualifier (以上/左右/大关) or punctuation follows until clause end."""
    rest = m_text[pos:clause_end]
    rest = re.sub(r"^\s*(以上|左右|大关|的目标)?", "", rest)
    return not rest.strip(" ,，。；;:：、\n")


def _pair_up(m_text: str, mentions: list[_Mention], clauses) -> None:
    """Resolve from→to, firm+stretch and trailing-growth pairs; mark the second consumed."""
    for first, second in itertools.pairwise(mentions):
        if first.consumed or second.ordinal or first.ordinal:
            continue
        gap = m_text[first.end : second.start]
        same_clause = _clause_of(clauses, first.start) == _clause_of(clauses, second.start)
        verb = _INCREASE_VERB.match(gap)
        if same_clause and verb and first.value is not None and second.value is not None:
            first.consumed = True
            second.kind = "increase_to"
            sign = -1 if verb.group("verb") in ("下降", "降低", "减少", "压缩") else 1
            second.baseline = first.value
            second.baseline_start = first.start
            second.negative = sign < 0
            continue
        if (
            first.unit == second.unit
            and _STRETCH_GAP.match(gap)
            and second.value is not None
            and not second.round_amount
        ):
            first.stretch = second.value
            second.consumed = True
            continue
        if second.unit == "%" and _GROWTH_ATTACH.match(gap) and first.unit != "%":
            first.growth = second.value
            second.consumed = True


def _is_past_sentence(m_text: str, s_start: int, pos: int, plan_year: int | None) -> bool:
    """ "2009年,全市共申报…86项": the sentence recaps a year before the plan year."""
    if not plan_year:
        return False
    return any(int(y.group(1)) < plan_year for y in _PAST_YEAR.finditer(m_text, s_start, pos))


def _is_descriptive(m_text: str, mention: _Mention, clause: tuple[int, int], past: bool) -> bool:
    before = m_text[clause[0] : mention.start]
    if mention.ordinal:
        return True
    if mention.kind == "increase_to":
        return False
    if _DESCRIPTIVE_NEAR.search(before):
        return True
    if _MEMBERSHIP.search(before):
        return True
    if _TOPIC.match(m_text[clause[0] : clause[1]]):
        return True
    if past:
        return True
    # "年销售收入500万元以上的企业30家": a qualifier of another counted thing.
    after = m_text[mention.end : clause[1]]
    if re.match(r"^\s*(以上|以下)?的", after) and _MENTION.search(after):
        return True
    return bool(mention.round_amount and not _is_clause_final(m_text, mention.end, clause[1]))


def _classify(m_text: str, mention: _Mention, clause: tuple[int, int]) -> str:
    if mention.kind:
        return mention.kind
    before = m_text[clause[0] : mention.start]
    after = m_text[mention.end : clause[1]]
    if mention.lo is not None:
        return "range"
    if mention.unit in ("个百分点", "百分点"):
        return "point_increase"
    growth = _GROWTH_BEFORE.search(re.sub(r"(同比|比上年|比去年|年均|较上年)\s*$", "", before))
    if mention.unit == "%" and growth:
        mention.negative = growth.group("verb") in ("下降", "降低", "减少")
        return "growth_rate"
    if mention.round_amount:
        return "at_least"
    if _AT_LEAST_SUFFIX.match(after) or mention.approx:
        return "at_least"
    prefix = _AT_LEAST_PREFIX.search(before)
    # "突破60项关键技术" solves 60 problems; "总产值突破300亿元" passes a threshold.
    if prefix and (prefix.group(1) != "突破" or _is_clause_final(m_text, mention.end, clause[1])):
        return "at_least"
    return "reach"


def _clean_name(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^[-—\s]+", "", s)
    s = _ITEM_NUMBER.sub("", s)
    s = _LEADING_JUNK.sub("", s)
    s = _GOAL_VERBS.sub("", s)
    s = _TRAILING_JUNK.sub("", s)
    s = _TRAILING_VERBS.sub("", s)
    s = _TRAILING_FROM.sub("", s)
    s = _TRAILING_JUNK.sub("", s)
    return s.strip("“”\"' ")


def _name_for(m_text: str, mention: _Mention, seg_start: int, seg_end: int) -> tuple[str, int]:
    """Name = the clause words before the number + the noun right after the unit.

    "实施100个科技攻关项目" → 实施科技攻关项目; "高新技术产业总产值突破300亿元" → 高新技术产业总产值.
    The noun after the unit stops at the next list separator (、 和 及 …).
    """
    before = m_text[seg_start : mention.start]
    qualifier = re.match(r"\s*(以上|左右|多|余)?", m_text[mention.end : seg_end])
    after_start = mention.end + qualifier.end()
    after = m_text[after_start:seg_end]
    stop = _AFTER_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    if mention.kind == "increase_to":
        after = ""
    after = after.strip()
    if after:
        # the verb stays when an object follows: "突破60项关键技术" → 突破关键技术
        name = _clean_name(_LEADING_JUNK.sub("", _GOAL_VERBS.sub("", before.strip())) + after)
    else:
        name = _clean_name(before)
    return name, after_start + len(after)


def _section_index(text: str) -> list[tuple[int, int]]:
    return [(w.head_start, w.number) for w in extract_work_items(text)]


def _section_at(index: list[tuple[int, int]], offset: int) -> int | None:
    current = None
    for start, number in index:
        if start <= offset:
            current = number
        else:
            break
    return current


def _plan_year(text: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", text[:300])
    return int(m.group(1)) if m else None


def _find_when(m_text: str, start: int, end: int) -> re.Match | None:
    """The first time phrase in m_text[start:end]; "3年内" is a duration, "2008年底" a date."""
    for when in _WHEN.finditer(m_text, start, end):
        if when.group("when").startswith("年"):
            digits = re.search(r"\d*$", m_text[max(0, when.start() - 4) : when.start()]).group()
            if 0 < len(digits) < 4:
                continue
        return when
    return None


def _deadline_date(when: re.Match, year: int | None) -> str | None:
    if not year:
        return None
    word = when.group("when")
    if word == "上半年":
        return f"{year}-06-30"
    if when.group("q"):
        quarter = "一二三四".find(when.group("q")) + 1 or int(when.group("q"))
        month = quarter * 3
    elif when.group("m"):
        month = int(when.group("m"))
        if not 1 <= month <= 12:
            return None
    else:
        month = 12
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


# ---------------------------------------------------------------------------- public API


def extract_targets(text: str, year: int | None = None) -> list[Target]:
    """Find every quantitative target in a plan text, in order of appearance."""
    m_text = mask(text)
    year = year or _plan_year(text)
    sections = _section_index(text)
    targets: list[Target] = []
    for s_start, s_end in _spans(m_text, _SENTENCE_END, 0, len(m_text)):
        targets.extend(_sentence_targets(text, m_text, s_start, s_end, year, sections))
    return targets


def _sentence_targets(text, m_text, s_start, s_end, year, sections) -> list[Target]:
    clauses = _spans(m_text, _CLAUSE_END, s_start, s_end)
    if not clauses:
        return []
    # Sentence text without the leading/trailing whitespace, for the excerpt.
    raw = text[s_start:s_end]
    ex_start = s_start + (len(raw) - len(raw.lstrip()))
    ex_end = s_start + len(raw.rstrip())
    section = _section_at(sections, s_start)

    def make(name, kind, unit="", **kw) -> Target:
        return Target(
            name=name,
            kind=kind,
            unit=unit,
            section=section,
            excerpt=text[ex_start:ex_end],
            start=ex_start,
            end=ex_end,
            **kw,
        )

    mentions = _find_mentions(m_text, s_start, s_end)
    _pair_up(m_text, mentions, clauses)
    kept = []
    for mention in mentions:
        if mention.consumed:
            continue
        clause = _clause_of(clauses, mention.start)
        past = _is_past_sentence(m_text, s_start, mention.start, year)
        if _is_descriptive(m_text, mention, clause, past):
            continue
        mention.kind = _classify(m_text, mention, clause)
        kept.append(mention)

    out: list[tuple[int, Target]] = []
    seg_start, seg_clause, prev_name = s_start, None, ""
    for mention in kept:
        clause = _clause_of(clauses, mention.start)
        continuing = clause == seg_clause  # a second target in the same clause (a list)
        if not continuing:
            seg_start, prev_name = clause[0], ""
        if mention.kind == "increase_to":
            # the name is what precedes the baseline number: "在孵企业要从去年的318家…"
            name = _clean_name(m_text[seg_start : mention.baseline_start])
            seg_start = mention.end
        else:
            name, seg_start = _name_for(m_text, mention, seg_start, clause[1])
        seg_clause = clause
        carried = _CARRY_VERBS.match(prev_name) if continuing else None
        if carried and not _CARRY_VERBS.match(name):
            # "培育2个知识产权优势区域和2家知识产权优势企业": the verb is shared
            name = carried.group(1) + name
        if _COMPARISON_ONLY.match(name) and out:
            # "…强度达到2.1%,较上年提高0.2个百分点": the subject is the previous target's
            name = out[-1][1].name + name
        if not name:
            name = _name_from_context(m_text, clauses, clause)
        if out:
            name = _fill_ellipsis(name, out[-1][1].name)
        prev_name = name
        kw = dict(
            match_start=mention.start,
            match_end=mention.end,
            baseline=mention.baseline,
            stretch=mention.stretch,
            growth=mention.growth,
        )
        if mention.kind == "range":
            target = make(name, "range", mention.unit, min=mention.lo, max=mention.hi, **kw)
        else:
            value = -mention.value if mention.negative and mention.kind == "growth_rate" else mention.value
            target = make(name, mention.kind, mention.unit, value=value, **kw)
        when = _find_when(m_text, clause[0], clause[1])
        if when:
            target.deadline = _deadline_date(when, year)
        out.append((mention.start, target))

    out.extend(_rank_targets(text, m_text, clauses, make, out))
    if not _is_past_sentence(m_text, s_start, s_end, year):
        out.extend(_deadline_targets(text, m_text, clauses, kept, make, year))
    out.sort(key=lambda pair: pair[0])
    return [t for _, t in out]


_LEVEL = re.compile(r"^(?:新增|新建|认定)?(国家级|省级|市级|县级|区级)")


def _fill_ellipsis(name: str, previous: str) -> str:
    """ "新增省级工程技术研究中心5家，市级10家": the second is 新增市级工程技术研究中心."""
    level, alone = _LEVEL.match(previous), _LEVEL.fullmatch(name)
    if level and alone:
        return previous[: level.start(1)] + alone.group(1) + previous[level.end(1) :]
    return name


def _name_from_context(m_text: str, clauses, clause) -> str:
    """Name for "确保完成50项": the previous clause says what ("组织实施重大科技专项")."""
    i = clauses.index(clause)
    if i and not _MENTION.search(m_text, clauses[i - 1][0], clauses[i - 1][1]):
        name = _clean_name(m_text[clauses[i - 1][0] : clauses[i - 1][1]])
        if name:
            return name
    return _clean_name(m_text[clause[0] : clause[1]])


def _rank_targets(text, m_text, clauses, make, found) -> list[tuple[int, Target]]:
    out = []
    for clause in clauses:
        for m in _RANK.finditer(m_text, clause[0], clause[1]):
            before = _clean_name(m_text[clause[0] : m.start()])
            name = before or _clean_name(re.sub(r"^(我市|全市)?在?", "", m.group("mid")).rstrip("的"))
            if not name:
                prior = [t for _, t in found if t.match_start < m.start()]
                name = prior[-1].name if prior else ""
            if not name:
                name = _clean_name(text[clause[0] : clause[1]])
            out.append(
                (
                    m.start(),
                    make(
                        name,
                        "keep_rank",
                        m.group("rank"),
                        match_start=m.start("rank"),
                        match_end=m.end("rank"),
                    ),
                )
            )
    return out


def _deadline_targets(text, m_text, clauses, kept, make, year) -> list[tuple[int, Target]]:
    out = []
    for clause in clauses:
        if any(clause[0] <= m.start < clause[1] for m in kept):
            continue
        when = _find_when(m_text, clause[0], clause[1])
        if not when or not _DEADLINE_VERB.search(m_text, when.end(), clause[1]):
            continue
        name = _clean_name(text[clause[0] : clause[1]])
        out.append(
            (
                when.start(),
                make(
                    name,
                    "deadline",
                    deadline=_deadline_date(when, year),
                    match_start=when.start(),
                    match_end=when.end(),
                ),
            )
        )
    return out


# ---------------------------------------------------------------------------- work items

_ITEM_HEAD = r"^[ \t\u3000\xa0]*{n}(?:[ \t]*[.、．]|[ \t\xa0]*\n[ \t\u3000\xa0]*[、.．]|(?=(?:19|20)\d{{2}}年))"


def extract_work_items(text: str) -> list[WorkItem]:
    """The plan's numbered key tasks ("3.强力推进…", "17\\n、完善…", "12008年…" = item 1).

    Numbers are matched in sequence (1, 2, 3 …) at line starts, which is what lets
    "12008年科技工作的指导思想" be read as item 1 about 2008 rather than item 12008.
    """
    heads: list[tuple[int, int, int]] = []  # (number, head start, body start)
    pos, n = 0, 1
    while True:
        m = re.compile(_ITEM_HEAD.format(n=n), re.M).search(text, pos)
        if not m:
            break
        heads.append((n, m.start(), m.end()))
        pos, n = m.end(), n + 1
    items = []
    for i, (number, head, body_start) in enumerate(heads):
        end = heads[i + 1][1] if i + 1 < len(heads) else _body_end(text, body_start)
        body = text[body_start:end]
        stripped = body.lstrip()
        body_start += len(body) - len(stripped)
        body = stripped.rstrip()
        # Stop at the next chapter heading (一、 二、 …) if it falls inside.
        chapter = re.search(r"\n\s*[一二三四五六七八九十]+、", body)
        if chapter:
            body = body[: chapter.start()].rstrip()
        title = re.split(r"[。：:]", body, maxsplit=1)[0].strip()
        items.append(WorkItem(number, title[:120], body, body_start, body_start + len(body), head_start=head))
    return items


def _body_end(text: str, start: int) -> int:
    """End of the last item: before the page footer (免责声明 …) if there is one."""
    m = re.search(r"\n\s*\n\s*\n\s*(免责声明|更多|附件|抄送|主题词)", text[start:])
    return start + m.start() if m else len(text)


def targets_by_item(text: str) -> list[WorkItem]:
    """Work items with the targets stated inside each of them."""
    items = extract_work_items(text)
    targets = extract_targets(text)
    for item in items:
        item.targets = [t for t in targets if item.head_start <= t.match_start < item.end]
    return items


# ---------------------------------------------------------------------------- the seed

SEED_NAME = "luoyang-2008-st-work-points.txt"


def default_seed_path() -> Path:
    """The bundled plan: ``$TECHBUREAU_SEED_DIR``, else ``seed/`` in the repository, else the
    shared checkout next to it (``../shared/seed``)."""
    import os

    repo = Path(__file__).resolve().parent.parent
    candidates = [
        Path(os.environ["TECHBUREAU_SEED_DIR"]) if os.environ.get("TECHBUREAU_SEED_DIR") else None,
        repo / "seed",
        repo.parent / "shared" / "seed",
    ]
    for folder in filter(None, candidates):
        if (folder / SEED_NAME).exists():
            return folder / SEED_NAME
    raise FileNotFoundError(f"{SEED_NAME} not found in {[str(c) for c in candidates if c]}")
