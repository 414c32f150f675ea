from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST

from . import services
from .forms import LockoutAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        services.register_login(form.get_user(), self.request)
        return response


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.register_logout(request.user, request)
    return auth_views.LogoutView.as_view()(request)
