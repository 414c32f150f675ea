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


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A refused input: field → messages (a form's errors), or a list of messages (a rule of the service).
VALIDATION_ERROR_SCHEMA = {
    "oneOf": [
        {"type": "object", "additionalProperties": {"type": ["array", "string", "object"]}},
        {"type": "array", "items": {"type": "string"}},
    ]
}
ERROR_DESCRIPTIONS = {
    "400": "输入有误。Invalid input.",
    "401": "未登录。Not authenticated.",
    "403": "无权操作。Not permitted.",
    "404": "不存在或不在权限范围内。Not found or outside your scope.",
    "409": "与现有记录冲突或仍被引用。Conflicts with, or is still referred to by, other records.",
}


def _error_codes(path: str, method: str, operation: dict) -> list[str]:
    """The error statuses this operation really answers (core.exceptions): bad input where there is
    input (a delete a rule refuses included), 401/403 unless the operation is public, 404 for a record
    by id, a page past the end or a referred record outside the caller's scope, 409 for writes."""
    writes = method in ("post", "put", "patch", "delete")
    query = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    codes = []
    if "requestBody" in operation or query or method == "delete":
        codes.append("400")
    if {} not in operation.get("security", []):
        codes += ["401", "403"]
    if "{" in path or "page" in query or writes:
        codes.append("404")
    if writes:
        codes.append("409")
    return codes


def document_error_responses(result: dict, generator, request, public) -> dict:
    """POSTPROCESSING_HOOKS: every operation documents the errors core.exceptions gives it, so that
    the schema lists every status the API answers (the fuzz checks status-code conformance)."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    components["ValidationError"] = VALIDATION_ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _error_codes(path, method, operation):
                schema = "ValidationError" if code == "400" else "Error"
                responses.setdefault(code, {
                    "description": ERROR_DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
                })
    return result
