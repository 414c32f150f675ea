"""API: scoped reads of assessments, county reports and results; a county's submission.

`POST /api/assessment-reports/<id>/values/` (multipart, the fields of the report form: `v_<code>`,
`n_<code>`, `f_<code>`) saves the figures through the same form and service as the page;
`POST /api/assessment-reports/<id>/action/<name>/` applies a workflow action (submit, return,
accept, reopen) with an optional `comment`.
"""

from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import ScopedReadOnlyViewSet, valid_or_400

from . import services
from .filters import AssessmentFilterSet, CountyReportFilterSet, CountyResultFilterSet
from .forms import ReportValuesForm
from .models import Assessment, CountyReport, CountyResult, IndicatorScore, ReportedValue


class AssessmentSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="scheme.year", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "title", "year", "status", "due_date", "snapshot_date", "computed_at", "published_at"]


class ReportedValueSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="figure.code")
    name = serializers.CharField(source="figure.name")

    class Meta:
        model = ReportedValue
        fields = ["code", "name", "value", "note"]


class CountyReportSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    values = ReportedValueSerializer(many=True, read_only=True)

    class Meta:
        model = CountyReport
        fields = ["id", "assessment", "region_code", "region_name", "status", "contact", "submitted_at",
                  "return_reason", "values"]


class IndicatorScoreSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="indicator.name")

    class Meta:
        model = IndicatorScore
        fields = ["name", "value", "score", "query"]


class CountyResultSerializer(serializers.ModelSerializer):
    region_code = serializers.CharField(source="region.code", read_only=True)
    name = serializers.CharField(source="region.name", read_only=True)
    indicators = IndicatorScoreSerializer(source="scores", many=True, read_only=True)

    class Meta:
        model = CountyResult
        fields = ["id", "assessment", "region_code", "name", "score", "rank", "grade", "vetoed", "veto_items",
                  "indicators"]


class AssessmentViewSet(ScopedReadOnlyViewSet):
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet
    queryset_select_related = ("scheme",)


class CountyReportViewSet(ScopedReadOnlyViewSet):
    serializer_class = CountyReportSerializer
    filterset_class = CountyReportFilterSet
    queryset_select_related = ("region",)

    @action(detail=True, methods=["post"])
    def values(self, request, pk=None):
        report = self.get_object()
        form = valid_or_400(ReportValuesForm(request.data, request.FILES, report=report))
        contact = form.cleaned_data["contact"] if "contact" in request.data else None
        report = services.save_values(request.user, report, form.entries(), contact=contact)
        return Response(self.get_serializer(report).data)

    @action(detail=True, methods=["post"], url_path=r"action/(?P<name>[a-z_]+)")
    def do(self, request, pk=None, name=""):
        report = self.get_object()
        comment = str(request.data.get("comment", ""))
        report = services.report_action(request.user, report, name, comment)
        return Response(self.get_serializer(report).data)


class CountyResultViewSet(ScopedReadOnlyViewSet):
    serializer_class = CountyResultSerializer
    filterset_class = CountyResultFilterSet
    queryset_select_related = ("region",)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("scores__indicator")


def register(router) -> None:
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("assessment-reports", CountyReportViewSet, basename="assessment-report")
    router.register("assessment-results", CountyResultViewSet, basename="assessment-result")
