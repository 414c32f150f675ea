"""django-axes hooks: the lockout threshold and duration come from LOCKOUT_THRESHOLD and
LOCKOUT_MINUTES, and a locked attempt looks exactly like a wrong password on every surface
(web login, admin login, /api/token/), so nobody learns whether an account exists or is locked."""

import datetime as dt

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.http import HttpResponse


def failure_limit(request=None, credentials=None) -> int:
    return settings.LOCKOUT_THRESHOLD


def cool_off(request=None) -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOCKOUT_MINUTES)


def lockout_response(request, original_response: HttpResponse | None, credentials=None) -> HttpResponse:
    # The view already answered "wrong username or password" (authenticate returned None);
    # axes' own lockout page would tell a locked account from a wrong password.
    return original_response if original_response is not None else HttpResponse(status=400)


class LockoutBackend(AxesStandaloneBackend):
    """Axes' gate, first in AUTHENTICATION_BACKENDS. It also marks the request when it refuses an
    account that was already locked, so the audit log can tell that from an ordinary failure."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            request.refused_as_locked = True
            raise
