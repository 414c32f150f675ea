"""A POST-only view that runs one service call on one visible object (used by credit and reviews).

It belongs in core.views (requested in the report); until then both of our apps share it here.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from core.permissions import get_visible_or_404


def error_text(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


class ServiceActionView(LoginRequiredMixin, View):
    """POST → get the object (404 outside scope) → `run(request, obj)` → message → redirect.

    PermissionDenied propagates (403); a ValidationError becomes an error message.
    """

    model: type[models.Model]
    success_message = ""

    def run(self, request, obj):  # pragma: no cover - each view defines it
        raise NotImplementedError

    def get_queryset(self, request):
        return self.model.objects

    def redirect_to(self, request, obj, result):
        return redirect((result if isinstance(result, models.Model) else obj).get_absolute_url())

    def post(self, request, pk):
        obj = get_visible_or_404(self.get_queryset(request), request.user, pk=pk)
        try:
            result = self.run(request, obj)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return redirect(obj.get_absolute_url())
        messages.success(request, self.success_message or _("已完成。Done."))
        return self.redirect_to(request, obj, result)


def run_service(request, call: Callable, *args, **kwargs):
    """Run a service from a view; ValidationError → message and None; PermissionDenied → 403."""
    try:
        return call(*args, **kwargs)
    except PermissionDenied:
        raise
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return None
