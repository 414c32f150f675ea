"""API: one viewset per register (same FilterSet, form and service as the pages)."""

from core.crud import register_api

from .views import REGISTRIES


def register(router) -> None:
    register_api(router, REGISTRIES)
