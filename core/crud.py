"""Declarative registries: one `Registry` spec gives a record type its list (with filters and Excel
export), detail, add/edit, delete, Excel import, API viewset and workflow-action endpoint, all built
on core's generic views and API base classes. Any app whose lists differ only in their model, form,
FilterSet, columns and predicates declares them this way (registries, ip, and the apps after them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

import django_tables2 as tables
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core import views as generic
from core.api import FormBackedViewSet
from core.money import is_money, wan, wan_label
from core.permissions import require
from core.schema import CommentSerializer, action_endpoint
from core.workflow import available_actions
from core.xlsx import Column


def never(*args: Any) -> bool:
    return False


def code_of(attr: str) -> Callable[[Any], str]:
    """Export a related organisation by its credit code, a region by its code: what an import reads."""

    def accessor(obj: Any) -> str:
        related = getattr(obj, attr)
        if related is None:
            return ""
        return related.credit_code if hasattr(related, "credit_code") else related.code

    return accessor


def model_columns(model: type[models.Model], *entries: str | Column) -> list[Column]:
    """A sheet's columns in order; a field's name stands for the column headed by its verbose name."""
    return [e if isinstance(e, Column) else Column(model._meta.get_field(e).verbose_name, e) for e in entries]


@dataclass
class Registry:
    slug: str  # url-name stem: "platform" → platform_list, platform_detail …
    filterset_class: type
    # Excel export and import, in this order; a field's name stands for its column (`model_columns`).
    columns: list[Column | str]
    model: type[models.Model] | None = None  # default: the FilterSet's model
    can_view: Callable[[Any], bool] | None = None  # default: the app's `permissions.can_view`
    detail_fields: list[str] = field(default_factory=list)  # default: the form's fields
    # The list's columns, the first linked; default: the fields of `columns`.
    table_fields: list[str] = field(default_factory=list)
    # Without a form and a save the register is read-only: no add/edit pages (reference data).
    form_class: type | None = None
    save: Callable[..., models.Model] | None = None
    # One predicate for who adds, edits and deletes, where the three are the same (a register the
    # bureau keeps); a `can_add`, `can_edit` or `can_delete` given beside it wins for its action.
    kept_by: Callable[..., bool] | None = None
    can_add: Callable[[Any], bool] | None = None  # default: kept_by, else never
    can_edit: Callable[[Any, Any], bool] | None = None
    can_delete: Callable[[Any, Any], bool] | None = None
    delete: Callable[..., None] | None = None
    can_import: Callable[[Any], bool] = never
    # Who may open the list, when it is narrower than who may open a record they can see
    # (the directory: a PI opens their own organisation, not the list of all). Default: can_view.
    can_list: Callable[[Any], bool] | None = None
    # The sheet an import reads, when it differs from the export (e.g. a record referred to by id).
    import_columns: list[Column | str] | None = None
    unique: tuple[str, ...] = ()
    # Extra form kwargs shared by all rows of one import (e.g. a set to catch duplicates that the
    # raw-text `unique` check misses because they are spelled differently).
    import_form_kwargs: Callable[[], dict] | None = None
    # (actor, forms) → the new records, written in batches: an import's faster `save` for records
    # whose save is a plain audited create (see `core.services.bulk_create_forms`).
    save_all: Callable[..., list] | None = None
    # Default: the foreign keys among `table_fields` (what the list shows of each row).
    select_related: tuple[str, ...] | None = None
    api_name: str = ""  # router prefix; defaults to slug + "s"
    url_segment: str = ""  # the URL's path segment; defaults to slug
    table_class: type | None = None  # instead of `table_fields`, when columns need more (links, masks)
    per_page: int = 25
    detail_template: str = "core/registry_detail.html"
    related_template: str = ""  # the detail page's section of related records, fed by `extra_context`
    extra_context: Callable[[Any, Any], dict] | None = None
    # Adjusts the detail rows for the request: (request, obj, rows) → rows.
    detail_rows: Callable[[Any, Any, list], list] | None = None
    # Workflow: the table and the service that applies an action (actor, obj, action, comment).
    transitions: dict | None = None
    apply_action: Callable[..., models.Model] | None = None
    title: Any = ""
    app: str = ""  # the URL namespace; default: the model's app

    def __post_init__(self) -> None:
        self.model = self.model or self.filterset_class._meta.model
        self.app = self.app or self.model._meta.app_label
        if self.can_view is None:
            self.can_view = import_module(f"{self.model._meta.app_label}.permissions").can_view
        kept_by = self.kept_by or never  # what the spec says of add, edit or delete itself wins
        self.can_add, self.can_edit, self.can_delete = (
            self.can_add or kept_by, self.can_edit or kept_by, self.can_delete or kept_by
        )
        self.columns = model_columns(self.model, *self.columns)
        if self.import_columns is not None:
            self.import_columns = model_columns(self.model, *self.import_columns)
        if not self.detail_fields:
            self.detail_fields = list(self.form_class._meta.fields)
        if not self.table_fields and not self.table_class:
            self.table_fields = [column.field for column in self.columns]
        if self.select_related is None:
            self.select_related = tuple(name for name in self.table_fields if self._is_foreign_key(name))

    def _is_foreign_key(self, name: str) -> bool:
        model_field = self.model._meta.get_field(name)
        return bool(model_field.many_to_one or model_field.one_to_one)

    def name(self, suffix: str) -> str:
        return f"{self.app}:{self.slug}_{suffix}"

    @property
    def list_title(self) -> Any:
        return self.title or self.model._meta.verbose_name_plural

    def nav_entry(self) -> tuple:
        """The register in the menu (`core.navigation.section`): its list, for whom may open it."""
        return (self.list_title, self.name("list"), self.can_list or self.can_view)


class WanColumn(tables.Column):
    """Shows yuan as 万元 (the export keeps exact yuan)."""

    def render(self, value):
        return wan(value)


def _table_class(spec: Registry) -> type[tables.Table]:
    first = spec.table_fields[0]
    attrs: dict[str, Any] = {first: tables.Column(linkify=True)}
    for name in spec.table_fields[1:]:
        field = spec.model._meta.get_field(name)
        if is_money(field):
            attrs[name] = WanColumn(verbose_name=wan_label(field.verbose_name))
    meta = type(
        "Meta",
        (),
        {
            "model": spec.model,
            "fields": spec.table_fields,
            "attrs": {"class": "table table-sm table-hover", "id": f"{spec.slug}-table"},
        },
    )
    return type(f"{spec.model.__name__}Table", (tables.Table,), {**attrs, "Meta": meta})


def _list_view(spec: Registry) -> type:
    class ListView(generic.ObjectListView):
        filterset_class = spec.filterset_class
        table_class = spec.table_class or _table_class(spec)
        export_columns = spec.columns
        title = spec.list_title
        can_view = staticmethod(spec.can_list or spec.can_view)
        can_add = staticmethod(spec.can_add)
        per_page = spec.per_page
        add_url_name = spec.name("add")
        import_url_name = spec.name("import") if spec.can_import is not never else ""
        select_related = spec.select_related

    return ListView


def _detail_view(spec: Registry) -> type:
    class DetailView(generic.ObjectDetailView):
        model = spec.model
        template_name = spec.detail_template
        fields = spec.detail_fields
        can_edit = staticmethod(spec.can_edit)
        can_delete = staticmethod(spec.can_delete)
        edit_url_name = spec.name("edit") if spec.save else ""
        delete_url_name = spec.name("delete") if spec.delete else ""
        transitions = spec.transitions

        def get_object(self, request, pk):
            if not spec.can_view(request.user):
                raise PermissionDenied
            return super().get_object(request, pk)

        def get_fields(self, request, obj):
            rows = super().get_fields(request, obj)
            return spec.detail_rows(request, obj, rows) if spec.detail_rows else rows

        def extra_context(self, request, obj):
            context = {"action_url_name": spec.name("action")}
            if spec.related_template:
                context["related_template"] = spec.related_template
            if spec.transitions:
                context["actions"] = available_actions(obj, spec.transitions, request.user)
            if spec.extra_context:
                context.update(spec.extra_context(request, obj))
            return context

    return DetailView


def _edit_view(spec: Registry) -> type:
    class EditView(generic.ObjectEditView):
        model = spec.model
        form_class = spec.form_class
        can_add = staticmethod(spec.can_add)
        can_edit = staticmethod(spec.can_edit)
        save = staticmethod(spec.save)

        def get_instance(self, request, pk):
            require(spec.can_view(request.user))  # no access to the register at all: 403, as on the list
            return super().get_instance(request, pk)

    return EditView


def _delete_view(spec: Registry) -> type:
    class DeleteView(generic.ObjectDeleteView):
        model = spec.model
        can_delete = staticmethod(spec.can_delete)
        delete = staticmethod(spec.delete)
        success_url_name = spec.name("list")

        def get_object(self, request, pk):
            require(spec.can_view(request.user))
            return super().get_object(request, pk)

    return DeleteView


def _import_view(spec: Registry) -> type:
    class ImportView(generic.ObjectImportView):
        columns = spec.import_columns or spec.columns
        form_class = spec.form_class
        can_import = staticmethod(spec.can_import)
        save = staticmethod(spec.save)
        save_all = staticmethod(spec.save_all) if spec.save_all else None
        unique = spec.unique
        title = spec.list_title
        list_url_name = spec.name("list")

        @classmethod
        def form_kwargs(cls, user) -> dict:
            shared = spec.import_form_kwargs() if spec.import_form_kwargs else {}
            return {**super().form_kwargs(user), **shared}

    return ImportView


def _action_view(spec: Registry) -> type:
    class ActionView(generic.ServiceActionView):
        """POST one workflow action; the service checks state, permission and writes the log."""

        model = spec.model
        success_message = gettext_lazy("已办理。Done.")

        def get_object(self, request, pk):
            require(spec.can_view(request.user))
            return super().get_object(request, pk)

        def run(self, request, obj):
            name = self.kwargs["name"]
            rules = [rule for (_state, action), rule in spec.transitions.items() if action == name]
            if not rules:
                raise Http404
            # Whoever may never take this action is told so (403) whatever the record's state.
            require(any(rule.allowed(request.user, obj) for rule in rules))
            spec.apply_action(request.user, obj, name, comment=request.POST.get("comment", ""))
            return obj

    return ActionView


def app_index(pattern_name: str):
    """The app's bare prefix (/rural/) opens its main list: people shorten a URL to go up a level,
    and a 404 there reads as a broken site."""
    return path("", RedirectView.as_view(pattern_name=pattern_name), name="index")


def record_paths(
    segment: str, stem: str, *, index=None, add=None, detail=None, edit=None, delete=None, import_=None, action=None
) -> list:
    """The usual pages of one kind of record, each left out when its view is not given:
    `<segment>/` <stem>_list, `add/` _add, `import/` _import, `<pk>/` _detail, `<pk>/edit/` _edit,
    `<pk>/delete/` _delete, `<pk>/action/` _action (a POST naming the action). An empty segment puts
    them at the root of the app's URLs."""
    base = f"{segment}/" if segment else ""
    pages = [("", index, "list"), ("add/", add, "add"), ("import/", import_, "import"),
             ("<int:pk>/", detail, "detail"), ("<int:pk>/edit/", edit, "edit"), ("<int:pk>/delete/", delete, "delete"),
             ("<int:pk>/action/", action, "action")]
    return [path(base + suffix, view.as_view(), name=f"{stem}_{page}") for suffix, view, page in pages if view]


def urlpatterns(specs: list[Registry]) -> list:
    result = []
    for spec in specs:
        edit = _edit_view(spec) if spec.save else None
        result += record_paths(
            spec.url_segment or spec.slug,
            spec.slug,
            index=_list_view(spec),
            add=edit,
            import_=_import_view(spec) if spec.can_import is not never else None,
            detail=_detail_view(spec),
            edit=edit,
            delete=_delete_view(spec) if spec.delete else None,
        )
        if spec.transitions:
            segment = spec.url_segment or spec.slug
            result.append(path(f"{segment}/<int:pk>/do/<slug:name>/", _action_view(spec).as_view(),
                               name=f"{spec.slug}_action"))
    return result


# --- API ------------------------------------------------------------------------


def _serializer_class(spec: Registry) -> type[serializers.ModelSerializer]:
    excluded = {"search_text"}
    names = ["id"] + [f.name for f in spec.model._meta.concrete_fields if f.name not in excluded | {"id"}]
    names += [f.name for f in spec.model._meta.many_to_many]
    # Read-only by use, not by Meta.read_only_fields: DRF drops allow_blank from read-only fields,
    # and the schema would then deny the blank a choice field may hold. Writes go through the form.
    meta = type("Meta", (), {"model": spec.model, "fields": names})
    return type(f"{spec.model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


def _viewset_class(spec: Registry) -> type:
    attrs: dict[str, Any] = {
        "queryset": spec.model.objects.all(),
        "serializer_class": _serializer_class(spec),
        "filterset_class": spec.filterset_class,
        "queryset_select_related": spec.select_related,
        "can_view": staticmethod(spec.can_view),
        "can_add": staticmethod(spec.can_add),
        "form_class": spec.form_class,
        "save": staticmethod(spec.save),
        "delete": staticmethod(spec.delete or _no_delete),
    }
    if spec.transitions:

        names = [action_name for (_state, action_name) in spec.transitions]

        @action_endpoint(names, CommentSerializer, attrs["serializer_class"])
        @action(detail=True, methods=["post"], url_path=r"do/(?P<name>[a-z_]+)")
        def do(self, request, pk=None, name=""):
            obj = self.get_object()
            if name not in names:
                raise exceptions.NotFound()
            body = CommentSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            # The service's refusals become 403/400 in core.exceptions.
            obj = spec.apply_action(request.user, obj, name, comment=body.validated_data.get("comment", ""))
            return Response(self.get_serializer(obj).data)

        attrs["do"] = do
    return type(f"{spec.model.__name__}ViewSet", (FormBackedViewSet,), attrs)


def _no_delete(actor, obj) -> None:
    raise PermissionDenied


def register_api(router, specs: list[Registry]) -> None:
    for spec in specs:
        prefix = spec.api_name or f"{spec.app}/{spec.slug}s"
        router.register(prefix, _viewset_class(spec), basename=f"{spec.app}-{spec.slug}")
