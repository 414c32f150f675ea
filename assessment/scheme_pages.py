"""The officer's pages for a draft scheme: add, edit and delete its indicator groups, indicators
and veto items (the scheme's own page lists them with the links). One set of views per row type,
made by `part_views`; every write is `services.save_scheme_part` / `delete_scheme_part`."""

from django.urls import path
from django.utils.translation import gettext as _

from core import views as generic
from core.permissions import get_visible_or_404, require

from . import permissions, services
from .forms import GroupForm, IndicatorForm, VetoItemForm
from .models import Indicator, IndicatorGroup, Scheme, VetoItem


def _check_may_edit(user, scheme: Scheme) -> None:
    require(permissions.can_manage(user))  # the wrong role: 403
    # The right role, a scheme past its draft: 403 saying why (and what to do instead).
    require(scheme.is_draft, _("方案已用于考核，不能再修改；请复制为新版本后修改。"
                               "The scheme is in use by an assessment; copy it to a new version to change it."))


def _editable(model, request, pk):
    obj = get_visible_or_404(model, request.user, pk=pk)
    _check_may_edit(request.user, obj.scheme_of())
    return obj


def part_views(model, form_class) -> tuple[type, type, type]:
    class EditView(generic.ObjectEditView):
        save = staticmethod(services.save_scheme_part)
        can_edit = staticmethod(permissions.can_edit_part)

        def get_instance(self, request, pk):
            return _editable(self.model, request, pk)

        def get_form_kwargs(self, request, instance) -> dict:
            return {"user": request.user, "scheme": self.scheme(instance)}

        def scheme(self, instance) -> Scheme:
            return instance.scheme_of()

    EditView.model, EditView.form_class = model, form_class

    class AddView(EditView):
        def get(self, request, scheme_pk):
            return super().get(request)

        def post(self, request, scheme_pk):
            return super().post(request)

        def scheme(self, instance) -> Scheme:
            return get_visible_or_404(Scheme, self.request.user, pk=self.kwargs["scheme_pk"])

        def get_instance(self, request, pk):
            _check_may_edit(request.user, self.scheme(None))
            return None

    class DeleteView(generic.ObjectDeleteView):
        delete = staticmethod(services.delete_scheme_part)
        can_delete = staticmethod(permissions.can_edit_part)

        def get_object(self, request, pk):
            obj = _editable(self.model, request, pk)
            self.success_url_name = obj.get_absolute_url()  # back to the scheme
            return obj

    DeleteView.model = model
    return AddView, EditView, DeleteView


PARTS = {"group": (IndicatorGroup, GroupForm), "indicator": (Indicator, IndicatorForm),
         "veto": (VetoItem, VetoItemForm)}


def urlpatterns() -> list:
    result = []
    for slug, (model, form_class) in PARTS.items():
        add, edit, delete = part_views(model, form_class)
        result += [
            path(f"schemes/<int:scheme_pk>/{slug}s/add/", add.as_view(), name=f"{slug}_add"),
            path(f"schemes/{slug}s/<int:pk>/edit/", edit.as_view(), name=f"{slug}_edit"),
            path(f"schemes/{slug}s/<int:pk>/delete/", delete.as_view(), name=f"{slug}_delete"),
        ]
    return result
