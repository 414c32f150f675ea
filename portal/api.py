"""The public read-only API: the same lists as the pages and downloads, unauthenticated and
paginated, under /api/public/<list>/."""

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from . import lists


def _viewset(spec: lists.PublicList) -> type:
    class PublicListViewSet(viewsets.ViewSet):
        permission_classes = [AllowAny]
        authentication_classes: list = []  # anonymous by design: no session, so no CSRF either
        schema = None  # rows are dicts of the list's declared columns, not a model serializer

        def list(self, request):
            paginator = self.paginator_class()
            page = paginator.paginate_queryset(spec.filtered(request.query_params), request, view=self)
            response = paginator.get_paginated_response([spec.row(obj) for obj in page])
            response.data["licence"] = str(lists.LICENCE)
            return response

    from rest_framework.settings import api_settings

    PublicListViewSet.paginator_class = api_settings.DEFAULT_PAGINATION_CLASS
    PublicListViewSet.__name__ = f"Public{spec.slug.title().replace('-', '')}ViewSet"
    return PublicListViewSet


def register(router) -> None:
    for spec in lists.LISTS:
        router.register(f"public/{spec.slug}", _viewset(spec), basename=f"public-{spec.slug}")


