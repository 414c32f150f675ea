"""Counts of search results read at most `SEARCH_COUNT_CAP` + 1 matches.

A word found in every abstract (研究 in 200,000 projects) made the list count every match exactly,
which took longer than the page itself. As search engines do, a search counts exactly up to the
cap and beyond it says "more than N" (`count_exact` False): the count is never shown as exact when
it is not, and the pages go on up to the cap. A list without a search term counts exactly, as before.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django_tables2.rows import BoundRows
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .search import search_terms


def count_cap(query: str | None) -> int | None:
    """The cap on the count of a list filtered by this search text; None when it searches nothing."""
    return settings.SEARCH_COUNT_CAP if search_terms(query or "") else None


def _queryset(object_list: Any) -> QuerySet | None:
    if isinstance(object_list, BoundRows):  # django-tables2 hands the paginator the table's rows
        object_list = getattr(object_list.data, "data", None)
    return object_list if isinstance(object_list, QuerySet) else None


class CappedCountPaginator(Paginator):
    """django.core.paginator.Paginator whose count stops at `count_cap` (None: counts everything)."""

    def __init__(self, object_list, per_page, *args, count_cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_cap = count_cap

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        queryset = _queryset(self.object_list)
        if self.count_cap is None or queryset is None:
            return super().count, True
        # Unordered, so that the database stops at the first cap + 1 matches of whatever plan is cheapest.
        found = queryset.order_by()[: self.count_cap + 1].count()
        return min(found, self.count_cap), found <= self.count_cap

    @property
    def count(self) -> int:
        return self._counted[0]

    @property
    def count_exact(self) -> bool:
        return self._counted[1]


class CappedPagination(PageNumberPagination):
    """The API's pages: `count` is capped as on the list pages while `q` searches, and
    `count_exact` says whether it is the exact number of results."""

    django_paginator_class = CappedCountPaginator

    def paginate_queryset(self, queryset, request, view=None):
        self.django_paginator_class = functools.partial(
            type(self).django_paginator_class, count_cap=count_cap(request.query_params.get("q"))
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "count_exact": self.page.paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            "Number of results. While `q` searches, counted up to SEARCH_COUNT_CAP only: "
            "then `count_exact` is false and there are more than `count` results (pages go up to the cap)."
        )
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "example": True,
            "description": "False when `count` is the search cap, not the number of results.",
        }
        response["required"] = [*response.get("required", []), "count_exact"]
        return response
