"""The achievement registry (a `Registry` spec), and the officer's list of accepted projects whose
results are still to be registered."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.crud import Registry, code_of, model_columns
from core.permissions import require
from core.views import ServiceActionView
from core.xlsx import Column
from projects.models import Project

from . import permissions, queries, services, workflow
from .filters import AchievementFilterSet
from .forms import AchievementForm
from .models import Achievement

COLUMNS = model_columns(
    Achievement,
    "title", "kind", "field", "maturity",
    Column(_("完成单位信用代码"), "owner", code_of("owner")),
    "completers", "summary", "keywords", "registered_on", "open_for_transfer", "transferee", "transfer_amount",
)

ACHIEVEMENTS = Registry(
    slug="achievement",
    form_class=AchievementForm,
    filterset_class=AchievementFilterSet,
    columns=["number", *COLUMNS, "status", "transferred_on"],
    import_columns=COLUMNS,
    table_fields=["title", "number", "owner", "field", "status", "registered_on", "transferred_on"],
    detail_fields=[
        "number", "title", "kind", "field", "maturity", "owner", "completers", "project", "summary", "keywords",
        "registered_on", "open_for_transfer", "status", "transferee", "transfer_amount", "transferred_on",
    ],
    can_add=permissions.can_add,
    can_edit=permissions.can_edit,
    save=services.save_achievement,
    can_import=permissions.can_manage,
    transitions=workflow.TRANSFER_TRANSITIONS,
    apply_action=services.act_on_achievement,
    title=_("科技成果登记"),
)
REGISTRIES = [ACHIEVEMENTS]


class PendingProjectsView(LoginRequiredMixin, View):
    """Accepted projects whose achievement is not registered yet, each with a 登记 button."""

    def get(self, request):
        require(permissions.can_manage(request.user))
        page = Paginator(queries.accepted_unregistered(request.user), 50).get_page(request.GET.get("page"))
        return render(request, "achievements/pending.html", {"title": _("待登记成果的验收项目"), "page": page})


class RegisterFromProjectView(ServiceActionView):
    model = Project
    success_message = _("成果已登记。The achievement is registered.")

    def next_url(self, obj, result=None) -> str:
        if isinstance(result, Achievement):
            return result.get_absolute_url()
        return reverse("achievements:pending")

    def run(self, request, obj):
        return services.register_from_project(request.user, obj)
