"""One translation of the services' Django exceptions for the API (REST_FRAMEWORK's EXCEPTION_HANDLER)
and for the pages: bad input is the caller's error (400), a refusal is 403, and a record still
referred to is a conflict (409) that says by what — never a 500."""

from collections import Counter

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

REFERENCE_ERRORS = (ProtectedError, RestrictedError)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def references_text(exc: ProtectedError | RestrictedError) -> str:
    """'仍被引用：专利 ×2、项目 ×1' — model names and counts only, never ids, fields or constraints."""
    objects = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or ()
    counts = Counter(str(obj._meta.verbose_name) for obj in objects)
    refs = "、".join(f"{name} ×{n}" for name, n in sorted(counts.items()))
    message = _("仍有其他记录引用它，不能删除（%(refs)s）。Other records still refer to it; it cannot be deleted.")
    return message % {"refs": refs or "—"}


def validation_detail(exc: DjangoValidationError):
    """Field errors keep their field names (as a form's would); others are a list of messages."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return exc.messages


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, REFERENCE_ERRORS):
        exc = Conflict(references_text(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
