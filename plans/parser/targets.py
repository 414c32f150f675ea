"""Quantitative targets of a whole text, including rank and dated targets without a number."""

from __future__ import annotations

import re

from .items import extract_work_items
from .patterns import (
    _CARRY_VERBS,
    _CLAUSE_END,
    _COMPARISON_ONLY,
    _DEADLINE_VERB,
    _MENTION,
    _RANK,
    _SENTENCE_END,
    _VETO,
    VETO_TARGET_NAME,
)
from .records import Target, WorkItem, mask
from .sentences import (
    _classify,
    _clause_of,
    _clean_name,
    _deadline_date,
    _find_mentions,
    _find_when,
    _is_descriptive,
    _is_past_sentence,
    _name_for,
    _pair_up,
    _plan_year,
    _section_at,
    _section_index,
    _spans,
)

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


def _kept_mentions(m_text, clauses, s_start, s_end, year) -> list:
    """The sentence's number mentions that state a target (not descriptive), each classified."""
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
    return kept


def _complete_name(m_text, name, listed_before, previous, clauses, clause) -> str:
    """A target's name with what the sentence shares: a verb carried along a list, the subject
    of a bare comparison, the clause's context, an ellipsis filled from the previous target."""
    carried = _CARRY_VERBS.match(listed_before) if listed_before else None
    if carried and not _CARRY_VERBS.match(name):
        # "培育2个知识产权优势区域和2家知识产权优势企业": the verb is shared
        name = carried.group(1) + name
    if _COMPARISON_ONLY.match(name) and previous is not None:
        # "…强度达到2.1%,较上年提高0.2个百分点": the subject is the previous target's
        name = previous + name
    if not name:
        name = _name_from_context(m_text, clauses, clause)
    if previous is not None:
        name = _fill_ellipsis(name, previous)
    return name


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

    kept = _kept_mentions(m_text, clauses, s_start, s_end, year)

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
        previous = out[-1][1].name if out else None
        name = _complete_name(m_text, name, prev_name if continuing else "", previous, clauses, clause)
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
    out.extend(_veto_targets(m_text, s_start, s_end, make))
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


def _veto_targets(m_text, s_start, s_end, make) -> list[tuple[int, Target]]:
    """All county-level units passing the veto items: a count target whose value the text leaves
    to the number of counties (None here; filled on import from the linked source)."""
    return [
        (m.start(), make(VETO_TARGET_NAME, "reach", "个", match_start=m.start(), match_end=m.end()))
        for m in _VETO.finditer(m_text, s_start, s_end)
    ]


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


def targets_by_item(text: str) -> list[WorkItem]:
    """Work items with the targets stated inside each of them."""
    items = extract_work_items(text)
    targets = extract_targets(text)
    for item in items:
        item.targets = [t for t in targets if item.head_start <= t.match_start < item.end]
    return items
