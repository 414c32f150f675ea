"""The public read-only API: the same lists as the pages and downloads, unauthenticated and
paginated by cursor (next/previous links, no total count), under /api/public/<list>/."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.schema import AutoSchema

from . import keyset, lists


def _link(request, name: str, cursor: str) -> str | None:
    """Keyset pages (portal.keyset): no total count, a next and a previous link only."""
    if not cursor:
        return None
    other = "before" if name == "after" else "after"
    return replace_query_param(remove_query_param(request.build_absolute_uri(), other), name, cursor)


# A cell is text, a number or an ISO date (as text); amounts are exact decimal strings.
CELL = {"anyOf": [{"type": "string"}, {"type": "number"}], "nullable": True}
LINK = {"type": "string", "format": "uri", "nullable": True}


def _page_schema(spec: lists.PublicList) -> dict:
    """The page as the list declares it: rows are dicts of exactly its public columns."""
    row = {
        "type": "object",
        "properties": {col.key: {**CELL, "description": str(col.header)} for col in spec.columns},
        "required": [col.key for col in spec.columns],
    }
    return {
        "type": "object",
        "properties": {"next": LINK, "previous": LINK, "licence": {"type": "string"},
                       "results": {"type": "array", "items": row}},
        "required": ["next", "previous", "licence", "results"],
    }


def _parameters(spec: lists.PublicList) -> list[OpenApiParameter]:
    cursor = "游标（上一页/下一页链接给出）。Cursor from the previous/next link."
    parameters = [OpenApiParameter("after", OpenApiTypes.STR, description=cursor),
                  OpenApiParameter("before", OpenApiTypes.STR, description=cursor)]
    if spec.year_field:
        parameters.append(OpenApiParameter("year", OpenApiTypes.INT, description="年度。Year."))
    if spec.program_field:
        parameters.append(OpenApiParameter("program", OpenApiTypes.STR, description="计划类别代码。Programme code."))
    return parameters


class PageSchema(AutoSchema):
    """The 200 body is one page object (links, licence, rows), not a bare array of rows."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


def _viewset(spec: lists.PublicList) -> type:
    class PublicListViewSet(viewsets.ViewSet):
        permission_classes = [AllowAny]
        authentication_classes: list = []  # anonymous by design: no session, so no CSRF either
        schema = PageSchema()

        @extend_schema(parameters=_parameters(spec), responses={200: _page_schema(spec)}, filters=False,
                       summary=str(spec.title), description=str(lists.LICENCE))
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


