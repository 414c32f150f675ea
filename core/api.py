"""API base: querysets scoped with visible_to, FilterSets shared with the pages, and writes that
go through the same form and service as the edit page (one set of rules, one audit path)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import Form, ModelChoiceField, ModelMultipleChoiceField
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.response import Response

from .permissions import require


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Objects outside the caller's scope are simply not in the queryset: 404, never 403."""

    queryset_select_related: tuple[str, ...] = ()
    can_view = None

    def get_queryset(self):
        if self.can_view is not None:
            require(type(self).can_view(self.request.user))
        queryset = self.queryset.model.objects.visible_to(self.request.user)
        return queryset.select_related(*self.queryset_select_related) if self.queryset_select_related else queryset


class FormBackedViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                        ScopedReadOnlyViewSet):
    form_class: type[Form]
    save = None
    delete = None

    def _save(self, instance):
        data = self.request.data.copy() if hasattr(self.request.data, "copy") else dict(self.request.data)
        if instance is not None and self.request.method == "PATCH":
            data = {**self._current_data(instance), **data}
        form = self.form_class(data=data, instance=instance, user=self.request.user)
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors.get_json_data(escape_html=True))
        try:
            obj = type(self).save(self.request.user, form, instance)
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.messages) from exc
        return obj

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
        obj = self._save(None)
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self._save(self.get_object())
        return Response(self.get_serializer(obj).data)

    def destroy(self, request, *args, **kwargs):
        try:
            type(self).delete(request.user, self.get_object())
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.messages) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)
