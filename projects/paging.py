"""Pages of the project lists fetched in two steps: the page's primary keys first, then those rows.

A filter that the database answers with several indexes (a county's region OR its own projects,
a set of states OR no division) gives it every match unsorted, and it sorts them all before the
LIMIT. Sorting keys is cheap; sorting whole rows (title, summary, search text …) is not. The
second query reads 25 rows by primary key, in the order of the first, so the cost no longer grows
with the number of matches and the queries stay as many, whatever the page size.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django_tables2.rows import BoundRows

from core.paging import CappedCountPaginator, CappedPagination


def rows_by_keys(page: QuerySet) -> list:
    """The rows of a sliced queryset, in its order, fetched by their primary keys."""
    keys = list(page.prefetch_related(None).values_list("pk", flat=True))
    found = page.model._default_manager.filter(pk__in=keys).prefetch_related(*page._prefetch_related_lookups)
    found.query.select_related = page.query.select_related
    rows = {row.pk: row for row in found}
    return [rows[key] for key in keys if key in rows]


class KeysFirstPaginator(CappedCountPaginator):
    """core.paging.CappedCountPaginator whose pages are fetched by rows_by_keys (django-tables2
    hands it a table's BoundRows, the API a queryset)."""

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, BoundRows) and isinstance(object_list.data, QuerySet):
            object_list = BoundRows(rows_by_keys(object_list.data), object_list.table, object_list.pinned_data)
        elif isinstance(object_list, QuerySet):
            object_list = rows_by_keys(object_list)
        return super()._get_page(object_list, number, paginator)


class KeysFirstPagination(CappedPagination):
    django_paginator_class = KeysFirstPaginator
