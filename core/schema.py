"""OpenAPI that tells the truth: writes are described by the form the endpoint really validates
with (core.api.form_serializer), and workflow-action endpoints by their action names and body."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

WRITE_ACTIONS = {"create", "update", "partial_update"}


class AutoSchema(openapi.AutoSchema):
    def get_request_serializer(self):
        view = self.view
        if getattr(view, "action", None) in WRITE_ACTIONS and hasattr(view, "write_serializer_class"):
            return view.write_serializer_class()
        return super().get_request_serializer()


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True,
                                    help_text="意见或理由（退回、驳回等须填写）。Comment or reason.")


def action_endpoint(names, request, response, description: str = ""):
    """Schema of POST …/<name>/: `name` is one of the table's actions, the body is `request`."""
    return extend_schema(
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH, enum=sorted(set(names)),
                                     description="动作名称。Action name.")],
        request=request,
        responses=response,
        description=description,
    )
