"""Generic views in the NetBox manner: each app's views.py declares its model, FilterSet, table,
form and service functions; these classes give every list, detail, edit, delete and import page
the same permissions, audit, export, pagination and empty states."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.forms import Form
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_tables2 import RequestConfig

from . import audit, xlsx
from .display import yes_no
from .exceptions import REFERENCE_ERRORS, references_text
from .filters import AuditEntryFilterSet
from .models import AuditEntry, Job
from .money import is_money, wan, wan_label
from .paging import CappedCountPaginator, count_cap
from .permissions import get_visible_or_404, require
from .tables import AuditEntryTable
from .uploads import check_upload
from .workflow import status_history

Predicate = Callable[..., bool]


def always(*args: Any) -> bool:
    return True


class ObjectListView(LoginRequiredMixin, View):
    filterset_class: Any
    table_class: Any
    export_columns: list[xlsx.Column] = []
    template_name = "core/object_list.html"
    title = ""
    can_view: Predicate = staticmethod(always)
    can_add: Predicate = staticmethod(lambda user: False)
    add_url_name = ""
    import_url_name = ""
    per_page = 25
    select_related: tuple[str, ...] = ()  # what the table shows of each row's related records, in one query
    paginator_class = CappedCountPaginator  # a list may fetch its pages differently (projects.paging)

    @property
    def model(self) -> type[models.Model]:
        """The FilterSet's model: a list is the records its filters narrow."""
        return self.filterset_class._meta.model

    def get_queryset(self, request):
        queryset = self.model.objects.visible_to(request.user)
        # select_related() with no names would follow every foreign key
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def get(self, request):
        require(type(self).can_view(request.user))
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(request), request=request)
        queryset = filterset.qs
        if request.GET.get("export") == "xlsx" and self.export_columns:
            return xlsx.export_response(
                request.user, queryset.iterator(chunk_size=2000), self.export_columns,
                str(self.title or self.model._meta.verbose_name_plural),
                note=request.GET.urlencode(),
            )
        table = self.table_class(queryset)
        RequestConfig(request, paginate={"per_page": self.per_page, "paginator_class": self.paginator_class,
                                         "count_cap": count_cap(request.GET.get("q"))}).configure(table)
        context = {
            "title": self.title or self.model._meta.verbose_name_plural,
            "filterset": filterset,
            "table": table,
            "can_add": type(self).can_add(request.user),
            "add_url_name": self.add_url_name,
            "import_url_name": self.import_url_name if type(self).can_add(request.user) else "",
            "exportable": bool(self.export_columns),
            "querystring": request.GET.urlencode(),
        }
        return render(request, self.template_name, context)


class ObjectDetailView(LoginRequiredMixin, View):
    model: type[models.Model]
    template_name = "core/object_detail.html"
    fields: list[str] = []
    can_edit: Predicate = staticmethod(lambda user, obj: False)
    can_delete: Predicate = staticmethod(lambda user, obj: False)
    edit_url_name = ""
    delete_url_name = ""
    transitions: dict | None = None  # the lifecycle table, whose labels the history tab shows

    def get_object(self, request, pk):
        return get_visible_or_404(self.model, request.user, pk=pk)

    def get_fields(self, request, obj) -> list[tuple[str, Any]]:
        result = []
        for name in self.fields:
            field = obj._meta.get_field(name)
            if is_money(field):  # every page shows money in 万元 (DESIGN.md rule 4)
                result.append((wan_label(field.verbose_name), wan(getattr(obj, name))))
                continue
            display = getattr(obj, f"get_{name}_display", None)
            result.append((field.verbose_name, yes_no(display() if callable(display) else getattr(obj, name))))
        return result

    def extra_context(self, request, obj) -> dict:
        return {}

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        tab = request.GET.get("tab", "detail")
        context = {
            "object": obj,
            "title": str(obj),
            "tab": tab,
            "fields": self.get_fields(request, obj),
            "can_edit": type(self).can_edit(request.user, obj),
            "can_delete": type(self).can_delete(request.user, obj),
            "edit_url_name": self.edit_url_name,
            "delete_url_name": self.delete_url_name,
            "history": audit.history(obj)[:200] if tab == "history" else None,
            "status_log": status_history(obj, self.transitions) if tab == "history" else None,
            **self.extra_context(request, obj),
        }
        return render(request, self.template_name, context)


class ObjectEditView(LoginRequiredMixin, View):
    """Create (pk None) or edit. `save(actor, form, instance)` is the app's service call."""

    model: type[models.Model]
    form_class: type[Form]
    template_name = "core/object_edit.html"
    can_add: Predicate = staticmethod(lambda user: False)
    can_edit: Predicate = staticmethod(lambda user, obj: False)
    save: Callable[..., models.Model]

    def __init_subclass__(cls, **kwargs):
        """Its model is its form's (an edit page edits what its form saves), unless it names one."""
        super().__init_subclass__(**kwargs)
        form_meta = getattr(getattr(cls, "form_class", None), "_meta", None)
        if "model" not in cls.__dict__ and getattr(form_meta, "model", None) is not None:
            cls.model = form_meta.model

    def get_form_kwargs(self, request, instance) -> dict:
        return {"user": request.user}

    def get_instance(self, request, pk):
        if pk is None:
            require(type(self).can_add(request.user))
            return None
        obj = get_visible_or_404(self.model, request.user, pk=pk)
        require(type(self).can_edit(request.user, obj))
        return obj

    def save_object(self, request, form, instance) -> models.Model:
        return type(self).save(request.user, form, instance)

    def render_form(self, request, form, instance, status: int = 200):
        title = (_("编辑：%s") % instance) if instance else (_("新建%s") % self.model._meta.verbose_name)
        return render(request, self.template_name, {"form": form, "object": instance, "title": title}, status=status)

    def get(self, request, pk=None):
        instance = self.get_instance(request, pk)
        return self.render_form(request, self.form_class(instance=instance, **self.get_form_kwargs(request, instance)),
                                instance)

    def post(self, request, pk=None):
        instance = self.get_instance(request, pk)
        kwargs = self.get_form_kwargs(request, instance)
        form = self.form_class(request.POST, request.FILES, instance=instance, **kwargs)
        if form.is_valid():
            try:
                obj = self.save_object(request, form, instance)
            except ValidationError as exc:
                add_refusal(form, exc)
            else:
                messages.success(request, _("已保存。Saved."))
                return redirect(obj.get_absolute_url())
        return self.render_form(request, form, instance, status=400)  # refused, as ServiceFormView


class ObjectDeleteView(LoginRequiredMixin, View):
    model: type[models.Model]
    can_delete: Predicate = staticmethod(lambda user, obj: False)
    delete: Callable[..., None]
    success_url_name = ""
    template_name = "core/object_delete.html"

    def get_object(self, request, pk):
        obj = get_visible_or_404(self.model, request.user, pk=pk)
        require(type(self).can_delete(request.user, obj))
        return obj

    def get(self, request, pk):
        obj = self.get_object(request, pk)
        return render(request, self.template_name, {"object": obj, "title": _("删除：%s") % obj})

    def post(self, request, pk):
        obj = self.get_object(request, pk)
        try:
            type(self).delete(request.user, obj)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
            return redirect(obj.get_absolute_url())
        except REFERENCE_ERRORS as exc:
            messages.error(request, references_text(exc))
            return redirect(obj.get_absolute_url())
        messages.success(request, _("已删除。Deleted."))
        return redirect(self.success_url_name)


class ObjectImportView(LoginRequiredMixin, View):
    """Upload a sheet; all rows are validated with the edit form; any bad row → nothing written.

    A small sheet is imported in the request and its errors shown at once; a big one becomes a
    Job for the task worker, whose page shows the progress."""

    columns: list[xlsx.Column]
    form_class: type[Form]
    can_import: Predicate = staticmethod(lambda user: False)
    save: Callable[..., models.Model]
    save_all: Callable[..., list] | None = None  # the batched save, see core.services.bulk_create_forms
    unique: tuple[str, ...] = ()
    title = ""
    list_url_name = ""
    template_name = "core/object_import.html"
    _registry: dict[str, type["ObjectImportView"]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        ObjectImportView._registry[cls.key()] = cls

    @classmethod
    def key(cls) -> str:
        return f"{cls.__module__}.{cls.__qualname__}:{cls.list_url_name}"

    @classmethod
    def registered(cls, key: str) -> type["ObjectImportView"]:
        if key not in cls._registry:
            from django.urls import get_resolver

            get_resolver().url_patterns  # noqa: B018 - importing the URLconf imports every view module
        return cls._registry[key]

    @classmethod
    def form_kwargs(cls, user) -> dict:
        """The kwargs of every row's form, for the page and for the task worker alike."""
        return {"user": user}

    def get(self, request):
        require(type(self).can_import(request.user))
        if request.GET.get("template"):
            return xlsx.template_response(self.columns, str(self.title))
        return render(request, self.template_name, {"title": self.title, "columns": self.columns})

    def post(self, request):
        require(type(self).can_import(request.user))
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择要导入的 Excel 文件。Choose an Excel file."))
            return redirect(request.path)
        if upload.size > settings.BACKGROUND_IMPORT_BYTES:
            return self.start_job(request, upload)
        result = xlsx.import_rows(
            request.user, upload, self.columns, self.form_class, type(self).save,
            label=str(self.title), form_kwargs=self.form_kwargs(request.user), unique=self.unique,
            save_all=self.save_all,
        )
        if result.ok:
            messages.success(request, _("已导入 %(n)s 行。Imported %(n)s rows.") % {"n": result.created})
            return redirect(self.list_url_name)
        context = {"title": self.title, "columns": self.columns, "errors": result.errors}
        return render(request, self.template_name, context, status=400)

    def start_job(self, request, upload):
        from .tasks import run_import

        try:
            check_upload(upload, allowed=("xlsx",))
        except ValidationError as exc:
            context = {"title": self.title, "columns": self.columns, "errors": exc.messages}
            return render(request, self.template_name, context, status=400)
        job = Job.objects.create(kind=type(self).key(), label=str(self.title), owner=request.user, file=upload)
        run_import.enqueue(job.pk)
        return redirect("core:job", job.pk)


class JobView(LoginRequiredMixin, View):
    """A job's progress; htmx polls the fragment every second until the job has finished."""

    def get(self, request, pk):
        job = get_object_or_404(Job, pk=pk, owner=request.user)
        template = "core/_job.html" if request.htmx else "core/job.html"
        return render(request, template, {"job": job, "title": job.label})


def error_text(exc: Exception) -> str:
    """The one way a refused action is told to the user: every message of the error, joined."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def posted_action(request) -> tuple[str, str]:
    """The action a detail page's button names and the comment typed beside it (a service's
    `action, comment` arguments)."""
    return request.POST.get("action", ""), request.POST.get("comment", "")


def form_error(form: Form) -> ValidationError:
    return ValidationError([str(e) for errors in form.errors.values() for e in errors])


class ServiceOutcome:
    """What follows a service call that went through, for ServiceActionView and ServiceFormView:
    the success message, and the page to land on (the record the call returned, else the page's)."""

    success_message = ""

    def get_success_message(self, obj, result) -> str:
        return str(self.success_message or _("已完成。Done."))

    def next_url(self, obj, result=None) -> str:
        return (result if isinstance(result, models.Model) else obj).get_absolute_url()


class ServiceActionView(ServiceOutcome, LoginRequiredMixin, View):
    """POST → the object (404 outside scope) → optional form → `run(request, obj)`, a service
    call → message → redirect. The one base for every button or small form on a detail page.

    With `form_class` set, the bound form (given `form_kwargs(obj)`, e.g. the record its choices
    depend on) is `self.form` inside `run`; an invalid form is reported like a refused service call.
    PermissionDenied and Http404 propagate; a ValidationError becomes an error message and nothing
    is written.
    """

    model: type[models.Model]
    form_class: type[Form] | None = None
    form: Form | None = None

    def run(self, request, obj) -> Any:  # pragma: no cover - each view defines it
        raise NotImplementedError

    def get_queryset(self, request):
        return self.model.objects

    def get_object(self, request, pk):
        return get_visible_or_404(self.get_queryset(request), request.user, pk=pk)

    def form_kwargs(self, obj) -> dict:
        return {}

    def post(self, request, pk, **kwargs):
        obj = self.get_object(request, pk)
        try:
            if self.form_class is not None:
                self.form = self.form_class(request.POST, request.FILES, **self.form_kwargs(obj))
                if not self.form.is_valid():
                    raise form_error(self.form)
            result = self.run(request, obj)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect(self.next_url(obj))
        messages.success(request, self.get_success_message(obj, result))
        return redirect(self.next_url(obj, result))


def add_refusal(form: Form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names where the form has that field,
    else above the form (a service may name a model field the form does not show)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ServiceFormView(ServiceOutcome, LoginRequiredMixin, View):
    """A page with a form whose POST is one service call: GET shows the form; POST binds it and
    `run(request, obj, form)` calls the service → message → redirect. An invalid form or a refused
    call shows the page again with the errors on the form (status 400), so nothing typed is lost.

    ServiceActionView's counterpart for forms of several fields. `get_object` finds the page's record
    and checks who may open it (None for a page with no record); PermissionDenied and Http404 propagate.
    """

    form_class: type[Form]
    template_name: str
    title = ""

    def get_object(self, request, pk=None) -> Any:
        return None

    def form_kwargs(self, request, obj) -> dict:
        return {}

    def get_initial(self, request, obj) -> dict:
        return {}

    def get_context(self, request, obj, form) -> dict:
        return {}

    def run(self, request, obj, form) -> Any:  # pragma: no cover - each view defines it
        raise NotImplementedError

    def refused_status(self, exc: ValidationError) -> int:
        return 400

    def get(self, request, pk=None):
        obj = self.get_object(request, pk)
        form = self.form_class(initial=self.get_initial(request, obj), **self.form_kwargs(request, obj))
        return self.render_page(request, obj, form)

    def post(self, request, pk=None):
        obj = self.get_object(request, pk)
        form = self.form_class(request.POST, request.FILES, **self.form_kwargs(request, obj))
        status = 400
        if form.is_valid():
            try:
                result = self.run(request, obj, form)
            except ValidationError as exc:
                add_refusal(form, exc)
                status = self.refused_status(exc)
            else:
                messages.success(request, self.get_success_message(obj, result))
                return redirect(self.next_url(obj, result))
        return self.render_page(request, obj, form, status=status)

    def render_page(self, request, obj, form, status: int = 200):
        context = {"title": self.title, "form": form, **self.get_context(request, obj, form)}
        return render(request, self.template_name, context, status=status)


class AuditLogView(ObjectListView):
    """The supervisor's (and admin's) view of the whole log."""

    model = AuditEntry
    filterset_class = AuditEntryFilterSet
    table_class = AuditEntryTable
    title = gettext_lazy("审计日志")
    per_page = 50
    export_columns = [
        xlsx.Column(gettext_lazy("编号"), "id"),
        xlsx.Column(gettext_lazy("时间"), "timestamp"),
        xlsx.Column(gettext_lazy("用户"), "user_repr"),
        xlsx.Column(gettext_lazy("操作"), "action"), xlsx.Column(gettext_lazy("对象"), "object_repr"),
        xlsx.Column(gettext_lazy("变更前"), "before", lambda e: str(e.before or "")),
        xlsx.Column(gettext_lazy("变更后"), "after", lambda e: str(e.after or "")),
        xlsx.Column(gettext_lazy("请求号"), "request_id"), xlsx.Column(gettext_lazy("哈希"), "entry_hash"),
    ]

    @staticmethod
    def can_view(user) -> bool:
        return user.has_role("admin", "supervisor")

    def get_queryset(self, request):
        return self.model.objects.select_related("content_type")


class InboxView(LoginRequiredMixin, View):
    def get(self, request):
        page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
        return render(request, "core/inbox.html", {"page": page, "title": _("站内通知")})

    def post(self, request):
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("core:inbox")


class TodoView(LoginRequiredMixin, View):
    """The one 待办 list: what waits for this user's decision in every app, each linked to its action."""

    def get(self, request):
        from .todo import todo_groups

        return render(request, "core/todo.html", {"todo_groups": todo_groups(request.user), "title": _("待办事项")})


class NotificationPreferenceView(LoginRequiredMixin, View):
    """Which events come by e-mail too (the inbox gets everything)."""

    def get(self, request):
        from .forms import NotificationPreferenceForm

        form = NotificationPreferenceForm(initial={"email_events": NotificationPreferenceForm.current(request.user)})
        return render(request, "core/notification_preferences.html", {"form": form, "title": _("通知设置")})

    def post(self, request):
        from .forms import NotificationPreferenceForm
        from .services import save_notification_preference

        form = NotificationPreferenceForm(request.POST)
        if not form.is_valid():
            return render(request, "core/notification_preferences.html", {"form": form, "title": _("通知设置")})
        save_notification_preference(request.user, request.user, form.cleaned_data["email_events"])
        messages.success(request, _("通知设置已保存。Your notification settings are saved."))
        return redirect("core:notification_preferences")
