"""OpenAPI that tells the truth: writes are described by the form the endpoint really validates
with (core.api.form_serializer), and workflow-action endpoints by their action names and body."""

from django_filters import NumberFilter
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
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


class BoundedFilterExtension(DjangoFilterExtension):
    """django-filter parameters with the bounds core.filters.FilterSet puts on number filters."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        if isinstance(filter_field, NumberFilter):
            extra = filter_field.extra
            for parameter in parameters:
                schema = parameter["schema"]
                if extra.get("decimal_places") == 0:
                    schema.update(type="integer", format="int64")
                bounds = {"minimum": extra.get("min_value"), "maximum": extra.get("max_value")}
                schema.update({key: value for key, value in bounds.items() if value is not None})
        return parameters
