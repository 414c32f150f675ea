"""Plan-text parser: recall/precision against hand-written fixtures, and each genre case.

Pure Python (runs with ``-p no:django`` too).
"""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from plans.parser import (
    KINDS,
    decode_plan_bytes,
    default_seed_path,
    extract_targets,
    extract_work_items,
    mask,
    read_plan_text,
    targets_by_item,
)

FIXTURES = Path(__file__).parent / "fixtures"
KEY_FIELDS = ("kind", "unit", "value", "min", "max", "baseline", "stretch", "growth", "deadline")


def _key(d: dict) -> tuple:
    """What must match: the numbers, unit and kind (names are free text staff can edit)."""
    out = []
    for field in KEY_FIELDS:
        v = d.get(field)
        out.append(Decimal(str(v)) if isinstance(v, int | float) else v)
    return tuple(out)


def _score(expected: list[dict], found: list[dict]) -> tuple[float, float, str]:
    exp, got = Counter(map(_key, expected)), Counter(map(_key, found))
    hits = sum((exp & got).values())
    recall = hits / max(sum(exp.values()), 1)
    precision = hits / max(sum(got.values()), 1)
    missed = [e for e in expected if (exp - got)[_key(e)]]
    extra = [f for f in found if (got - exp)[_key(f)]]
    diff = "\nMISSED (expected, not found):\n" + "\n".join(
        f"  {m.get('name')}: {dict(zip(KEY_FIELDS, _key(m), strict=False))}" for m in missed
    )
    diff += "\nEXTRA (found, not expected):\n" + "\n".join(
        f"  {f.get('name')}: {dict(zip(KEY_FIELDS, _key(f), strict=False))}  «{f['excerpt'][:60]}»" for f in extra
    )
    return recall, precision, diff


def _seed_text() -> str:
    return read_plan_text(default_seed_path())


CASES = [
    (default_seed_path(), "luoyang2008_expected.json"),
    (FIXTURES / "pingzhou2010.txt", "pingzhou2010_expected.json"),
    (FIXTURES / "qingchuan2012.txt", "qingchuan2012_expected.json"),
    (FIXTURES / "dongling2015.txt", "dongling2015_expected.json"),
]


@pytest.mark.parametrize(("path", "expected_name"), CASES, ids=lambda c: Path(str(c)).stem)
def test_recall_and_precision_at_least_95_percent(path, expected_name):
    expected = json.loads((FIXTURES / expected_name).read_text(encoding="utf-8"))
    found = [t.to_dict() for t in extract_targets(read_plan_text(path))]
    recall, precision, diff = _score(expected, found)
    assert recall >= 0.95 and precision >= 0.95, (
        f"{path.name}: recall {recall:.1%}, precision {precision:.1%} "
        f"({len(expected)} expected, {len(found)} found){diff}"
    )


def test_seed_fixture_is_several_dozen_across_the_sections():
    expected = json.loads((FIXTURES / "luoyang2008_expected.json").read_text(encoding="utf-8"))
    assert len(expected) >= 36
    assert {e["section"] for e in expected} >= {1, 2, 3, 4, 6, 12, 13, 14, 16}
    assert {e["kind"] for e in expected} <= set(KINDS)


def test_fixtures_cover_every_kind():
    kinds = set()
    for _, name in CASES:
        kinds |= {e["kind"] for e in json.loads((FIXTURES / name).read_text(encoding="utf-8"))}
    assert kinds == set(KINDS)


def _one(text: str, **where):
    found = [t for t in extract_targets(text) if all(getattr(t, k) == v for k, v in where.items())]
    assert len(found) == 1, f"expected one target with {where}, got {[t.to_dict() for t in extract_targets(text)]}"
    return found[0]


def test_firm_and_stretch_in_one_sentence():
    t = _one("2010年要点\n全年争取科技项目资金确保超过6000万元、争取7000万元。", unit="万元")
    assert (t.kind, t.value, t.stretch) == ("at_least", 6000, 7000)


def test_firm_and_stretch_separated_by_comma():
    t = _one("2015年要点\n技术合同成交额确保20亿元，力争25亿元。", unit="亿元")
    assert (t.kind, t.value, t.stretch, t.name) == ("reach", 20, 25, "技术合同成交额")


@pytest.mark.parametrize(
    ("sentence", "lo", "hi", "unit"),
    [
        ("实施节能减排关键技术研究3-5项。", 3, 5, "项"),
        ("新建院士工作站3～5个。", 3, 5, "个"),
        ("重大科技专项5至8项。", 5, 8, "项"),
        ("其中国家级平台2—3个。", 2, 3, "个"),
    ],
)
def test_ranges(sentence, lo, hi, unit):
    t = _one("2010年要点\n" + sentence)
    assert (t.kind, t.min, t.max, t.unit, t.value) == ("range", lo, hi, unit, None)


def test_units_are_kept_as_written():
    found = extract_targets("2010年要点\n争取上级资金3000万元，高新技术产业总产值突破300亿元。")
    assert [(t.value, t.unit) for t in found] == [(3000, "万元"), (300, "亿元")]


def test_percent_versus_percentage_points():
    found = extract_targets("2010年要点\n比重提高1.5个百分点，专利申请量增长20%以上，覆盖率达到90%。")
    assert [(t.kind, t.value, t.unit) for t in found] == [
        ("point_increase", Decimal("1.5"), "个百分点"),
        ("growth_rate", 20, "%"),
        ("reach", 90, "%"),
    ]


def test_decrease_is_a_negative_growth_rate():
    t = _one("2012年要点\n万元生产总值能耗下降4%。")
    assert (t.kind, t.value) == ("growth_rate", -4)


def test_from_to_with_growth_rate_and_seed_mojibake():
    text = (
        "2008年要点\n孵化面积在原来13万?O基础上增加到18万?O,同比增长38%,"
        "在孵企业要从去年的318家增加到387家,同比增长21%。"
    )
    area, firms = extract_targets(text)
    assert (area.kind, area.baseline, area.value, area.unit, area.growth) == (
        "increase_to",
        13,
        18,
        "万平方米",
        38,
    )
    assert (firms.kind, firms.baseline, firms.value, firms.unit, firms.growth) == (
        "increase_to",
        318,
        387,
        "家",
        21,
    )
    assert (area.name, firms.name) == ("孵化面积", "在孵企业")


def test_lists_split_by_dunhao_and_semicolon_share_the_verb():
    found = extract_targets("2010年要点\n培育高新技术企业40个、高新技术产品60种；新认定工程中心12个。")
    assert [(t.name, t.value, t.unit) for t in found] == [
        ("培育高新技术企业", 40, "个"),
        ("培育高新技术产品", 60, "种"),
        ("新认定工程中心", 12, "个"),
    ]


def test_round_amount_is_a_target_only_when_it_is_the_goal():
    found = extract_targets("2010年要点\n带动新增产值超亿元；培育年销售收入超亿元的科技型企业8家；园区收入超百亿元。")
    assert [(t.kind, t.value, t.unit) for t in found] == [
        ("at_least", 1, "亿元"),
        ("reach", 8, "家"),
        ("at_least", 100, "亿元"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "原部属12家科研院所要加快改革。",
        "对现有在建的16家市级重点实验室加强监督和指导。",
        "对于省重点支持的3个实验室，要继续加大扶持和培育力度。",
        "进入省百户重点企业、50户高成长性企业和市30户重点企业全部建立研发机构。",
        "2009年，全市共申报国家和省级科技项目86项，专利申请量达到1350件，比上年增长18%。",
        "全市现有高新技术企业72家。",
        "第2批科技计划项目在3个月内完成立项。",
        '实施“1+value="4" unitname="”">4”铝板带热连轧装备研发技术。',
    ],
)
def test_descriptive_numbers_are_not_targets(sentence):
    assert extract_targets("2010年要点\n" + sentence) == []


def test_descriptive_marker_does_not_hide_the_real_target():
    t = _one("2008年要点\n原部属12家科研院所技工贸总收入达到110亿元。")
    assert (t.value, t.unit, t.kind) == (110, "亿元", "reach")


def test_breakthrough_as_threshold_versus_as_verb():
    found = extract_targets("2008年要点\n突破60项制约发展的关键技术，高新技术产业总产值突破300亿元。")
    assert [(t.kind, t.value) for t in found] == [("reach", 60), ("at_least", 300)]
    assert found[0].name == "突破制约发展的关键技术"


def test_keep_rank_and_deadline():
    found = extract_targets("2008年要点\n全年专利申请量1600件，继续保持全省前列。2008年的项目争取上半年安排下去。")
    assert [(t.kind, t.unit, t.name, t.deadline) for t in found] == [
        ("reach", "件", "专利申请量", None),
        ("keep_rank", "全省前列", "专利申请量", None),
        ("deadline", "", "2008年的项目争取上半年安排下去", "2008-06-30"),
    ]


def test_an_elliptical_list_item_borrows_the_noun():
    found = extract_targets("2010年要点\n全年新增省级工程技术研究中心5家，市级10家。")
    assert [(t.name, t.value) for t in found] == [("新增省级工程技术研究中心", 5), ("新增市级工程技术研究中心", 10)]


def test_a_duration_is_not_a_deadline_but_a_year_end_is():
    (t,) = extract_targets("2010年要点\n3年内培育科技型企业100家。")
    assert (t.kind, t.value, t.deadline) == ("reach", 100, None)
    (d,) = extract_targets("2010年要点\n2010年底前完成科技计划管理改革。")
    assert (d.kind, d.deadline) == ("deadline", "2010-12-31")


def test_approximate_and_fullwidth_numbers():
    found = extract_targets("2012年要点\n在孵企业达到100多家，申请专利３２０件以上。")
    assert [(t.kind, t.value, t.unit) for t in found] == [("at_least", 100, "家"), ("at_least", 320, "件")]


def test_offsets_point_into_the_original_text():
    text = _seed_text()
    for t in extract_targets(text):
        assert text[t.start : t.end] == t.excerpt
        assert t.start <= t.match_start < t.match_end <= t.end
    incubator = _one(text, unit="万平方米")
    assert text[incubator.match_start : incubator.match_end] == "18万?O"


def test_mask_keeps_length_and_blanks_debris():
    raw = '实施“1+value="4" unitname="”">4”铝板带，专利３２０件'
    masked = mask(raw)
    assert len(masked) == len(raw)
    assert "value" not in masked and "320件" in masked


def test_to_dict_is_json_ready():
    t = _one("2010年要点\n比重提高1.5个百分点。")
    d = t.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False))["value"] == 1.5
    assert "min" not in d and d["unit"] == "个百分点"


def test_reads_utf8_bom_and_gb18030(tmp_path):
    text = "2012年要点\n新建企业研发中心10个以上。"
    for i, raw in enumerate([text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("gb18030")]):
        path = tmp_path / f"plan{i}.txt"
        path.write_bytes(raw)
        assert read_plan_text(path) == text
    assert decode_plan_bytes(b"\xff\xfe\xfa") != ""  # undecodable bytes do not crash


def test_gb18030_fixture_is_really_gb18030():
    raw = (FIXTURES / "qingchuan2012.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert read_plan_text(FIXTURES / "qingchuan2012.txt").startswith("2012年青川县科技工作要点")


def test_seed_has_twenty_numbered_work_items():
    items = extract_work_items(_seed_text())
    assert [i.number for i in items] == list(range(1, 21))
    assert items[0].title == "2008年科技工作的指导思想"
    assert items[2].title == "强力推进六大支柱产业领域技术创新"
    assert items[16].title == "完善人才培养、引进、使用机制"
    assert "免责声明" not in items[-1].body


def test_targets_are_attached_to_their_work_item():
    items = {i.number: i for i in targets_by_item(_seed_text())}
    assert [(t.value, t.unit) for t in items[14].targets if t.value] == [(1600, "件"), (2, "个"), (2, "家")]
    assert items[7].targets == []


def test_empty_and_numberless_text():
    assert extract_targets("") == []
    assert extract_targets("加强科技宣传和科学普及工作力度，办好科技活动周。") == []
    assert extract_work_items("") == []


# --- Chinese numerals and approximate quantities (issue 11) --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit"),
    [
        ("新建三个工程技术研究中心。", "reach", 3, "个"),
        ("实施两项重大科技专项。", "reach", 2, "项"),
        ("培育十余家创新型企业。", "at_least", 10, "家"),  # 余/多: "more than", the figure is the floor
        ("扶持百户科技型中小企业。", "reach", 100, "户"),
        ("组建一百二十家企业研发中心。", "reach", 120, "家"),
        ("新增省级研发中心二十五个。", "reach", 25, "个"),  # closing a clause that starts from a goal verb
    ],
)
def test_chinese_numerals(sentence, kind, value, unit):
    t = _one("2010年要点\n" + sentence)
    assert (t.kind, t.value, t.unit) == (kind, value, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "突破一批关键技术，培育一批创新型企业。",  # 一批: no number, the work item keeps it
        "加强三个科技支撑、构建三个平台、完善三个机制。",  # a slogan ("四个三"), not counts
        "进入省百户重点企业行列。",  # a named list
        "搞好三大平台建设工程。",
    ],
)
def test_chinese_numerals_in_names_and_slogans_make_no_target(sentence):
    assert extract_targets("2010年要点\n" + sentence) == []


@pytest.mark.parametrize(
    ("sentence", "lo", "hi"), [("新建3-5个院士工作站。", 3, 5), ("建设2至3个省级重点实验室。", 2, 3)]
)
def test_a_range_keeps_both_ends_and_its_text_and_counts_from_the_lower(sentence, lo, hi):
    """A range target is achieved at its lower end (Indicator.firm_target, test_linking.py); the
    upper end is the stretch."""
    t = _one("2010年要点\n" + sentence)
    assert (t.kind, t.min, t.max, t.value) == ("range", lo, hi, None)
    assert t.excerpt == sentence


def test_the_veto_sentence_is_a_count_target_without_a_figure():
    t = _one("2008年要点\n9.将“三个一票否决”指标纳入全市责任目标考核范围。", kind="reach")
    assert (t.unit, t.value, t.name) == ("个", None, "一票否决指标全部达标的县（市、区）")
    assert extract_targets("2008年要点\n围绕科技进步考核的“三项一票否决”指标,加强考核工作。") == []
