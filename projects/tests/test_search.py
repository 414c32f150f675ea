"""Searching projects by title, abstract and field: the index (FTS5 on SQLite, GIN on PostgreSQL)
finds what the scan of the segmented text found, in the same order, within the user's scope."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from core import search_index
from core.search import search
from core.testing import make_user
from projects.models import Project
from projects.workflow import State

from .helpers import make_project

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the FTS5 index is SQLite's")

TEXTS = {
    "bearing": ("风电轴承关键技术研究", "研究大型风电机组轴承的设计与制造。"),
    "battery": ("动力电池管理系统", "面向电动汽车的锂电池组均衡技术，C++实现。"),
    "earth": ("稀土永磁材料制备", "洛阳市科技局支持的稀土新材料项目，含3.5T磁场测试。"),
}


@pytest.fixture
def projects(users, org_a):
    pi = users[Role.APPLICANT]
    return {
        key: make_project(pi, org_a, status=State.RECOMMENDED, title=title, summary=summary)
        for key, (title, summary) in TEXTS.items()
    }


def found(query: str) -> list[str]:
    return list(search(Project.objects.all(), query).values_list("title", flat=True))


def scanned(query: str, monkeypatch) -> list[str]:
    """The same search without the index (the LIKE scan of the segmented text)."""
    with monkeypatch.context() as patch:
        patch.setattr(Project, "search_indexed", False)
        return found(query)


def test_two_character_words_of_titles_and_abstracts_are_found(projects):
    assert found("轴承") == [TEXTS["bearing"][0]]
    assert found("电池") == [TEXTS["battery"][0]]
    assert found("稀土") == [TEXTS["earth"][0]]
    assert found("设计") == [TEXTS["bearing"][0]]  # only in the abstract


def test_whole_words_only(projects):
    assert found("科技局") == [TEXTS["earth"][0]]
    assert found("技局") == []
    assert found("稀土 电池") == []


@pytest.mark.parametrize(
    "query",
    ["轴承", "研究", "技术", "科技局", "技局", "稀土 材料", "c", "C++", "3.5", "35", "锂电池", "无此词", "！？"],
)
def test_index_and_scan_agree(projects, query, monkeypatch):
    assert found(query) == scanned(query, monkeypatch)


@pytest.mark.parametrize(
    "query", ["轴承 OR 电池", "NOT 轴承", '"轴承', "轴承*", "NEAR(轴承 电池)", "title:轴承", "^轴承"]
)
def test_search_syntax_in_the_query_is_text(projects, query, monkeypatch):
    # FTS5 operators typed by a user are words (or punctuation) like any other, never an error.
    assert found(query) == scanned(query, monkeypatch)


def test_results_keep_the_list_order(projects):
    # Newest first, as the list without a query (Meta.ordering): the index does not rank.
    assert found("技术") == [TEXTS["battery"][0], TEXTS["bearing"][0]]


def test_edits_and_deletes_reach_the_index(projects):
    battery = projects["battery"]
    battery.summary = "氢燃料电池堆"
    battery.title = "燃料电池研究"
    battery.save()
    assert found("锂电池") == []
    assert found("燃料") == ["燃料电池研究"]
    projects["earth"].delete()
    assert found("稀土") == []


def test_list_page_and_api_search_within_scope(users, projects, org_b):
    foreign = make_project(make_user(Role.APPLICANT, "xinan-pi", organisation=org_b), org_b,
                           status=State.RECOMMENDED, title="新安轴承检测平台")
    client = Client()
    client.force_login(users[Role.COUNTY])  # 涧西区: org_a's projects, not 新安县's
    page = client.get(reverse("projects:project_list"), {"q": "轴承"})
    assert [p.title for p in page.context["table"].data] == [TEXTS["bearing"][0]]
    api = client.get("/api/projects/", {"q": "轴承"}).json()
    assert [row["title"] for row in api["results"]] == [TEXTS["bearing"][0]]
    client.force_login(users[Role.LEADER])
    page = client.get(reverse("projects:project_list"), {"q": "轴承"})
    assert [p.title for p in page.context["table"].data] == [foreign.title, TEXTS["bearing"][0]]


@sqlite_only
def test_lost_triggers_are_restored_and_the_index_rebuilt(projects):
    # SQLite's schema editor rebuilds a table for many migrations, dropping its triggers.
    with connection.cursor() as cursor:
        for name in ("projects_project_fts_ai", "projects_project_fts_au"):
            cursor.execute(f"DROP TRIGGER {name}")
    bearing = projects["bearing"]
    bearing.title = "高速列车轴承"
    bearing.save()
    assert "高速列车轴承" not in found("列车")
    search_index.ensure_all(using="default")
    assert found("列车") == ["高速列车轴承"]
    assert found("关键技术") == []  # the old title is gone from the index
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'projects_project'")
        assert {name for (name,) in cursor.fetchall()} >= {"projects_project_fts_ai", "projects_project_fts_au"}


def test_the_search_works_inside_a_subquery(projects):
    # A subquery renames the table (U0 …): the stored vector must follow the rename.
    inner = search(Project.objects.all(), "轴承").values("pk")
    assert list(Project.objects.filter(pk__in=inner).values_list("title", flat=True)) == [TEXTS["bearing"][0]]


@sqlite_only
def test_sqlite_joins_the_index_and_reads_it_in_the_lists_order(projects):
    # Not `id IN (every match)`: a word in every row would read them all before the first page.
    sql = str(search(Project.objects.all(), "技术").query)
    assert "INNER JOIN" in sql and " IN (SELECT" not in sql
    assert sql.endswith(f'ORDER BY "{search_index.fts_table(Project._meta.db_table)}"."rowid" DESC')
    oldest_first = search(Project.objects.order_by("id"), "技术")
    assert list(oldest_first.values_list("title", flat=True)) == [TEXTS["bearing"][0], TEXTS["battery"][0]]


def test_another_order_than_the_key_is_kept(projects):
    by_title = search(Project.objects.order_by("title"), "技术")
    assert list(by_title.values_list("title", flat=True)) == sorted([TEXTS["bearing"][0], TEXTS["battery"][0]])


def test_postgresql_reads_the_stored_vector_under_the_index(projects):
    sql = str(search(Project.objects.all(), "轴承").query)
    if connection.vendor == "postgresql":
        assert f'"{search_index.SEARCH_VECTOR}" @@' in sql and "to_tsvector" not in sql
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                           [search_index.gin_index(Project._meta.db_table)])
            assert search_index.SEARCH_VECTOR in cursor.fetchone()[0]
    else:
        assert search_index.SEARCH_VECTOR not in sql
