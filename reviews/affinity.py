"""Affinity of experts to proposals (pure Python: jieba + numpy + scipy.sparse; no Django).

affinity[p, e] = grade_weight[e] * (TEXT_WEIGHT * cosine(tfidf(p), tfidf(e))
                                    + DISCIPLINE_WEIGHT * discipline_overlap(p, e))

* Text: proposal title + abstract + keywords against the expert's profile, keywords and the
  titles of projects the expert reviewed or led.  Chinese text is segmented with jieba (search
  mode, so compound terms also yield their parts); Latin words are lower-cased.  TF-IDF uses
  sublinear tf and smoothed idf fitted on both sides together; rows are L2-normalised so one
  sparse product gives every cosine at once.
* Disciplines: GB/T 13745 codes (3-digit first level, 5-digit second level, 7-digit third).
  A shared second-level code (or deeper) scores 1.0, a shared first level only 0.5.
* Integrity grade from the credit ledger scales the whole affinity (A 1.0, B 0.85, C 0.6);
  a blacklisted expert gets weight 0 and must also be excluded as a conflict by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

TEXT_WEIGHT = 0.7
DISCIPLINE_WEIGHT = 0.3
GRADE_WEIGHTS = {"A": 1.0, "B": 0.85, "C": 0.6, "BLACKLIST": 0.0}

_WORD = re.compile(r"[\w\u4e00-\u9fff]+")
_STOP = frozenset(
    [
        "的",
        "和",
        "与",
        "及",
        "等",
        "在",
        "对",
        "了",
        "是",
        "为",
        "中",
        "研究",
        "技术",
        "应用",
        "基于",
        "关键",
        "开发",
        "系统",
        "方法",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "a",
        "an",
        "to",
    ]
)


Segmenter = Callable[[str], list[str]]


def tokenize(text: str, segment: Segmenter | None = None) -> list[str]:
    """Search-mode tokens without punctuation, single characters and stop words.

    ``segment`` is the project's segmenter (core.search.segment, jieba with the user dictionary of
    place names and policy terms); without Django, plain jieba is used.
    """
    if segment is None:
        import jieba  # imported lazily: loading the dictionary takes a second

        segment = jieba.lcut_for_search
    tokens = []
    for token in segment(text or ""):
        token = token.strip().lower()
        if len(token) < 2 or token in _STOP or not _WORD.fullmatch(token):
            continue
        tokens.append(token)
    return tokens


def tfidf_matrices(
    left: Sequence[str], right: Sequence[str], segment: Segmenter | None = None
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF rows for both text lists over one shared vocabulary."""
    docs = [tokenize(t, segment) for t in list(left) + list(right)]
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, tokens in enumerate(docs):
        counts: dict[int, int] = {}
        for tok in tokens:
            j = vocab.setdefault(tok, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(1.0 + np.log(c))  # sublinear tf
    n_docs = len(docs)
    tf = sparse.csr_matrix((vals, (rows, cols)), shape=(n_docs, max(len(vocab), 1)), dtype=np.float64)
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=tf.shape[1])
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    weighted = tf.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weighted = sparse.diags(1.0 / norms) @ weighted
    weighted = weighted.tocsr()
    return weighted[: len(left)], weighted[len(left) :]


def text_similarity(proposals: Sequence[str], experts: Sequence[str], segment: Segmenter | None = None) -> np.ndarray:
    """Cosine similarity of every proposal text to every expert text, shape (P, E)."""
    if not proposals or not experts:
        return np.zeros((len(proposals), len(experts)))
    left, right = tfidf_matrices(proposals, experts, segment)
    return np.asarray((left @ right.T).todense())


def _code_indicator(code_lists: Sequence[Sequence[str]], length: int, index: dict[str, int]):
    rows, cols = [], []
    for i, codes in enumerate(code_lists):
        for code in {c.replace(".", "")[:length] for c in codes if len(c.replace(".", "")) >= length}:
            rows.append(i)
            cols.append(index.setdefault(code, len(index)))
    return rows, cols


def discipline_overlap(proposal_codes: Sequence[Sequence[str]], expert_codes: Sequence[Sequence[str]]) -> np.ndarray:
    """1.0 for a shared second-level (or deeper) code, 0.5 for a shared first level only."""
    n_p, n_e = len(proposal_codes), len(expert_codes)
    result = np.zeros((n_p, n_e))
    for length, score in ((3, 0.5), (5, 1.0)):
        index: dict[str, int] = {}
        pr, pc = _code_indicator(proposal_codes, length, index)
        er, ec = _code_indicator(expert_codes, length, index)
        width = max(len(index), 1)
        left = sparse.csr_matrix((np.ones(len(pr)), (pr, pc)), shape=(n_p, width))
        right = sparse.csr_matrix((np.ones(len(er)), (er, ec)), shape=(n_e, width))
        shared = np.asarray((left @ right.T).todense()) > 0
        result = np.maximum(result, shared * score)
    return result


@dataclass
class Side:
    """Texts and discipline codes of one side (proposals or experts), in index order."""

    texts: Sequence[str]
    codes: Sequence[Sequence[str]]


def affinity_matrix(
    proposals: Side, experts: Side, grades: Sequence[str] | None = None, segment: Segmenter | None = None
) -> np.ndarray:
    """The (P, E) affinity used by the solver; values in [0, 1]."""
    text = text_similarity(proposals.texts, experts.texts, segment)
    disc = discipline_overlap(proposals.codes, experts.codes)
    combined = TEXT_WEIGHT * text + DISCIPLINE_WEIGHT * disc
    if grades is not None:
        weights = np.array([GRADE_WEIGHTS.get((g or "A").upper(), 1.0) for g in grades])
        combined = combined * weights[None, :]
    return combined
