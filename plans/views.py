from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import views as generic
from core import xlsx
from core.crud import model_columns
from core.permissions import get_visible_or_404, require
from core.workflow import action_label, available_actions

from . import dashboard, permissions, services, sources
from .filters import IndicatorFilterSet, PlanFilterSet, WorkItemFilterSet
from .forms import (
    IndicatorForm,
    MilestoneForm,
    PlanImportForm,
    ProgressReportForm,
    ReviewFormSet,
    WorkItemForm,
    WorkItemNoteForm,
)
from .models import Indicator, Milestone, Plan, ProgressReport, WorkItem
from .tables import PlanTable, WorkItemTable
from .workflow import TRANSITIONS

SERIES_LABELS = {
    "actual": gettext_lazy("实际"),
    "expected": gettext_lazy("按进度应完成"),
    "forecast": gettext_lazy("年末预测"),
    "target": gettext_lazy("目标"),
    "stretch": gettext_lazy("力争"),
}


def _target_text(indicator: Indicator) -> str:
    if indicator.kind == Indicator.Kind.RANGE:
        return f"{_fmt(indicator.target_min)}–{_fmt(indicator.target_max)}"
    if indicator.kind == Indicator.Kind.KEEP_RANK:
        return indicator.unit
    if indicator.kind == Indicator.Kind.DEADLINE:
        return f"{indicator.deadline:%Y-%m-%d}" if indicator.deadline else ""
    return _fmt(indicator.target_value)


def _fmt(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)


DASHBOARD_COLUMNS = [
    xlsx.Column(gettext_lazy("编号"), "code", lambda r: r.indicator.code),
    xlsx.Column(gettext_lazy("指标"), "name", lambda r: r.indicator.name),
    xlsx.Column(gettext_lazy("类型"), "kind", lambda r: r.indicator.get_kind_display()),
    xlsx.Column(gettext_lazy("单位"), "unit", lambda r: r.indicator.unit),
    xlsx.Column(gettext_lazy("目标"), "target", lambda r: _target_text(r.indicator)),
    xlsx.Column(gettext_lazy("力争"), "stretch", lambda r: _num(r.indicator.stretch_target)),
    xlsx.Column(gettext_lazy("基数"), "baseline", lambda r: _num(r.indicator.baseline)),
    xlsx.Column(gettext_lazy("当前值"), "current", lambda r: _num(r.standing.current)),
    xlsx.Column(gettext_lazy("应完成"), "expected", lambda r: _num(r.standing.expected)),
    xlsx.Column(gettext_lazy("完成率%"), "percent", lambda r: _num(r.standing.percent)),
    xlsx.Column(gettext_lazy("状态"), "status", lambda r: str(dashboard.STATUS_LABELS[r.status])),
    xlsx.Column(gettext_lazy("年末预测"), "forecast", lambda r: _num(r.standing.forecast)),
    xlsx.Column(gettext_lazy("责任科室"), "division", lambda r: str(r.indicator.division or "")),
    xlsx.Column(gettext_lazy("分管领导"), "leader", lambda r: str(r.indicator.leader or "")),
    xlsx.Column(gettext_lazy("数据来源"), "source", lambda r: r.source_label or _("手工填报")),
]


def _num(value):
    return None if value is None else float(value)


class DashboardView(LoginRequiredMixin, View):
    """The home page: the year's indicators live, with charts, filters, export and print."""

    def get(self, request):
        if not permissions.can_view_plans(request.user):
            return render(request, "plans/welcome.html", {"title": _("首页")})
        plan = dashboard.chosen_plan(request.user, request.GET.get("plan"))
        if plan is None:
            context = {"title": _("年度工作要点"), "can_import": permissions.can_import_plan(request.user)}
            return render(request, "plans/dashboard_empty.html", context)
        day = dashboard.as_of_for(plan, dashboard.parse_day(request.GET.get("as_of")))
        filterset = IndicatorFilterSet(request.GET, queryset=dashboard.indicator_queryset(plan), request=request)
        rows = dashboard.rows_for(filterset.qs, request.user, day)
        if request.GET.get("export") == "xlsx":
            title = f"{plan.title} {day:%Y-%m-%d}"
            return xlsx.export_response(request.user, rows, DASHBOARD_COLUMNS, title, note=request.GET.urlencode())
        context = {
            "title": plan.title,
            "plan": plan,
            # A list: the year buttons (first 8) and the filter's choices read it without a query each.
            "plans": list(Plan.objects.visible_to(request.user)),
            "this_year": timezone.localdate().year,
            "day": day,
            "as_of": day.isoformat(),  # once, not a date filter on each row's link
            "filterset": filterset,
            "rows": rows,
            "summary": dashboard.summary(rows),
            # translated once, not once a row
            "status_labels": {key: str(label) for key, label in dashboard.STATUS_LABELS.items()},
            "chart_data": _chart_data(rows),
            "overdue": dashboard.overdue_milestones(plan, day)[:50],
            "querystring": request.GET.urlencode(),
            "has_mine": any(r.mine for r in rows),
        }
        template = "plans/dashboard_print.html" if request.GET.get("print") else "plans/dashboard.html"
        return render(request, template, context)


def _chart_data(rows) -> dict:
    return {
        "labels": {k: str(v) for k, v in dashboard.STATUS_LABELS.items()},
        "words": {"current": _("当前"), "expected": _("应完成"), "target": _("目标")},
        "summary": dashboard.summary(rows),
        "indicators": [
            {
                "id": r.indicator.pk,
                "code": r.indicator.code,
                "name": r.indicator.name,
                "short": r.short_name,
                "unit": r.indicator.unit,
                "current": _num(r.standing.current),
                "expected": _num(r.standing.expected),
                "target": _num(r.indicator.firm_target),
                "baseline": _num(r.indicator.baseline) if r.indicator.kind == Indicator.Kind.INCREASE_TO else 0,
                "percent": _num(r.standing.percent),
                "status": r.status,
            }
            for r in rows
        ],
    }


class IndicatorDetailView(generic.ServiceFormView):
    """The indicator beside its sentence, standing, series and records; the form files a manual
    progress report (with an optional evidence file), POSTed to ReportCreateView."""

    http_method_names = ["get", "head", "options"]
    form_class = ProgressReportForm
    template_name = "plans/indicator_detail.html"
    success_message = gettext_lazy("已填报。Progress recorded.")

    def get_object(self, request, pk=None) -> Indicator:
        indicators = Indicator.objects.select_related("plan", "division", "leader")
        indicator = get_visible_or_404(indicators, request.user, pk=pk)
        if request.method == "POST":
            require(permissions.can_report(request.user, indicator))
        return indicator

    def form_kwargs(self, request, indicator) -> dict:
        return {"indicator": indicator}

    def run(self, request, indicator, form) -> None:
        services.add_report(request.user, form, indicator)

    def get_context(self, request, indicator, form) -> dict:
        day = dashboard.as_of_for(indicator.plan, dashboard.parse_day(request.GET.get("as_of")))
        rows = dashboard.rows_for([indicator], request.user, day)
        records = dashboard.drill_down(indicator, request.user, day)
        if records is not None:
            records = _paged(records if records.ordered else records.order_by("pk"), request)
        reports = list(indicator.reports.select_related("reported_by"))
        return {
            "title": str(indicator),
            "object": indicator,
            "row": rows[0],
            "day": day,
            "status_labels": dashboard.STATUS_LABELS,
            "series": {**dashboard.series(indicator, day), "labels": SERIES_LABELS},
            "source": sources.find(indicator.source_key) if indicator.source_key else None,
            "records": records,
            "reports": [(r, services.evidence_of(r)) for r in reports],
            "report_form": form if permissions.can_report(request.user, indicator) else None,
            "can_edit": permissions.can_edit_indicator(request.user, indicator),
            "can_delete_report": permissions.can_delete_report(request.user, reports[0]) if reports else False,
            "highlight": _highlight(indicator),
        }


class ReportCreateView(IndicatorDetailView):
    http_method_names = ["post"]


class ReportDeleteView(generic.ServiceActionView):
    model = ProgressReport
    success_message = gettext_lazy("已删除。Deleted.")

    def get_queryset(self, request):
        return ProgressReport.objects.select_related("indicator")

    def run(self, request, report) -> None:
        services.delete_report(request.user, report)

    def next_url(self, report, result=None) -> str:
        return report.indicator.get_absolute_url()


def _paged(queryset, request, per_page: int = 50):
    """A page of the records in the queryset's order, found by their ids first: ordering ids reads a
    covering index, where ordering whole rows (43,000 patents of a year) reads every one of them."""
    page = Paginator(queryset.values_list("pk", flat=True), per_page).get_page(request.GET.get("page"))
    rows = queryset.order_by().in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    return page


def _highlight(indicator: Indicator) -> tuple[str, str, str] | None:
    """The indicator's sentence split around the number, for highlighting beside it."""
    text = indicator.plan.source_text
    if indicator.source_start is None or indicator.source_end is None or not text:
        return None
    start, end = indicator.source_start, indicator.source_end
    hit_start = indicator.match_start if indicator.match_start is not None else start
    hit_end = indicator.match_end if indicator.match_end is not None else start
    return text[start:hit_start], text[hit_start:hit_end], text[hit_end:end]


class IndicatorEditView(generic.ObjectEditView):
    form_class = IndicatorForm
    can_edit = staticmethod(permissions.can_edit_indicator)
    save = staticmethod(services.save_indicator)


class PlanListView(generic.ObjectListView):
    filterset_class = PlanFilterSet
    table_class = PlanTable
    can_view = staticmethod(permissions.can_view_plans)
    can_add = staticmethod(permissions.can_import_plan)
    add_url_name = "plans:plan_import"
    export_columns = model_columns(Plan, "year", "title", "status", "source_name")


class PlanDetailView(generic.ObjectDetailView):
    model = Plan
    template_name = "plans/plan_detail.html"
    fields = ["year", "title", "status", "source_name", "created_at", "updated_at"]
    can_delete = staticmethod(permissions.can_delete_plan)
    delete_url_name = "plans:plan_delete"

    def extra_context(self, request, obj):
        return {
            "indicators": obj.indicators.select_related("division", "leader"),
            "work_items": obj.work_items.select_related("division", "leader"),
            "actions": available_actions(obj, TRANSITIONS, request.user),
            "can_review": permissions.can_edit_plan(request.user, obj),
            "can_copy": permissions.can_import_plan(request.user)
            and not Plan.objects.filter(year=obj.year + 1).exists(),
        }


class PlanNextYearView(generic.ServiceActionView):
    """新建下一年度: a draft for year + 1 from this plan; the browser lands on the new draft."""

    model = Plan

    def run(self, request, plan):
        return services.copy_to_next_year(request.user, plan)

    def get_success_message(self, obj, result) -> str:
        return _("已由 %(old)s 年要点新建 %(new)s 年草稿：目标值待导入或填写。") % {"old": obj.year, "new": result.year}


class PlanDeleteView(generic.ObjectDeleteView):
    model = Plan
    can_delete = staticmethod(permissions.can_delete_plan)
    delete = staticmethod(services.delete_plan)
    success_url_name = "plans:plan_list"


class PlanImportView(generic.ServiceFormView):
    """Upload (or paste) the plan text; the parsed draft opens on the review page."""

    form_class = PlanImportForm
    template_name = "plans/plan_import.html"
    title = gettext_lazy("导入年度工作要点")

    def get_object(self, request, pk=None) -> None:
        require(permissions.can_import_plan(request.user))

    def get_initial(self, request, obj) -> dict:
        return {"year": timezone.localdate().year}

    def run(self, request, obj, form) -> Plan:
        data = form.cleaned_data
        return services.import_plan(request.user, year=data["year"], text=data["plan_text"],
                                    source_name=data["source_name"], title=data["title"])

    def get_success_message(self, obj, plan) -> str:
        count = plan.indicators.count()
        return _("已识别 %(n)s 项指标，请逐条核对。%(n)s targets found; please review.") % {"n": count}

    def next_url(self, obj, plan) -> str:
        return reverse("plans:plan_review", args=[plan.pk])


class PlanReviewView(LoginRequiredMixin, View):
    """Each extracted target beside its highlighted sentence: correct, delete, add, assign."""

    def _plan(self, request, pk) -> Plan:
        plan = get_visible_or_404(Plan, request.user, pk=pk)
        require(permissions.can_edit_plan(request.user, plan))
        return plan

    def get(self, request, pk):
        plan = self._plan(request, pk)
        return self._render(request, plan, ReviewFormSet(plan=plan, user=request.user))

    def post(self, request, pk):
        plan = self._plan(request, pk)
        formset = ReviewFormSet(request.POST, plan=plan, user=request.user)
        if formset.is_valid():
            try:
                counts = services.review_plan(request.user, plan, formset)
            except ValidationError as exc:
                messages.error(request, generic.error_text(exc))
            else:
                messages.success(
                    request,
                    _("已保存：更正 %(u)s 项，新增 %(a)s 项，删除 %(d)s 项。Saved.")
                    % {
                        "u": counts.get("updated", 0),
                        "a": counts.get("added", 0),
                        "d": counts.get("deleted", 0),
                    },
                )
                return redirect("plans:plan_review", pk=plan.pk)
        return self._render(request, plan, formset, status=400)

    def _render(self, request, plan, formset, status=200):
        rows = [(form, _highlight(form.instance) if form.instance.pk else None) for form in formset.forms]
        context = {
            "title": _("核对指标：%s") % plan.title,
            "plan": plan,
            "formset": formset,
            "rows": rows,
            "actions": available_actions(plan, TRANSITIONS, request.user),
        }
        return render(request, "plans/plan_review.html", context, status=status)


class PlanTransitionView(generic.ServiceActionView):
    model = Plan
    handlers = {"confirm": services.confirm_plan, "reopen": services.reopen_plan}

    def run(self, request, plan):
        action = self.kwargs["action"]
        if action not in self.handlers:
            raise PermissionDenied(_("未知操作。Unknown action."))
        self.label = action_label(TRANSITIONS, plan.status, action)
        return self.handlers[action](request.user, plan, comment=request.POST.get("comment", ""))

    def get_success_message(self, obj, result) -> str:
        return _("已完成：%s") % self.label


class WorkItemListView(generic.ObjectListView):
    filterset_class = WorkItemFilterSet
    table_class = WorkItemTable
    can_view = staticmethod(permissions.can_view_plans)
    export_columns = model_columns(
        WorkItem,
        "number", "title",
        xlsx.Column(gettext_lazy("责任科室"), "division", lambda w: str(w.division or "")),
        xlsx.Column(gettext_lazy("分管领导"), "leader", lambda w: str(w.leader or "")),
    )
    select_related = ("plan", "division", "leader")


class WorkItemDetailView(generic.ObjectDetailView):
    model = WorkItem
    template_name = "plans/work_item_detail.html"
    fields = ["plan", "number", "title", "division", "leader"]
    can_edit = staticmethod(permissions.can_edit_work_item)
    edit_url_name = "plans:work_item_edit"

    def extra_context(self, request, obj):
        can_update = permissions.can_update_work_item(request.user, obj)
        return {
            "milestones": obj.milestones.all(),
            "notes": obj.notes.select_related("author"),
            "can_update": can_update,
            "milestone_form": MilestoneForm(work_item=obj) if can_update else None,
            "note_form": WorkItemNoteForm(work_item=obj) if can_update else None,
            "targets": obj.plan.indicators.filter(section=obj.number),
        }


class WorkItemEditView(generic.ObjectEditView):
    form_class = WorkItemForm
    can_edit = staticmethod(permissions.can_edit_work_item)
    save = staticmethod(services.save_work_item)


class WorkItemActionView(generic.ServiceActionView):
    """POST a milestone, a progress note, or a milestone's completion."""

    model = WorkItem
    success_message = gettext_lazy("已保存。Saved.")

    def run(self, request, item):
        require(permissions.can_update_work_item(request.user, item))
        self._apply(request, item, self.kwargs["what"])

    def _apply(self, request, item, what):
        if what == "done":
            milestone = Milestone.objects.filter(work_item=item, pk=request.POST.get("milestone")).first()
            if milestone is None:
                raise ValidationError(_("节点不存在。No such milestone."))
            services.complete_milestone(request.user, milestone, dashboard.parse_day(request.POST.get("done_on")))
            return
        handlers = {
            "milestone": (MilestoneForm, services.add_milestone),
            "note": (WorkItemNoteForm, services.add_note),
        }
        if what not in handlers:
            raise Http404
        form_class, save = handlers[what]
        form = form_class(request.POST, work_item=item)
        if not form.is_valid():
            raise ValidationError([f"{form.fields[f].label if f in form.fields else ''}{e}" for f, errs in
                                   form.errors.items() for e in errs])  # fmt: skip
        save(request.user, form, item)
