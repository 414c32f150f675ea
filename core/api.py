"""API base: querysets scoped with visible_to, FilterSets shared with the pages, and writes that
go through the same form and service as the edit page (one set of rules, one audit path).

The request body is described (OpenAPI) and type-checked by a serializer derived from that same
form, so a record is written the way the edit page writes it, and a wrong JSON type (an object
where a name belongs) is a 400 instead of being stored as its repr or reaching the form."""

from functools import cache

from django import forms
from django.forms import Form, ModelChoiceField, ModelMultipleChoiceField
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response

from .permissions import require
from .validators import MAX_ID


def valid_or_400(form: Form) -> Form:
    """The form, once valid; otherwise a 400 whose body is the form's errors (HTML-escaped) per field."""
    if not form.is_valid():
        raise exceptions.ValidationError(form.errors.get_json_data(escape_html=True))
    return form


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Objects outside the caller's scope are simply not in the queryset: 404, never 403.

    Its model is its FilterSet's, as on the list page: a subclass that names no `queryset` gets
    one from `filterset_class` (the router and the schema read it)."""

    queryset_select_related: tuple[str, ...] = ()
    can_view = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        filterset_class = getattr(cls, "filterset_class", None)
        if "queryset" not in cls.__dict__ and filterset_class is not None:
            cls.queryset = filterset_class._meta.model.objects.all()

    def get_queryset(self):
        if self.can_view is not None:
            require(type(self).can_view(self.request.user))
        queryset = self.queryset.model.objects.visible_to(self.request.user)
        return queryset.select_related(*self.queryset_select_related) if self.queryset_select_related else queryset


SAME_SHAPE = [
    (forms.DateTimeField, serializers.DateTimeField),
    (forms.DateField, serializers.DateField),
    (forms.FileField, serializers.FileField),
]


def _id_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _choices(field) -> list:
    """(value, label) pairs as the model serializer has them, so both share one enum component."""
    return [(value, label) for value, label in field.choices if value not in ("", None)]


def _api_field(field: forms.Field) -> serializers.Field:
    """The JSON shape a form field accepts; the form still does the real validation."""
    common = {"required": field.required, "allow_null": not field.required, "label": field.label,
              "help_text": field.help_text or None}
    if isinstance(field, ModelMultipleChoiceField):
        child = serializers.CharField() if field.to_field_name else _id_field()
        return serializers.ListField(child=child, **{**common, "allow_null": False})
    if isinstance(field, ModelChoiceField):
        if field.to_field_name:
            return serializers.CharField(**common)
        return _id_field(**common)
    if isinstance(field, forms.ChoiceField) and not _choices(field):  # choices set per request
        return serializers.CharField(allow_blank=not field.required, **common)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=_choices(field), **{**common, "allow_null": False})
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(choices=_choices(field), allow_blank=not field.required, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**{**common, "required": False, "allow_null": False})
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(max_digits=field.max_digits, decimal_places=field.decimal_places,
                                        min_value=field.min_value, max_value=field.max_value, **common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(min_value=field.min_value, max_value=field.max_value, **common)
    for form_type, api_type in SAME_SHAPE:
        if isinstance(field, form_type):
            return api_type(**common)
    return serializers.CharField(max_length=getattr(field, "max_length", None), allow_blank=not field.required,
                                 **common)


@cache
def form_serializer(form_class: type[Form]) -> type[serializers.Serializer]:
    """A serializer with one field per form field; its class name names the schema component."""
    fields = {name: _api_field(field) for name, field in form_class.base_fields.items()}
    name = form_class.__name__.removesuffix("Form") + "Write"
    return type(name, (serializers.Serializer,), fields)


SCALAR = (str, int, float)
LIST_FIELDS = (serializers.ListField, serializers.MultipleChoiceField)
# What JSON may carry for each kind of field; the first match in this order wins (subclasses first).
JSON_TYPES: list[tuple[type, tuple[type, ...]]] = [
    (serializers.BooleanField, (bool, str, int)),
    (serializers.FileField, (object,)),  # multipart only; the form checks the upload
    (serializers.ListField, (list,)),
    (serializers.MultipleChoiceField, (list,)),
    (serializers.Field, SCALAR),
]


def _type_error(field: serializers.Field, value) -> str:
    if value is None:  # the form says whether it may be empty
        return ""
    allowed = next(types for kind, types in JSON_TYPES if isinstance(field, kind))
    if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
        return "类型错误。Wrong type: expected %s." % ("array" if list in allowed else "a string or number")
    if isinstance(value, list) and not all(isinstance(item, SCALAR) and not isinstance(item, bool) for item in value):
        return "类型错误。Wrong type: expected an array of strings or numbers."
    return ""


def type_errors(fields: dict, data: dict) -> dict[str, list[str]]:
    """{field: [message]} for each known key whose JSON type the form could not take."""
    errors = {}
    for name, field in fields.items():
        if name in data:
            many = hasattr(data, "getlist") and isinstance(field, LIST_FIELDS)
            value = data.getlist(name) if many else data[name]
            if message := _type_error(field, value):
                errors[name] = [message]
    return errors


class FormBackedViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                        ScopedReadOnlyViewSet):
    form_class: type[Form]
    can_add = None
    save = None
    delete = None

    @classmethod
    def write_serializer_class(cls) -> type[serializers.Serializer]:
        return form_serializer(cls.form_class)

    def _checked_data(self) -> dict:
        """The body, once its JSON types match the form's fields (400 otherwise); the values are
        the form's to judge (it also takes a choice's label, as the edit page does)."""
        data = self.request.data
        if not isinstance(data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["请提交一个 JSON 对象。Expected a JSON object."]})
        fields = self.write_serializer_class()().fields
        errors = type_errors(fields, data)
        if errors:
            raise exceptions.ValidationError(errors)
        if hasattr(data, "getlist"):  # a form post: one value per key, a list only where the form takes one
            return {key: data.getlist(key) if isinstance(fields.get(key), LIST_FIELDS) else data[key] for key in data}
        return dict(data)

    def _save(self, instance):
        data = self._checked_data()
        if instance is not None and self.request.method == "PATCH":
            data = {**self._current_data(instance), **data}
        form = valid_or_400(self.form_class(data=data, instance=instance, user=self.request.user))
        return type(self).save(self.request.user, form, instance)

    def _current_data(self, instance) -> dict:
        """The instance's values as the form reads them: a ModelChoiceField with to_field_name
        (region by code, organisation by credit code) needs that field, not the primary key."""
        form = self.form_class(instance=instance, user=self.request.user)
        data = {}
        for name, value in form.initial.items():
            field = form.fields.get(name)
            if isinstance(field, ModelMultipleChoiceField):
                value = field.prepare_value(value)
            elif isinstance(field, ModelChoiceField):
                value = field.prepare_value(getattr(instance, name))
            if value is not None:
                data[name] = value
        return data

    def create(self, request, *args, **kwargs):
        # Who may not add at all is told so (403) before the form says anything about the data.
        if self.can_add is not None and not type(self).can_add(request.user):
            raise exceptions.PermissionDenied()
        obj = self._save(None)
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self._save(self.get_object())
        return Response(self.get_serializer(obj).data)

    def destroy(self, request, *args, **kwargs):
        # PermissionDenied, ValidationError and ProtectedError become 403/400/409 in core.exceptions.
        type(self).delete(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
