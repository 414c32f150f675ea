"""Automatic linking of a plan's targets to registered data sources, deterministic and explained.

Each target gets at most one suggestion: a source, a confidence between 0 and 1 and the reasons
that gave it. Two kinds of evidence, both read from the source's label:

- the *name*: shared character bigrams between the target's name and the label (Dice
  coefficient), provided most of the label is named (工业总产值 is not 高新技术产业总产值);
- the *field keywords* of a programme's field source ("科技攻关·装备制造(盾构机、节能环保设备)"):
  the words after "·" and in the brackets, found in the target's name, or, when nothing matches
  the name, in the sentence before the number ("在多晶硅规模化生产等领域,实施8个重点科技项目").
  Longer words are stronger evidence; two-character words (工业, 农业) are too common to count.

A growth target (增长20%) also names 同比增长, so a source that gives the growth itself wins over
the bare count. Two sources that match almost equally are an ambiguity: the confidence drops and
the reason names the other one.

The unit must convert (and a count may feed a growth rate); another measure word of the same
family (个 for 项) weakens the match. At or above `settings.PLANS_AUTO_LINK_THRESHOLD` the import
links the target; below it the officer decides on the review page, where the suggestion is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings

from . import sources

DEFAULT_THRESHOLD = 0.6
KEYWORD_BASE = 0.45  # a field keyword found at all
KEYWORD_PER_CHAR = 0.05  # … and per character of the words found
KEYWORD_MAX = 0.95
CONTEXT_PENALTY = 0.1  # found only in the sentence, not in the target's name
MIN_KEYWORD = 3
RATE_WORDS = "同比增长"
TIE_MARGIN = 0.05
TIE_PENALTY = 0.15


@dataclass(frozen=True)
class Link:
    source: sources.DataSource
    confidence: float
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def threshold() -> float:
    return float(getattr(settings, "PLANS_AUTO_LINK_THRESHOLD", DEFAULT_THRESHOLD))


def suggest(name: str, unit: str, kind: str = "", context: str = "",
            candidates: list[sources.DataSource] | None = None) -> Link | None:  # fmt: skip
    """The best-supported source for a target, or None when no source shares anything."""
    if kind == "keep_rank":
        return None  # a standing among others: nothing in the records gives it
    # A dated target (上半年安排下去) is met or not: only a source without a unit (1 met, 0 not)
    # answers it, and such a source answers nothing else.
    fitting = [
        s
        for s in (candidates if candidates is not None else sources.all_sources())
        if sources.fits(s, unit, kind) and (not s.unit) == (kind == "deadline")
    ]
    links = [link for s in fitting if (link := _by_name(s, name, unit, kind))]
    if not links and context:
        links = [link for s in fitting if (link := _by_keywords(s, context, unit, in_name=False))]
    return _best(links)


def _best(links: list[Link]) -> Link | None:
    ranked = sorted(links, key=lambda link: (-link.confidence, link.source.key))
    if len(ranked) > 1 and ranked[0].confidence - ranked[1].confidence < TIE_MARGIN:
        first, other = ranked[0], ranked[1].source
        reasons = [*first.reasons, f"与“{other.label}”难以区分"]
        return Link(first.source, round(first.confidence - TIE_PENALTY, 3), reasons)
    return ranked[0] if ranked else None


def _by_name(source: sources.DataSource, name: str, unit: str, kind: str) -> Link | None:
    candidates = [
        link for link in (_by_label(source, name, unit, kind), _by_keywords(source, name, unit, in_name=True)) if link
    ]
    return max(candidates, key=lambda link: link.confidence, default=None)


def _by_label(source: sources.DataSource, name: str, unit: str, kind: str) -> Link | None:
    rate = kind in sources.RATE_KINDS and source.unit in sources.RATE_UNITS
    wanted, label = _bigrams(name + (RATE_WORDS if rate else "")), _bigrams(source.label)
    common = wanted & label
    if not label or len(common) < len(label) * sources.LABEL_COVERAGE:
        return None
    score = 2 * len(common) / (len(wanted) + len(label))
    reasons = [f"名称相符 {score:.2f}（{_words(name, common)}）"]
    if rate:
        reasons.append("增幅指标，来源直接给出同比")
        return Link(source, round(score, 3), reasons)
    return _with_unit(source, score, unit, reasons)


def _by_keywords(source: sources.DataSource, text: str, unit: str, *, in_name: bool) -> Link | None:
    hits, weight = [], 0.0
    for word in keywords(source):
        if word in text:
            hits.append(word)
            weight += len(word)
    if not hits:
        return None
    score = min(KEYWORD_MAX, KEYWORD_BASE + KEYWORD_PER_CHAR * weight) - (0 if in_name else CONTEXT_PENALTY)
    where = "名称" if in_name else "原文句子"
    return _with_unit(source, score, unit, [f"{where}含领域词：{'、'.join(hits)}（{source.app or '登记'}）"])


def _with_unit(source: sources.DataSource, score: float, unit: str, reasons: list[str]) -> Link:
    if source.unit == unit:
        reasons.append(f"单位相同：{unit}")
    else:
        score *= sources.OTHER_UNIT_WEIGHT
        reasons.append(f"单位可换算：{unit or '—'}→{source.unit}")
    return Link(source, round(score, 3), reasons)


def keywords(source: sources.DataSource) -> list[str]:
    """The field words of a programme's field source: after "·", and the bracketed examples."""
    label = str(source.label)  # labels may be lazy translations
    if "·" not in label:
        return []
    field_part = label.split("·", 1)[1]
    inner = re.findall(r"[(（]([^)）]*)[)）]", field_part)
    outer = re.sub(r"[(（][^)）]*[)）]", "", field_part)
    words = [w for part in [outer, *inner] for w in re.split(r"[、,，/与及和]", part)]
    return [w.strip() for w in words if len(w.strip()) >= MIN_KEYWORD]


def _bigrams(text: str) -> set[str]:
    # "首批市级重点实验室在2008年顺利建成": a year or a count in a name is not what is counted
    return sources._bigrams(re.sub(r"\d+(?:\.\d+)?年?", "", str(text)))


def _words(name: str, common: set[str]) -> str:
    """The runs of `name` made of shared bigrams, for the reason shown to the officer."""
    runs, current = [], ""
    for i in range(len(name) - 1):
        if name[i : i + 2] in common:
            current = current + name[i + 1] if current else name[i : i + 2]
        elif current:
            runs.append(current)
            current = ""
    return "、".join([*runs, current] if current else runs)


def context_of(excerpt: str, start: int | None, match_start: int | None) -> str:
    """The sentence up to the number: where a target's field is named (在…等领域,实施8个…)."""
    if start is None or match_start is None:
        return excerpt
    return excerpt[: max(0, match_start - start)]
