"""Pages of an application's parts (team, budget, targets, achievements), the two search
endpoints behind the partner and team pickers, and the call's publish/close buttons."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import Role
from core.permissions import get_visible_or_404, require
from core.views import ServiceActionView, form_error

from . import permissions as perms
from . import services
from .application_forms import AchievedForm, BudgetForm, CallActionForm, RemoveForm, TargetForm, TeamMemberForm
from .models import Call, Project

SEARCH_LIMIT = 20  # a picker shows the best few; the user types more to narrow
MIN_QUERY = 2


def _query(request) -> str:
    return request.GET.get("q", "").strip()[:60]


class OrganisationSearchView(LoginRequiredMixin, View):
    """Partner organisations by name or credit code (JSON, at most SEARCH_LIMIT rows)."""

    def get(self, request):
        from directory.models import Organisation

        require(request.user.has_role(Role.APPLICANT, Role.ORG_ADMIN, Role.OFFICER, Role.ADMIN))
        q = _query(request)
        if len(q) < MIN_QUERY:
            return JsonResponse({"results": []})
        rows = Organisation.objects.filter(Q(name__icontains=q) | Q(credit_code__istartswith=q)).order_by("name")
        return JsonResponse({"results": [{"id": o.pk, "text": f"{o.name}（{o.credit_code}）"}
                                         for o in rows.only("pk", "name", "credit_code")[:SEARCH_LIMIT]]})


class PersonSearchView(LoginRequiredMixin, View):
    """People by name for the team picker of one application: only its PI, while it is editable,
    gets at most SEARCH_LIMIT names with organisation and title (no contact or ID data)."""

    def get(self, request, pk):
        project = get_visible_or_404(Project, request.user, pk=pk)
        require(perms.can_edit_application(request.user, project))
        q = _query(request)
        if len(q) < MIN_QUERY:
            return JsonResponse({"results": []})
        rows = services.team_candidates(project).filter(name__icontains=q).order_by("name")[:SEARCH_LIMIT]
        return JsonResponse({"results": [
            {"id": p.pk, "text": f"{p.name}（{p.organisation.name}{'，' + p.title if p.title else ''}）"} for p in rows
        ]})


# Each part's POST lands back on the project's page (ServiceActionView's next_url of the project).
class TeamAddView(ServiceActionView):
    model = Project
    form_class = TeamMemberForm
    success_message = gettext_lazy("已加入项目组。")

    def form_kwargs(self, project) -> dict:
        return {"candidates": services.team_candidates(project)}

    def run(self, request, project) -> None:
        services.add_team_member(request.user, project, **self.form.cleaned_data)


class TargetAddView(ServiceActionView):
    model = Project
    form_class = TargetForm
    success_message = gettext_lazy("考核指标已添加。")

    def run(self, request, project) -> None:
        services.add_target(request.user, project, **self.form.cleaned_data)


class PartRemoveView(ServiceActionView):
    """Remove the row of an application part (a team member, a target) that the form names."""

    model = Project
    form_class = RemoveForm
    rows: str  # the project's related name for the part
    field: str  # the form's field naming the row
    remove: Callable[..., None]

    def run(self, request, project) -> None:
        row = getattr(project, self.rows).filter(pk=self.form.cleaned_data[self.field] or 0).first()
        if row is None:
            raise form_error(self.form)
        type(self).remove(request.user, row)


class TeamRemoveView(PartRemoveView):
    rows, field = "team", "member"
    remove = staticmethod(services.remove_team_member)
    success_message = gettext_lazy("已移出项目组。")


class TargetRemoveView(PartRemoveView):
    rows, field = "targets", "target"
    remove = staticmethod(services.remove_target)
    success_message = gettext_lazy("考核指标已删除。")


class BudgetView(ServiceActionView):
    model = Project
    form_class = BudgetForm
    success_message = gettext_lazy("预算已保存。")

    def form_kwargs(self, project) -> dict:
        return {"project": project}

    def run(self, request, project) -> None:
        services.save_budget(request.user, project, self.form.lines())


class AchievedView(ServiceActionView):
    model = Project
    form_class = AchievedForm
    success_message = gettext_lazy("指标完成情况已保存。")

    def form_kwargs(self, project) -> dict:
        return {"project": project}

    def run(self, request, project) -> None:
        services.record_achieved(request.user, project, self.form.achieved())


class CallActionView(ServiceActionView):
    model = Call
    form_class = CallActionForm

    def run(self, request, call):
        data = self.form.cleaned_data
        return services.apply_call_action(request.user, call, data["action"], comment=data["comment"])

    def get_success_message(self, obj, result) -> str:
        return _("申报通知状态：%(state)s。") % {"state": result.get_status_display()}


def part_forms(user, project: Project) -> dict:
    """The application-part forms and tables the project page shows (context of its detail view)."""
    from django.urls import reverse

    editable = perms.can_edit_application(user, project)
    return {
        "team_rows": services.team_rows(project),
        # A person's other projects are the officer's concern, not the applicant's.
        "show_concurrent": user.is_bureau_wide,
        "team_form": TeamMemberForm(search_url=reverse("projects:person_search", args=[project.pk]))
        if editable else None,
        "budget_form": BudgetForm(project=project) if editable else None,
        "target_form": TargetForm() if editable else None,
        "editable_parts": editable,
        "target_rows": services.target_comparison(project),
        "achieved_form": AchievedForm(project=project) if services.can_record_achieved(user, project) else None,
        "part_errors": services.application_problems(project) if editable else [],
    }

