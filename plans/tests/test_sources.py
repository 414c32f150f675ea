"""The data-source registry: units, matching indicator names to sources, registration."""

from decimal import Decimal

import pytest
from django.utils import translation

from plans import sources
from plans.forms import source_choices


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        (Decimal(25000), "万元", "亿元", Decimal("2.5")),
        (Decimal(3), "亿元", "万元", Decimal(30000)),
        (Decimal(130000), "平方米", "万平方米", Decimal(13)),
        (Decimal(7), "项", "个", Decimal(7)),
        (Decimal(7), "家", "家", Decimal(7)),
    ],
)
def test_convert(value, src, dst, expected):
    assert sources.convert(value, src, dst) == expected


def test_incompatible_units_refuse():
    with pytest.raises(sources.UnitMismatch):
        sources.convert(Decimal(1), "万元", "件")
    assert not sources.compatible("%", "项")


def _source(key, label, unit):
    return sources.DataSource(key, label, unit, value=lambda year, day: Decimal(0))


def test_suggest_prefers_the_closest_label_with_a_fitting_unit():
    candidates = [
        _source("a", "专利申请量(按申请日)", "件"),
        _source("b", "发明专利申请量", "件"),
        _source("c", "争取上级科技资金", "万元"),
        _source("d", "高新技术产业化项目", "项"),
        _source("e", "高新技术产业总产值", "亿元"),
    ]
    assert sources.suggest("高新技术产业总产值", "亿元", candidates).key == "e"
    assert sources.suggest("工业总产值", "亿元", candidates) is None  # shares 总产值 only
    assert sources.suggest("专利申请量", "件", candidates).key == "a"
    assert sources.suggest("上级科技资金", "亿元", candidates).key == "c"
    assert sources.suggest("培育高新技术产品", "种", candidates) is None  # too weak a match
    assert sources.suggest("上级科技资金", "件", candidates) is None  # units do not convert
    assert sources.suggest("发明专利申请量", "%", candidates, kind="growth_rate").key == "b"


def test_register_twice_with_a_different_definition_is_an_error(monkeypatch):
    monkeypatch.setattr(sources, "_registry", {})
    sources.register(_source("x", "甲", "项"))
    with pytest.raises(ValueError, match="registered twice"):
        sources.register(_source("x", "乙", "项"))


def test_discovered_sources_include_the_directory_ones(db):
    keys = {s.key for s in sources.all_sources()}
    assert {"directory.former_ministry_institutes", "outreach.innovation_pilots"} <= keys
    assert sources.find("no.such.source") is None


def test_a_source_label_follows_the_request_language(db):
    """Labels are lazy: registration does not freeze the language of the first request."""
    with translation.override("en"):
        source = sources.get("directory.former_ministry_institutes")
        assert str(source.label) == "Former ministry research institutes"
        assert "Former ministry research institutes（家）" in dict(source_choices()).values()
    with translation.override("zh-hans"):
        assert str(source.label) == "原部属科研院所"
        assert "原部属科研院所（家）" in dict(source_choices()).values()


def test_matching_reads_the_chinese_label_whatever_the_language(db):
    with translation.override("en"):
        source = sources.get("directory.former_ministry_institutes")
        assert source.source_label == "原部属科研院所"
        assert sources.suggest("原部属科研院所数量", "家", candidates=[source]) == source
