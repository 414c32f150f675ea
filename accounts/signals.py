"""Authentication events from every surface (web, admin, token) into the audit log. The
authentication path itself (counting, locking, refusing) belongs to django-axes."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    if getattr(request, "refused_as_locked", False):
        services.register_locked_attempt(username, request)
    else:
        services.register_failed_login(username, request)


@receiver(user_locked_out, dispatch_uid="accounts.audit_lockout")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    # Axes repeats this signal for every try at an account that is already locked.
    if not getattr(request, "refused_as_locked", False):
        services.register_lockout(username or "", request)


@receiver(user_logged_in, dispatch_uid="accounts.audit_login")
def audit_login(sender, request, user, **kwargs):
    # A person signing in posts a form (web or admin); a session opened by code (the test
    # client's force_login) is not a sign-in.
    if getattr(request, "method", None) == "POST":
        services.register_login(user, request)
