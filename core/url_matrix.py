"""The URL × role matrix (NetBox manner): every named URL, filled with real ids, requested as every
role and anonymously. See docs/CONVENTIONS.md, "URL matrix rows".

Each app declares its rows in ``<app>/tests/url_matrix.py``::

    from core.url_matrix import Row

    ROWS = [
        Row("directory:organisation_list"),
        Row("directory:organisation_detail", pk="directory.Organisation"),
        Row("organisation-detail", pk="directory.Organisation"),  # an /api/ route (DRF basename)
        Row("projects:project_action", pk="projects.Project", name="submit"),  # a literal kwarg
    ]

A kwarg whose value names a model ("app_label.Model") is filled with the id of a real object;
anything else is used as it is. The test (core/tests/test_url_matrix.py) collects ROWS from every
app in settings.LOCAL_APPS and fails, naming it, for any URL name without a row.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# The Django admin builds its own pages per model and guards them with is_staff; the matrix
# covers its entry point (core's rows) rather than every generated page.
IGNORED_NAMESPACES = ("admin",)


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: dict = field(default_factory=dict)
    public: bool = False  # anonymous users may see it (200)

    def __init__(self, url_name: str, /, *, public: bool = False, **kwargs):
        object.__setattr__(self, "name", url_name)
        object.__setattr__(self, "kwargs", kwargs)
        object.__setattr__(self, "public", public)

    def models(self) -> dict[str, type]:
        """kwarg → model class, for the kwargs that name a model."""
        found = {}
        for key, value in self.kwargs.items():
            if isinstance(value, str) and value.count(".") == 1 and value[0].isalpha():
                try:
                    found[key] = apps.get_model(value)
                except (LookupError, ValueError):
                    continue
        return found


def url_names() -> set[str]:
    """Every named URL pattern of the project (namespaced like reverse() wants them)."""
    return {name for name in _walk(get_resolver(), "") if name.split(":")[0] not in IGNORED_NAMESPACES}


def _walk(resolver: URLResolver, namespace: str) -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in IGNORED_NAMESPACES:
                continue
            yield from _walk(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def collect_rows(app_labels: list[str]) -> list[Row]:
    from importlib import import_module

    rows = []
    for label in app_labels:
        try:
            module = import_module(f"{label}.tests.url_matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{label}.tests.url_matrix", f"{label}.tests"):
                raise
            continue
        rows.extend(module.ROWS)
    return rows
