"""API: programs, calls, projects; a lifecycle step is a POST to /api/projects/<id>/actions/<action>/."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import FormBackedViewSet, ScopedReadOnlyViewSet, valid_or_400
from core.schema import CommentSerializer, action_endpoint
from core.workflow import available_actions, rows

from . import services
from . import workflow as wf
from .filters import CallFilterSet, ProgramFilterSet, ProjectFilterSet
from .forms import ApplicationForm, CallForm, ProgramForm
from .models import Call, Program, Project
from .paging import KeysFirstPagination


class ProgramSerializer(serializers.ModelSerializer):
    division = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Program
        fields = [
            "id",
            "code",
            "name",
            "division",
            "description",
            "fields",
            "funding_min",
            "funding_max",
            "required_fields",
            "required_attachments",
            "review_template",
            "needs_academic_partner",
            "is_major_special",
            "active",
            "eligibility",
            "overhead_cap",
            "equipment_threshold",
            "pi_project_limit",
            "member_project_limit",
            "county_quotas",
        ]


class CallSerializer(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "program",
            "year",
            "title",
            "guide",
            "opens_at",
            "closes_at",
            "default_quota",
            "is_open",
            "status",
            "published_at",
        ]
        read_only_fields = ["status", "published_at"]

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class ProjectSerializer(serializers.ModelSerializer):
    applicant_org = serializers.SlugRelatedField(slug_field="credit_code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "number",
            "title",
            "call",
            "program",
            "year",
            "field",
            "status",
            "status_label",
            *Project.responsible_fields,
            "summary",
            "start_date",
            "end_date",
            "requested_funding",
            "self_funding",
            "proposed_funding",
            "approved_funding",
            "review_score",
            "notice_end",
            "submitted_at",
            "approved_at",
            "feedback",
        ]
        read_only_fields = fields


class AvailableActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=wf.Action.choices)
    label = serializers.CharField()
    to = serializers.CharField()
    requires = serializers.ListField(child=serializers.CharField())


class ProjectActionSerializer(CommentSerializer):
    INPUTS = ("proposed_funding", "approved_funding", "notice_end", "at_fault")

    proposed_funding = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, min_value=0,
                                                help_text="拟资助金额（元），recommend_funding 须填写。")
    approved_funding = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, min_value=0,
                                                help_text="批准资助金额（元），approve 须填写。")
    notice_end = serializers.DateTimeField(required=False, help_text="公示截止时间，publish_notice 须填写。")
    at_fault = serializers.BooleanField(required=False, help_text="终止是否因项目方过错（记信用事件）。")


def _actions_description() -> str:
    """One line per action: the states it leaves and what its body must carry."""
    lines = ["POST 一个生命周期动作。Each action, the states it applies in and its required inputs:", ""]
    sources: dict[str, set[str]] = {}
    needs: dict[str, set[str]] = {}
    for state, name, rule in rows(wf.TRANSITIONS):
        sources.setdefault(name, set()).add(state)
        needs.setdefault(name, set()).update(wf.inputs_of(rule))
    for name in sorted(sources):
        lines.append(f"- `{name}` ({', '.join(sorted(sources[name]))}): {', '.join(sorted(needs[name])) or '—'}")
    return "\n".join(lines)


class NoDeleteMixin:
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class ProgramViewSet(NoDeleteMixin, FormBackedViewSet):
    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    queryset_select_related = ("division",)
    form_class = ProgramForm
    save = staticmethod(services.save_program_form)


class CallViewSet(NoDeleteMixin, FormBackedViewSet):
    serializer_class = CallSerializer
    filterset_class = CallFilterSet
    form_class = CallForm
    save = staticmethod(services.save_call_form)


class ProjectViewSet(ScopedReadOnlyViewSet):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    pagination_class = KeysFirstPagination

    def get_queryset(self):
        # Prefetch, not join, so SQLite sorts a page on the status index alone (BENCHMARKS.md).
        return super().get_queryset().prefetch_related("applicant_org")

    def create(self, request):
        """A PI opens an application in a call: {"call": id, "title": ..., ...}."""
        call = get_object_or_404(Call.objects.visible_to(request.user), pk=request.data.get("call") or 0)
        form = valid_or_400(ApplicationForm(data=request.data, user=request.user))
        project = services.save_application_form(request.user, form, None, call=call)
        return Response(self.get_serializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=AvailableActionSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def actions(self, request, pk=None):
        project = self.get_object()
        return Response(
            [
                {
                    "action": action,
                    "label": str(rule.label),
                    "to": rule.to_state,
                    "requires": list(wf.inputs_of(rule)),
                }
                for action, rule in available_actions(project, wf.TRANSITIONS, request.user)
            ]
        )

    @action_endpoint(wf.Action.values, ProjectActionSerializer, ProjectSerializer, _actions_description())
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<name>[a-z_]+)")
    def transition(self, request, pk=None, name=None):
        project = self.get_object()
        if name not in wf.Action.values:
            raise exceptions.NotFound()
        body = ProjectActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # The service parses amounts and times itself (and says which is missing for this action).
        data = {k: request.data[k] for k in ProjectActionSerializer.INPUTS if k in request.data}
        comment = body.validated_data.get("comment", "")
        project = services.apply_action(request.user, project, name, comment=comment, **data)
        return Response(self.get_serializer(project).data)


def register(router) -> None:
    router.register("programs", ProgramViewSet)
    router.register("calls", CallViewSet)
    router.register("projects", ProjectViewSet)
