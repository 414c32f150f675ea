"""Chinese search: jieba-segmented `search_text`, matched by whole words on SQLite and PostgreSQL."""

import pytest
from django.test import Client
from django.urls import reverse

from core.search import document, search, segment
from core.testing import make_organisation, make_person
from directory.models import Organisation, Person


def test_segment_splits_names_into_words_and_parts():
    words = segment("洛阳市科技局")
    assert "科技局" in words and "洛阳" in words
    assert "技局" not in words


def test_segment_drops_punctuation_and_lowercases():
    assert list(segment("ABC（测试）！")) == ["abc", "测试"]


@pytest.mark.parametrize("text", [
    "洛阳轴承研究所承担的科技攻关项目，研究领域：新材料(高温合金)。",
    "Ｆｕｌｌ-width ＡＢＣ１２３ and ASCII abc-123 x.y 50%，中信重工机械股份有限公司\r\n第2期",
    "ＰＣＴ国际申请 PCT/CN2008/000123；一种盾构机的制备方法",
    "",
])
def test_segment_run_by_run_gives_jiebas_words_for_the_whole_text(text):
    """The text is segmented one run of characters at a time (runs repeat, so they are cached):
    the words must be those jieba finds in the whole text at once."""
    from core.search import _tokenizer

    whole = [w.strip().lower() for w in _tokenizer().cut_for_search(text, HMM=False)]
    assert list(segment(text)) == [w for w in whole if w and any(ch.isalnum() for ch in w)]


SEED_LIKE = [
    "一种轴承套圈的热处理装置及方法12345", "中信重工机械股份有限公司", "洛阳市科技局", "河南科技大学",
    "中国科学院洛阳分院", "A股B超T恤3C认证U盘", "abc-123", "x.y", "50%", "C++", "a", "1",
    "一种基于深度学习的图像识别方法及其系统", "钼钨合金高温烧结炉", "研究研究研究", "的的的", "PCT国际申请",
    "新能源汽车动力电池管理系统", "2008年度洛阳市科学技术进步奖一等奖",
]


@pytest.mark.parametrize("text", SEED_LIKE)
def test_the_fast_cut_gives_jiebas_words(text):
    """core.search._cut_for_search restates jieba's cut_for_search (HMM off) for speed: the same
    words in the same order, run by run (mixed words such as A股, 2- and 3-character parts)."""
    from core.search import _RUN, _cut_for_search, _tokenizer

    runs = [run for run in _RUN.split(text) if run and _RUN.fullmatch(run)]
    assert runs
    for run in runs:
        assert _cut_for_search(run) == list(_tokenizer().cut_for_search(run, HMM=False))


def test_the_runs_are_jiebas_runs():
    """core.search writes jieba's run pattern out so as not to import jieba at start-up."""
    import jieba

    from core.search import _RUN

    assert (_RUN.pattern, _RUN.flags) == (jieba.re_han_default.pattern, jieba.re_han_default.flags)


def test_document_is_space_delimited_without_repeats():
    text = document("洛阳轴承研究所", "轴承")
    assert text.startswith(" ") and text.endswith(" ")
    assert text.split().count("轴承") == 1


@pytest.fixture
def named(db):
    return {
        "bearing": make_organisation("410305", kind="institute", name="洛阳轴承研究所"),
        "bureau": make_organisation("410305", kind="government", name="洛阳市科技局"),
        "glass": make_organisation("410323", name="洛阳玻璃股份有限公司", industry="新材料"),
    }


def found(query: str) -> set[str]:
    return set(search(Organisation.objects.all(), query).values_list("name", flat=True))


def test_a_word_finds_the_names_containing_it(named):
    assert found("轴承") == {"洛阳轴承研究所"}
    assert found("科技局") == {"洛阳市科技局"}
    assert found("洛阳") == {"洛阳轴承研究所", "洛阳市科技局", "洛阳玻璃股份有限公司"}


def test_several_words_must_all_match(named):
    assert found("洛阳 轴承") == {"洛阳轴承研究所"}
    assert found("轴承 玻璃") == set()


def test_other_search_fields_are_searched(named):
    assert found("新材料") == {"洛阳玻璃股份有限公司"}


def test_a_fragment_across_word_boundaries_does_not_match(named):
    assert found("技局") == set()


def test_empty_or_punctuation_query_returns_everything(named):
    assert found("") == found("！？") == set(Organisation.objects.values_list("name", flat=True))


def test_latin_letters_are_case_insensitive(db):
    make_organisation("410305", name="洛阳LYC轴承有限公司")
    assert found("lyc") == found("LYC") == {"洛阳LYC轴承有限公司"}


def test_rename_updates_the_index(named):
    bearing = named["bearing"]
    bearing.name = "洛阳耐磨材料研究所"
    bearing.save()
    assert found("轴承") == set()
    assert found("耐磨") == {"洛阳耐磨材料研究所"}


def test_people_are_searched_by_name_title_and_disciplines(named):
    make_person(named["bearing"], "张工", title="高级工程师", disciplines="机械制造")
    assert set(search(Person.objects.all(), "机械").values_list("name", flat=True)) == {"张工"}


def test_list_page_q_uses_the_same_search(users, named):
    client = Client()
    client.force_login(users["officer"])
    response = client.get(reverse("directory:organisation_list"), {"q": "轴承"})
    assert [o.name for o in response.context["table"].data] == ["洛阳轴承研究所"]


def test_search_and_scope_combine(users, org_a, named):
    client = Client()
    client.force_login(users["county"])
    response = client.get(reverse("directory:organisation_list"), {"q": "洛阳"})
    # The county (涧西区) does not see 新安县's glass works even though its name matches.
    assert {o.name for o in response.context["table"].data} == {"洛阳轴承研究所", "洛阳市科技局", org_a.name}
