from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services


class LockoutAuthenticationForm(AuthenticationForm):
    """Refuses a locked account before checking the password, and counts failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码错误。Incorrect username or password."),
        "locked": _("连续登录失败次数过多，账户已锁定至 %(until)s。Account locked after repeated failures."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean(self):
        username = self.cleaned_data.get("username")
        locked_until = services.locked_until(username)
        if locked_until:
            services.register_locked_attempt(username, self.request)
            raise forms.ValidationError(self.error_messages["locked"], code="locked",
                                        params={"until": timezone.localtime(locked_until).strftime("%H:%M")})
        try:
            return super().clean()
        except forms.ValidationError:
            services.register_failed_login(username, self.request)
            raise
