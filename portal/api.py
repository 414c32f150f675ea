"""The public read-only API: the same lists as the pages and downloads, unauthenticated and
paginated by cursor (next/previous links, no total count), under /api/public/<list>/."""

from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import keyset, lists


def _link(request, name: str, cursor: str) -> str | None:
    """Keyset pages (portal.keyset): no total count, a next and a previous link only."""
    if not cursor:
        return None
    other = "before" if name == "after" else "after"
    return replace_query_param(remove_query_param(request.build_absolute_uri(), other), name, cursor)


def _viewset(spec: lists.PublicList) -> type:
    class PublicListViewSet(viewsets.ViewSet):
        permission_classes = [AllowAny]
        authentication_classes: list = []  # anonymous by design: no session, so no CSRF either
        schema = None  # rows are dicts of the list's declared columns, not a model serializer

        def list(self, request):
            params = request.query_params
            page = keyset.paginate(spec.filtered(params), spec.order, after=params.get("after", ""),
                                   before=params.get("before", ""), size=api_settings.PAGE_SIZE)
            return Response({
                "next": _link(request, "after", page.next_cursor),
                "previous": _link(request, "before", page.previous_cursor),
                "licence": str(lists.LICENCE),
                "results": [spec.row(obj) for obj in page.rows],
            })

    PublicListViewSet.__name__ = f"Public{spec.slug.title().replace('-', '')}ViewSet"
    return PublicListViewSet


def register(router) -> None:
    for spec in lists.LISTS:
        router.register(f"public/{spec.slug}", _viewset(spec), basename=f"public-{spec.slug}")


