"""Chinese full-text search: jieba segments the text once at save time into `search_text`.

On PostgreSQL the segmented text is matched as a `simple` tsvector (GIN-indexable); on SQLite
each query word must appear as a whole token. Either way 科技局 finds 洛阳市科技局 but 技局 does not.
"""

import functools
import logging
from pathlib import Path

import jieba
from django.db import connection, models
from django.db.models import Q

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
jieba.setLogLevel(logging.WARNING)


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def segment(text: str) -> list[str]:
    """Search-engine segmentation: long words and their parts, lower-cased, punctuation dropped."""
    words = _tokenizer().cut_for_search(text or "")
    return [w.lower() for w in (w.strip() for w in words) if w and any(ch.isalnum() for ch in w)]


def document(*parts: str) -> str:
    tokens = segment(" ".join(p for p in parts if p))
    return " " + " ".join(dict.fromkeys(tokens)) + " "


class SearchableModel(models.Model):
    search_fields: tuple[str, ...] = ()
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        self.search_text = document(*(str(getattr(self, f) or "") for f in self.search_fields))


def search(queryset: models.QuerySet, query: str) -> models.QuerySet:
    words = ("".join(ch for ch in word if ch.isalnum()).lower() for word in _tokenizer().cut(query or ""))
    terms = [w for w in dict.fromkeys(words) if w]
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        tsquery = SearchQuery(" & ".join(terms), config="simple", search_type="raw")
        return queryset.annotate(_sv=SearchVector("search_text", config="simple")).filter(_sv=tsquery)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=f" {term} ")
    return queryset.filter(condition)
