"""Pages: the generic list/detail/edit views of core, plus the lifecycle buttons and side forms."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.roles import Role
from core import views as generic
from core.crud import code_of, model_columns
from core.forms import YearForm
from core.money import wan
from core.permissions import get_visible_or_404, require
from core.views import ServiceActionView, posted_action
from core.workflow import available_actions
from core.xlsx import Column

from . import permissions as perms
from . import queries, services
from . import workflow as wf
from .application_views import part_forms
from .filters import CallFilterSet, ProgramFilterSet, ProjectFilterSet
from .forms import (
    PROGRAM_DESCRIPTION,
    PROGRAM_RULES,
    ActionForm,
    ApplicationPageForm,
    AttachmentForm,
    CallForm,
    ChangeRequestForm,
    DisbursementForm,
    HistoricalProjectForm,
    LeaderForm,
    OutcomeForm,
    ProgramForm,
    ReportForm,
    ScoreForm,
    TaskbookForm,
)
from .models import Call, ChangeRequest, Program, Project
from .paging import KeysFirstPaginator
from .tables import CallTable, ProgramTable, ProjectTable

# What a list row shows besides the project itself.
ROW_RELATIONS = ("program", "applicant_org", "pi")
# What the project page shows of its relations: read in the project's own query, not one each.
DETAIL_RELATIONS = ("program", "call", "applicant_org", "pi", "leader", "division")

PROJECT_COLUMNS = model_columns(
    Project,
    "number", "title",
    Column(gettext_lazy("计划类别"), "program", lambda p: p.program.name),
    "year", "field",
    Column(gettext_lazy("承担单位信用代码"), "applicant_org", code_of("applicant_org")),
    Column(gettext_lazy("项目负责人"), "pi_name", lambda p: p.pi_name or str(p.pi or "")),
    "status", "approved_funding", "start_date", "end_date",
)


class ProjectListView(generic.ObjectListView):
    filterset_class = ProjectFilterSet
    table_class = ProjectTable
    export_columns = PROJECT_COLUMNS
    title = gettext_lazy("科技计划项目")
    can_add = staticmethod(perms.can_import)
    import_url_name = "projects:project_import"
    paginator_class = KeysFirstPaginator

    def get_queryset(self, request):
        # Prefetch, not join: SQLite then sorts the page on the status index alone (see BENCHMARKS.md).
        return super().get_queryset(request).prefetch_related(*ROW_RELATIONS)


class MyApplicationsView(ProjectListView):
    title = gettext_lazy("我的申报与项目")
    can_view = staticmethod(lambda user: user.has_role(Role.APPLICANT))
    can_add = staticmethod(lambda user: False)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pi=request.user)


class WorkQueueView(ProjectListView):
    title = gettext_lazy("待我处理")
    can_add = staticmethod(lambda user: False)

    def get_queryset(self, request):
        queue = queries.work_queue(request.user).order_by("status_changed_at", "id")
        return queue.prefetch_related(*ROW_RELATIONS)


class ProjectDetailView(generic.ObjectDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    fields = [
        "number",
        "title",
        "program",
        "call",
        "year",
        "field",
        "status",
        *Project.responsible_fields,
        "summary",
        "goals",
        "start_date",
        "end_date",
        "review_score",
        "notice_end",
        "feedback",
    ]
    can_edit = staticmethod(perms.can_edit_application)
    edit_url_name = "projects:application_edit"

    def get_object(self, request, pk):
        return get_visible_or_404(Project.objects.select_related(*DETAIL_RELATIONS), request.user, pk=pk)

    def extra_context(self, request, obj):
        user = request.user
        from core.models import Attachment

        return {
            "money": [
                (_("申请资助"), wan(obj.requested_funding)),
                (_("自筹"), wan(obj.self_funding)),
                (_("拟资助"), wan(obj.proposed_funding)),
                (_("批准资助"), wan(obj.approved_funding)),
            ],
            "actions": [(a, rule, wf.inputs_of(rule)) for a, rule in available_actions(obj, wf.TRANSITIONS, user)],
            "action_form": ActionForm(),
            "score_form": ScoreForm()
            if obj.status == wf.State.EXPERT_REVIEW and perms.can_record_score(user, obj)
            else None,
            "taskbook_form": TaskbookForm()
            if obj.status == wf.State.APPROVED and perms.can_edit_taskbook(user, obj)
            else None,
            "disbursement_form": DisbursementForm()
            if obj.status in services.EXECUTING_STATES and perms.can_disburse(user, obj)
            else None,
            "report_form": ReportForm()
            if obj.status in services.EXECUTING_STATES and perms.can_report(user, obj)
            else None,
            "outcome_form": OutcomeForm() if obj.status in services.OUTCOME_STATES and perms.is_pi(user, obj) else None,
            "change_form": ChangeRequestForm()
            if obj.status in wf.CHANGEABLE_STATES and perms.is_pi(user, obj)
            else None,
            "attachment_form": AttachmentForm() if perms.can_edit_application(user, obj) else None,
            "can_decide_change": perms.can_decide_change(user, obj),
            "leader_form": LeaderForm(initial={"leader": obj.leader_id, "division": obj.division_id})
            if obj.program.is_major_special and user.has_role(Role.ADMIN, Role.LEADER)
            else None,
            "attachments": Attachment.objects.of(obj),
            "log": generic.status_history(obj, wf.TRANSITIONS),
            "budget_lines": obj.budget_lines.all(),
            "milestones": obj.milestones.all(),
            "disbursements": obj.disbursements.all(),
            "reports": obj.reports.all(),
            "outcomes": obj.outcomes.all(),
            "objections": obj.objections.all(),
            "change_requests": obj.change_requests.all(),
            **part_forms(user, obj),
        }


class ProjectPostView(ServiceActionView):
    """The forms posted from a project's detail page; `run` returns the message to show."""

    model = Project
    form_class = ActionForm

    def get_success_message(self, obj, result) -> str:
        return result


class ProjectActionView(ProjectPostView):
    def run(self, request, project):
        action = self.form.cleaned_data["action"]
        project = services.apply_action(
            request.user, project, action, comment=self.form.cleaned_data["comment"], **self.form.inputs()
        )
        return _("已执行：%(action)s，当前状态：%(state)s。") % {
            "action": wf.Action(action).label,
            "state": project.get_status_display(),
        }


class ScoreView(ProjectPostView):
    form_class = ScoreForm

    def run(self, request, project):
        data = self.form.cleaned_data
        services.record_review_score(request.user, project, data["score"], data["comment"])
        return _("评审分数已录入。")


class TaskbookView(ProjectPostView):
    form_class = TaskbookForm

    def run(self, request, project):
        services.save_taskbook(
            request.user,
            project,
            goals=self.form.cleaned_data["goals"],
            budget=self.form.budget(),
            milestones=self.form.cleaned_data["milestones"],
        )
        return _("任务书已保存。")


class DisbursementView(ProjectPostView):
    form_class = DisbursementForm

    def run(self, request, project):
        services.record_disbursement(request.user, project, **self.form.cleaned_data)
        return _("拨款已登记。")


class ReportView(ProjectPostView):
    form_class = ReportForm

    def run(self, request, project):
        services.submit_report(request.user, project, **self.form.cleaned_data)
        return _("报告已提交。")


class OutcomeView(ProjectPostView):
    form_class = OutcomeForm

    def run(self, request, project):
        services.record_outcome(request.user, project, **self.form.cleaned_data)
        return _("成果已登记。")


class ChangeRequestView(ProjectPostView):
    form_class = ChangeRequestForm

    def run(self, request, project):
        services.request_change(request.user, project, **self.form.cleaned_data)
        return _("变更申请已提交。")


class AttachmentView(ProjectPostView):
    form_class = AttachmentForm

    def run(self, request, project):
        data = self.form.cleaned_data
        services.add_attachment(request.user, project, purpose=data["purpose"], upload=data["file"])
        return _("附件已上传。")


class LeaderAssignView(ProjectPostView):
    """分工负责: the responsible leader and division of a major special project."""

    form_class = LeaderForm

    def run(self, request, project):
        data = self.form.cleaned_data
        services.assign_leader(request.user, project, data["leader"], data["division"])
        return _("已指定分管局领导。")


class ChangeDecisionView(ServiceActionView):
    model = ChangeRequest
    success_message = gettext_lazy("变更申请已处理。")

    def get_object(self, request, pk):
        return get_object_or_404(ChangeRequest, pk=pk, project__in=Project.objects.visible_to(request.user))

    def next_url(self, obj, result=None) -> str:
        return obj.project.get_absolute_url()

    def run(self, request, change):
        action, comment = posted_action(request)
        services.decide_change(request.user, change, action, comment=comment)


class ApplicationEditView(generic.ObjectEditView):
    """A PI creates an application from an open call, or edits a draft."""

    form_class = ApplicationPageForm
    can_edit = staticmethod(perms.can_edit_application)

    template_name = "projects/application_edit.html"

    def dispatch(self, request, *args, call_pk=None, **kwargs):
        # A draft call is invisible outside the bureau (404), as on every other page.
        self.call = get_visible_or_404(Call, request.user, pk=call_pk) if call_pk and request.user.is_authenticated \
            else None
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, form, instance, status: int = 200):
        call = self.call or (instance.call if instance else None)
        title = _("申报书：%(call)s") % {"call": call} if call else _("申报书")
        context = {"form": form, "object": instance, "title": title, "call": call}
        return render(request, self.template_name, context, status=status)

    def get_instance(self, request, pk):
        if pk is None:
            require(perms.can_create_application(request.user))
            if not self.call.is_open():
                raise PermissionDenied(_("申报通知不在开放期内。The call is not open."))
            return None
        return super().get_instance(request, pk)

    def save_object(self, request, form, instance) -> Project:
        return services.save_application_form(request.user, form, instance, call=self.call)


class ProjectImportView(generic.ObjectImportView):
    columns = PROJECT_COLUMNS
    form_class = HistoricalProjectForm
    can_import = staticmethod(perms.can_import)
    save = staticmethod(services.import_historical)
    unique = ("number",)
    title = gettext_lazy("历史项目")
    list_url_name = "projects:project_list"


class ApprovedDocxView(LoginRequiredMixin, View):
    """The approved-project list as a Word document for the official notice (立项通知)."""

    def get(self, request):
        from .documents import approved_list_docx

        require(request.user.has_role(Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR))
        filterset = ProjectFilterSet(request.GET, queryset=Project.objects.visible_to(request.user), request=request)
        return approved_list_docx(request.user, filterset.qs)


# --- programs and calls -----------------------------------------------------------------


class ProgramListView(generic.ObjectListView):
    filterset_class = ProgramFilterSet
    table_class = ProgramTable
    export_columns = model_columns(Program, "code", "name")
    can_add = staticmethod(perms.can_manage_programs)
    add_url_name = "projects:program_add"


class ProgramDetailView(generic.ObjectDetailView):
    model = Program
    template_name = "projects/program_detail.html"
    fields = [*PROGRAM_DESCRIPTION, "fields", "required_attachments", *PROGRAM_RULES, "county_quotas", "active"]
    can_edit = staticmethod(lambda user, obj: perms.can_manage_programs(user))
    edit_url_name = "projects:program_edit"

    def extra_context(self, request, obj):
        return {"funding": (wan(obj.funding_min), wan(obj.funding_max)), "calls": obj.calls.all()[:20]}


class ProgramEditView(generic.ObjectEditView):
    form_class = ProgramForm
    can_add = staticmethod(perms.can_manage_programs)
    can_edit = staticmethod(lambda user, obj: perms.can_manage_programs(user))
    save = staticmethod(services.save_program_form)


class CallListView(generic.ObjectListView):
    filterset_class = CallFilterSet
    table_class = CallTable
    export_columns = model_columns(Call, "title", "year", "opens_at", "closes_at")
    can_add = staticmethod(perms.can_manage_programs)
    add_url_name = "projects:call_add"
    select_related = ("program",)


class CallDetailView(generic.ObjectDetailView):
    model = Call
    template_name = "projects/call_detail.html"
    fields = ["title", "program", "status", "year", "guide", "opens_at", "closes_at", "default_quota", "published_at"]
    can_edit = staticmethod(lambda user, obj: perms.can_manage_programs(user))
    edit_url_name = "projects:call_edit"
    transitions = wf.CALL_TRANSITIONS

    def extra_context(self, request, obj):
        return {
            "is_open": obj.is_open(),
            "can_apply": perms.can_create_application(request.user) and obj.is_open(),
            "call_actions": available_actions(obj, wf.CALL_TRANSITIONS, request.user),
        }


class CallEditView(generic.ObjectEditView):
    form_class = CallForm
    can_add = staticmethod(perms.can_manage_programs)
    can_edit = staticmethod(lambda user, obj: perms.can_manage_programs(user))
    save = staticmethod(services.save_call_form)


# --- leader page and analytics ----------------------------------------------------------


class LeaderPageView(LoginRequiredMixin, View):
    """A leader's major special projects (分工负责) with their overdue steps."""

    def get(self, request):
        require(request.user.has_role(Role.LEADER, Role.ADMIN))
        rows = queries.LEADER_PAGE_ROWS
        projects = queries.leader_projects(request.user).order_by("status_changed_at", "id")
        context = {
            "title": _("我分管的重大专项"),
            "projects": projects[:rows],
            "project_count": projects.count(),
            "overdue_milestones": queries.overdue_milestones(request.user)[:rows],
            "overdue_reports": queries.overdue_reports(request.user)[:rows],
            "rows": rows,
        }
        return render(request, "projects/leader.html", context)


class AnalyticsView(LoginRequiredMixin, View):
    def get(self, request):
        require(request.user.has_role(Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR))
        form = YearForm(request.GET)
        year = form.year_or(timezone.localdate().year)
        calls = Call.objects.filter(year=year).select_related("program")
        context = {
            "title": _("立项周期分析"),
            "form": form,
            "year": year,
            "rows": queries.cycle_report(calls),
            "check": queries.first_half_check(year),
            "states": dict(wf.State.choices),
            "today": timezone.localdate(),
        }
        return render(request, "projects/analytics.html", context)
