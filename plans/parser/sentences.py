"""Reading one sentence: mentions, their pairing, what is descriptive, each target's kind and name."""

from __future__ import annotations

import calendar
import itertools
import re
from decimal import Decimal

from .items import extract_work_items
from .patterns import (
    _AFTER_STOP,
    _AT_LEAST_PREFIX,
    _AT_LEAST_SUFFIX,
    _CN_FINAL,
    _CN_MENTION,
    _DESCRIPTIVE_NEAR,
    _GOAL_VERBS,
    _GROWTH_ATTACH,
    _GROWTH_BEFORE,
    _INCREASE_VERB,
    _ITEM_NUMBER,
    _LEADING_JUNK,
    _MEMBERSHIP,
    _MENTION,
    _PAST_YEAR,
    _ROUND_AMOUNT,
    _STRETCH_GAP,
    _TOPIC,
    _TRAILING_FROM,
    _TRAILING_JUNK,
    _TRAILING_VERBS,
    _WHEN,
    _Mention,
    _num,
    _unit_as_written,
    cn_number,
)

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
    cn_matches = {m.start("a"): m for pattern in (_CN_MENTION, _CN_FINAL) for m in pattern.finditer(m_text, start, end)}
    for m in cn_matches.values():
        mentions.append(
            _Mention(
                start=m.start("a"),
                end=m.end(),
                unit_start=m.start("unit"),
                unit=m.group("unit"),
                value=cn_number(m.group("a")),
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
