"""REST API for plans, indicators, progress reports, work items and the dashboard's numbers.

Reads are scoped with `visible_to` (outside scope → 404); writes go through the same forms and
services as the pages.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import FormBackedViewSet, ScopedReadOnlyViewSet, valid_or_400
from core.permissions import get_visible_or_404, require

from . import dashboard, permissions, services
from .filters import IndicatorFilterSet, PlanFilterSet, ProgressReportFilterSet, WorkItemFilterSet
from .forms import IndicatorForm, ProgressReportForm
from .models import Indicator, Plan, ProgressReport, WorkItem


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "year", "title", "status", "source_name", "created_at", "updated_at"]


class AssignedSerializer(serializers.ModelSerializer):
    """What the plan assigns (分工负责): its division by code, its leader by username."""

    division = serializers.SlugRelatedField(slug_field="code", read_only=True)
    leader = serializers.SlugRelatedField(slug_field="username", read_only=True)


class IndicatorSerializer(AssignedSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id", "plan", "code", "name", "kind", "unit", "target_value", "target_min", "target_max",
            "stretch_value", "baseline", "deadline", "section", "excerpt", "division", "leader", "schedule",
            "q1", "q2", "q3", "q4", "source_key", "order",
        ]  # fmt: skip


class ProgressReportSerializer(serializers.ModelSerializer):
    reported_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "indicator", "as_of", "value", "note", "reported_by", "created_at"]


class WorkItemSerializer(AssignedSerializer):
    overdue_milestones = serializers.SerializerMethodField()

    class Meta:
        model = WorkItem
        fields = ["id", "plan", "number", "title", "body", "division", "leader", "overdue_milestones"]

    def get_overdue_milestones(self, item) -> list[dict]:
        return [{"title": m.title, "due": m.due} for m in item.milestones.all() if m.is_overdue()]


class PlanViewSet(ScopedReadOnlyViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    can_view = staticmethod(permissions.can_view_plans)

    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        plan = services.confirm_plan(request.user, self.get_object(), request.data.get("comment", ""))
        return Response(self.get_serializer(plan).data)

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        plan = services.reopen_plan(request.user, self.get_object(), request.data.get("comment", ""))
        return Response(self.get_serializer(plan).data)


class IndicatorViewSet(FormBackedViewSet):
    """Read, and update through the edit form; indicators are created by import or review."""

    http_method_names = ["get", "put", "patch", "head", "options"]
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    queryset_select_related = ("plan", "division", "leader")
    can_view = staticmethod(permissions.can_view_plans)
    form_class = IndicatorForm
    save = staticmethod(services.save_indicator)


class ProgressReportViewSet(ScopedReadOnlyViewSet):
    """Manual progress: list, and create with the same form and service as the indicator page."""

    http_method_names = ["get", "post", "head", "options"]
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet
    queryset_select_related = ("indicator", "reported_by")
    can_view = staticmethod(permissions.can_view_plans)

    def create(self, request):
        indicator_id = str(request.data.get("indicator", ""))
        if not indicator_id.isdigit():
            raise exceptions.ValidationError({"indicator": ["required"]})
        indicator = get_visible_or_404(Indicator.objects.select_related("plan"), request.user, pk=int(indicator_id))
        require(permissions.can_report(request.user, indicator))
        form = valid_or_400(ProgressReportForm(data=request.data, files=request.FILES, indicator=indicator))
        report = services.add_report(request.user, form, indicator)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class WorkItemViewSet(ScopedReadOnlyViewSet):
    serializer_class = WorkItemSerializer
    filterset_class = WorkItemFilterSet
    queryset_select_related = ("division", "leader")
    can_view = staticmethod(permissions.can_view_plans)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("milestones")


class DashboardViewSet(viewsets.ViewSet):
    """GET /api/plan-dashboard/?plan=&as_of=&division=&leader= — the computed indicator table."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def list(self, request):
        require(permissions.can_view_plans(request.user))
        plan = dashboard.chosen_plan(request.user, request.query_params.get("plan"))
        if plan is None:
            return Response({"plan": None, "rows": [], "summary": {}})
        day = dashboard.as_of_for(plan, dashboard.parse_day(request.query_params.get("as_of")))
        filterset = IndicatorFilterSet(
            request.query_params, queryset=dashboard.indicator_queryset(plan), request=request
        )
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        rows = dashboard.rows_for(filterset.qs, request.user, day)
        return Response(
            {
                "plan": PlanSerializer(plan).data,
                "as_of": day,
                "summary": dashboard.summary(rows),
                "rows": [_row_json(r) for r in rows],
                "overdue_milestones": [
                    {"work_item": m.work_item.number, "title": m.title, "due": m.due}
                    for m in dashboard.overdue_milestones(plan, day)
                ],
            }
        )


def _row_json(row: dashboard.Row) -> dict:
    ind, st = row.indicator, row.standing
    return {
        "id": ind.pk,
        "code": ind.code,
        "name": ind.name,
        "kind": ind.kind,
        "unit": ind.unit,
        "target": ind.firm_target,
        "stretch": ind.stretch_target,
        "baseline": ind.baseline,
        "current": st.current,
        "expected": st.expected,
        "percent": st.percent,
        "status": st.status,
        "forecast": st.forecast,
        "division": ind.division.code if ind.division else None,
        "leader": ind.leader.username if ind.leader else None,
        "source": ind.source_key or None,
        "mine": row.mine,
    }


def register(router) -> None:
    router.register("plans", PlanViewSet)
    router.register("indicators", IndicatorViewSet)
    router.register("indicator-reports", ProgressReportViewSet)
    router.register("work-items", WorkItemViewSet)
    router.register("plan-dashboard", DashboardViewSet, basename="plan-dashboard")
