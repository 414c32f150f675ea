"""Affinity: jieba TF-IDF similarity, discipline overlap, integrity weighting."""

import numpy as np
import pytest

from reviews.affinity import Side, affinity_matrix, discipline_overlap, text_similarity, tokenize


def test_tokenize_segments_chinese_and_drops_stop_words():
    tokens = tokenize("多晶硅规模化生产的关键技术研究")
    assert "多晶硅" in tokens
    assert "的" not in tokens and "研究" not in tokens


def test_text_similarity_ranks_the_matching_expert_first():
    proposals = ["多晶硅太阳能光伏电池生产工艺", "小麦玉米新品种选育与高产栽培"]
    experts = ["长期从事小麦育种和玉米栽培研究", "太阳能光伏材料与多晶硅提纯", "中草药新药开发"]
    sim = text_similarity(proposals, experts)
    assert sim.shape == (2, 3)
    assert sim[0].argmax() == 1
    assert sim[1].argmax() == 0
    assert np.all(sim <= 1.0 + 1e-9) and np.all(sim >= 0)


def test_discipline_overlap_levels():
    overlap = discipline_overlap([["520.10"], ["460"]], [["52010"], ["52020"], ["610"]])
    assert overlap[0].tolist() == [1.0, 0.5, 0.0]
    assert overlap[1].tolist() == [0.0, 0.0, 0.0]


def test_grade_weights_scale_and_blacklist_zeroes():
    proposals = Side(texts=["盾构机 装备制造"], codes=[["46010"]])
    experts = Side(texts=["盾构机 装备制造"] * 3, codes=[["46010"]] * 3)
    a = affinity_matrix(proposals, experts, grades=["A", "C", "BLACKLIST"])
    assert a[0, 0] == pytest.approx(1.0)
    assert a[0, 1] == pytest.approx(0.6)
    assert a[0, 2] == 0.0


def test_empty_sides():
    assert text_similarity([], ["x"]).shape == (0, 1)
