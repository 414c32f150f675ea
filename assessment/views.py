"""Pages of the county assessment: assessments, county reports, schemes, evidence."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import views as generic
from core.crud import model_columns
from core.models import Attachment
from core.permissions import get_visible_or_404, require
from core.workflow import available_actions
from core.xlsx import Column

from . import permissions, results, services, workflow
from .filters import AssessmentFilterSet, CountyReportFilterSet
from .forms import ReportValuesForm
from .models import Assessment, CountyReport, ReportedValue, Scheme
from .tables import AssessmentTable, CountyReportTable


class AssessmentListView(generic.ObjectListView):
    filterset_class = AssessmentFilterSet
    table_class = AssessmentTable
    title = gettext_lazy("县市区科技进步考核")
    can_view = staticmethod(permissions.can_view)
    can_add = staticmethod(permissions.can_manage)
    add_url_name = "assessment:assessment_add"
    export_columns = model_columns(
        Assessment, "title", Column(gettext_lazy("年度"), "scheme__year"), "status", "snapshot_date"
    )
    select_related = ("scheme",)


class AssessmentForm(forms.Form):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.filter(assessment__isnull=True),
                                    label=gettext_lazy("考核方案"))
    title = forms.CharField(label=gettext_lazy("名称"), max_length=160, required=False)
    due_date = forms.DateField(label=gettext_lazy("填报截止"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))


class AssessmentCreateView(generic.ServiceFormView):
    form_class = AssessmentForm
    template_name = "core/object_edit.html"
    title = gettext_lazy("新建年度考核")
    success_message = gettext_lazy("已创建。Created.")

    def get_object(self, request, pk=None) -> None:
        require(permissions.can_manage(request.user))

    def run(self, request, obj, form) -> Assessment:
        data = form.cleaned_data
        return services.create_assessment(request.user, data["scheme"], data["title"], data["due_date"])


class AssessmentDetailView(generic.ObjectDetailView):
    model = Assessment
    template_name = "assessment/assessment_detail.html"
    fields = ["title", "status", "due_date", "snapshot_date", "computed_at", "published_at"]

    def extra_context(self, request, obj):
        user = request.user
        rows = results.visible_rows(obj, user) if permissions.can_see_results(user, obj) else []
        previous = results.previous_by_region(obj, user)
        return {
            "scheme": obj.scheme,
            "reports": CountyReport.objects.visible_to(user).filter(assessment=obj).select_related("region"),
            "actions": available_actions(obj, workflow.ASSESSMENT_TRANSITIONS, user),
            "rows": [(row, previous.get(row.region.code)) for row in rows],
            "chart": results.chart_data(rows) if rows else None,
            "groups": results.groups_of(obj),
            "today": timezone.localdate().isoformat(),
        }


class AssessmentActionView(generic.ServiceActionView):
    model = Assessment

    def post(self, request, pk, action):
        self.action = action
        return super().post(request, pk)

    def run(self, request, obj):
        data = {}
        if self.action == "compute":
            data["snapshot_date"] = _date(request.POST.get("snapshot_date"))
        return services.assessment_action(request.user, obj, self.action, request.POST.get("comment", ""), **data)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(_("日期格式应为 YYYY-MM-DD。Date as YYYY-MM-DD.")) from exc


class ReportListView(generic.ObjectListView):
    filterset_class = CountyReportFilterSet
    table_class = CountyReportTable
    title = gettext_lazy("县区考核填报")
    can_view = staticmethod(lambda user: user.is_bureau_wide or bool(user.region_codes))
    export_columns = model_columns(
        CountyReport,
        Column(gettext_lazy("区划代码"), "region__code"), Column(gettext_lazy("县（市、区）"), "region__name"),
        Column(gettext_lazy("年度"), "assessment__scheme__year"), "status", "submitted_at", "return_reason",
    )
    select_related = ("region", "assessment__scheme")


class ReportDetailView(generic.ObjectDetailView):
    model = CountyReport
    template_name = "assessment/report_detail.html"
    fields = ["assessment", "region", "status", "contact", "submitted_at", "return_reason"]
    can_edit = staticmethod(permissions.can_fill)
    edit_url_name = "assessment:report_edit"

    def extra_context(self, request, obj):
        values = {v.figure_id: v for v in obj.values.all()}
        figures = [(f, values.get(f.pk), services.evidence_of(values[f.pk]) if f.pk in values else [])
                   for f in obj.assessment.scheme.figures.all()]
        return {"figures": figures, "actions": available_actions(obj, workflow.REPORT_TRANSITIONS, request.user)}


class ReportEditView(generic.ServiceFormView):
    form_class = ReportValuesForm
    template_name = "assessment/report_edit.html"
    success_message = gettext_lazy("已保存。Saved.")

    def get_object(self, request, pk=None) -> CountyReport:
        reports = CountyReport.objects.select_related("assessment__scheme", "region")
        report = get_visible_or_404(reports, request.user, pk=pk)
        require(permissions.can_fill(request.user, report))
        return report

    def form_kwargs(self, request, report) -> dict:
        return {"report": report}

    def get_context(self, request, report, form) -> dict:
        return {"object": report, "title": _("填报：%s") % report}

    def run(self, request, report, form) -> None:
        services.save_values(request.user, report, form.entries(), contact=form.cleaned_data["contact"])


class ReportActionView(generic.ServiceActionView):
    model = CountyReport

    def post(self, request, pk, action):
        self.action = action
        return super().post(request, pk)

    def run(self, request, obj):
        return services.report_action(request.user, obj, self.action, request.POST.get("comment", ""))


class EvidenceView(LoginRequiredMixin, View):
    """An evidence file, for whoever may see the report it belongs to."""

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment, pk=pk, purpose=services.EVIDENCE)
        value = ReportedValue.objects.filter(pk=attachment.object_id).first()
        if value is None or not CountyReport.objects.visible_to(request.user).filter(pk=value.report_id).exists():
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:  # the record outlived its file (a restore without media)
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=attachment.original_name)


class SchemeListView(LoginRequiredMixin, View):
    def get(self, request):
        schemes = Scheme.objects.visible_to(request.user).select_related("assessment")
        return render(request, "assessment/scheme_list.html", {
            "title": _("考核方案"), "schemes": schemes, "can_manage": permissions.can_manage(request.user),
        })


class SchemeDetailView(generic.ObjectDetailView):
    model = Scheme
    template_name = "assessment/scheme_detail.html"
    fields = ["year", "version", "name", "basis", "excellent_min", "pass_min", "grade_excellent", "grade_pass",
              "grade_fail"]

    def extra_context(self, request, obj):
        return {
            "indicator_groups": obj.groups.prefetch_related("indicators__figure"),  # "groups" is the nav's
            "figures": obj.figures.all(),
            "veto_items": obj.veto_items.select_related("figure", "compare_to"),
            "can_manage": permissions.can_manage(request.user),
            "can_edit_scheme": permissions.can_edit_scheme(request.user, obj),
            "total_weight": sum((i.weight for i in obj.indicators()), Decimal(0)),
            "next_year": obj.year + 1,
        }


class SchemeCopyView(generic.ServiceActionView):
    model = Scheme
    success_message = gettext_lazy("已生成新版本方案。A new version was made.")

    def run(self, request, obj):
        try:
            year = int(request.POST.get("year", ""))
        except ValueError as exc:
            raise ValidationError(_("请填写年度。Give a year.")) from exc
        if not 2000 <= year <= 2100:
            raise ValidationError(_("年度超出范围。Year out of range."))
        return services.copy_scheme(request.user, obj, year)
