"""Chinese full-text search: jieba segments the text once at save time into `search_text`.

On PostgreSQL the segmented text is matched as a `simple` tsvector (GIN-indexable); on SQLite
each query word must appear as a whole token: through the FTS5 index of a model that declares
`search_indexed` (core.search_index), else by a LIKE scan. Either way 科技局 finds 洛阳市科技局 but
技局 does not.
"""

import concurrent.futures
import concurrent.futures.process
import functools
import logging
import math
import multiprocessing
import re
from pathlib import Path

from django.db import connection, models
from django.db.models import Q

from .search_index import SEARCH_VECTOR

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"


@functools.cache
def _tokenizer():
    """jieba's tokenizer with the user dictionary. jieba is imported here, not at the top: with
    pkg_resources it is ~80 ms of every process's start (gunicorn workers, `assign_solve`), and
    most processes never segment a word."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with USER_DICT.open("rb") as words:  # given a path, jieba leaves the file open
        tokenizer.load_userdict(words)
    return tokenizer


# jieba cuts a text run by run (Chinese characters, letters and digits) and each run on its own:
# segmenting the runs one by one gives the same words, and the runs repeat far more than whole
# texts do (one organisation's name in each of its project summaries). The pattern is
# jieba.re_han_default's (a test keeps them equal), written here so that importing this module
# does not import jieba.
_RUN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)


@functools.lru_cache(maxsize=100_000)
def segment(text: str) -> tuple[str, ...]:
    """Search-engine segmentation: long words and their parts, lower-cased, punctuation dropped.

    HMM guessing of unknown words is off, at indexing and at query time alike: it makes the two
    disagree on rare names and costs most of the time. Titles, disciplines and places repeat a
    great deal, hence the caches."""
    return tuple(word for run in _RUN.split(text or "") if run for word in _segment_run(run))


@functools.lru_cache(maxsize=100_000)
def _segment_run(run: str) -> tuple[str, ...]:
    words = _cut_for_search(run) if _RUN.fullmatch(run) else _tokenizer().cut_for_search(run, HMM=False)
    return tuple(w.lower() for w in (w.strip() for w in words) if w and any(ch.isalnum() for ch in w))


_ENG = re.compile("[a-zA-Z0-9]")


@functools.cache
def _log_total() -> float:
    return math.log(_tokenizer().total)


def _cut_for_search(run: str) -> list[str]:
    """`cut_for_search(run, HMM=False)` for one run of `_RUN`: jieba's own steps (the word graph,
    the most probable route, single letters and digits joined, then the 2- and 3-character words
    inside long words) with the same dictionary and the same arithmetic, so the same words, in
    about half the time. Segmenting 100,000 distinct patent titles was a third of an import
    (issue 16); a test compares the two."""
    freq = _tokenizer().FREQ
    found = []
    for word in _cut(run):  # jieba.Tokenizer.cut_for_search
        if len(word) > 2:
            found.extend(gram for i in range(len(word) - 1) if freq.get(gram := word[i : i + 2]))
        if len(word) > 3:
            found.extend(gram for i in range(len(word) - 2) if freq.get(gram := word[i : i + 3]))
        found.append(word)
    return found


def _cut(run: str) -> list[str]:
    """jieba's __cut_DAG_NO_HMM: the words of the most probable route, single letters and digits joined."""
    ends = _route(run)
    words, letters, at = [], "", 0
    while at < len(run):
        word = run[at : ends[at] + 1]
        at += len(word)
        if len(word) == 1 and _ENG.match(word):
            letters += word
            continue
        if letters:
            words.append(letters)
            letters = ""
        words.append(word)
    if letters:
        words.append(letters)
    return words


def _route(run: str) -> list[int]:
    """jieba's get_DAG and calc in one pass: where the most probable word starting at each
    position ends. max() over (score, end) there: a tie goes to the longer word, as here."""
    freq = _tokenizer().FREQ
    size = len(run)
    best_score, best_end = [0.0] * (size + 1), [0] * (size + 1)
    for start in range(size - 1, -1, -1):
        best, end, found = _score(run[start]) + best_score[start + 1], start, False
        stop, fragment = start, run[start]
        while stop < size and fragment in freq:
            if freq[fragment]:
                score = _score(fragment) + best_score[stop + 1]
                if not found or score >= best:
                    best, end, found = score, stop, True
            stop += 1
            fragment = run[start : stop + 1]
        best_score[start], best_end[start] = best, end
    return best_end


@functools.lru_cache(maxsize=200_000)
def _score(word: str) -> float:
    return math.log(_tokenizer().FREQ.get(word) or 1) - _log_total()


def document(*parts: str) -> str:
    tokens = [token for part in parts if part for token in segment(part)]
    return " " + " ".join(dict.fromkeys(tokens)) + " "


class SearchableModel(models.Model):
    search_fields: tuple[str, ...] = ()
    # True when a migration builds the model's index (core.search_index): big tables only, a
    # small one is scanned as fast as an index is read. Such a model also maps its FTS5 table
    # (SQLite) as an unmanaged model whose one-to-one to it is named `search_row`.
    search_indexed: bool = False
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        parts = self.search_parts()
        if self.__dict__.get("_segmented_parts") != parts:  # else segmented already (SegmentingProcess)
            self.search_text = document(*parts)

    def search_parts(self) -> tuple[str, ...]:
        return tuple(str(getattr(self, f) or "") for f in self.search_fields)


def _documents(texts: list[tuple[str, ...]]) -> list[str]:
    return [document(*parts) for parts in texts]


class SegmentingProcess:
    """Search texts of many new records segmented by a second process while this one goes on
    (an import validates its next chunk meanwhile): segmenting is pure Python, a tenth of a large
    import, and the server has another core. `add(records)` sends their texts; `apply()` sets each
    record's search_text, which its refresh_search_text() then keeps, as long as the record's
    searched fields still say what was segmented. Used as a context manager (the process ends)."""

    def __init__(self):
        # Forked before the dictionary is loaded, if it is not yet: the child loads it, this process goes on.
        context = multiprocessing.get_context("fork")
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
        self._pending: list[tuple[list[SearchableModel], list[tuple[str, ...]], concurrent.futures.Future]] = []

    def __enter__(self) -> "SegmentingProcess":
        return self

    def __exit__(self, *exc_info) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, records: list[SearchableModel]) -> None:
        texts = [record.search_parts() for record in records]
        try:
            future = self._pool.submit(_documents, texts)
        except concurrent.futures.process.BrokenProcessPool:
            return  # the process died: these records are left to refresh_search_text(), as in apply()
        self._pending.append((records, texts, future))

    def apply(self) -> None:
        """Sets the texts segmented; if the process died, the records are left to refresh_search_text()."""
        for records, texts, future in self._pending:
            try:
                documents = future.result()
            except concurrent.futures.process.BrokenProcessPool:
                break
            for record, parts, text in zip(records, texts, documents, strict=True):
                record.search_text, record._segmented_parts = text, parts
        self._pending.clear()


class _SimpleTsVector(models.Func):
    """to_tsvector('simple', search_text) exactly as the GIN index of the migrations spells it
    (Django's SearchVector wraps the column in COALESCE, which no index matches)."""

    function = "to_tsvector"
    template = "to_tsvector('simple'::regconfig, %(expressions)s)"

    @property
    def output_field(self):
        from django.contrib.postgres.search import SearchVectorField

        return SearchVectorField()


class _StoredVector(models.Expression):
    """The stored `search_vector` column of an indexed model (PostgreSQL, core.search_index), which
    the model does not declare. It is written as search_text's own column reference with the
    column name changed, so the table alias follows the query (a subquery renames it U0 …)."""

    def __init__(self):
        super().__init__()
        self.text = models.F("search_text")

    @property
    def output_field(self):
        from django.contrib.postgres.search import SearchVectorField

        return SearchVectorField()

    def get_source_expressions(self):
        return [self.text]

    def set_source_expressions(self, expressions):
        (self.text,) = expressions

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.text)
        text_column = connection.ops.quote_name("search_text")
        return sql[: -len(text_column)] + connection.ops.quote_name(SEARCH_VECTOR), params


def search_terms(query: str) -> list[str]:
    """The words a search text looks for (none for punctuation or blanks only)."""
    words = ("".join(ch for ch in word if ch.isalnum()).lower() for word in _tokenizer().cut(query or "", HMM=False))
    return [w for w in dict.fromkeys(words) if w]


def search(queryset: models.QuerySet, query: str) -> models.QuerySet:
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        tsquery = SearchQuery(" & ".join(terms), config="simple", search_type="raw")
        indexed = getattr(queryset.model, "search_indexed", False)
        return queryset.alias(_sv=_StoredVector() if indexed else _SimpleTsVector("search_text")).filter(_sv=tsquery)
    if getattr(queryset.model, "search_indexed", False):
        return _fts_filter(queryset, terms)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=f" {term} ")
    return queryset.filter(condition)


# A list in key order reads the index in that order: FTS5 hands its rows by rowid (the model's id),
# so the first page of a word in every row reads 25 of them, not all (BENCHMARKS.md, Search).
_KEY_ORDER = {"id": "search_row", "pk": "search_row", "-id": "-search_row", "-pk": "-search_row"}


def _fts_filter(queryset: models.QuerySet, terms: list[str]) -> models.QuerySet:
    """Rows whose index holds every term, through the model's `search_row` (an unmanaged model of
    the FTS5 table, joined on rowid). The terms are letters and digits only; quoted, FTS5 reads
    each as one token (never as an operator such as AND, NEAR or a column filter)."""
    match = " ".join(f'"{term}"' for term in terms)
    found = queryset.filter(search_row__search_text__match=match)
    query = queryset.query
    ordering = query.order_by or (queryset.model._meta.ordering if query.default_ordering else ())
    if len(ordering) == 1 and ordering[0] in _KEY_ORDER:
        found = found.order_by(_KEY_ORDER[ordering[0]])
    return found
