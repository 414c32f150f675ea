from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    # Success and failure are audited from the authentication signals (accounts.signals), the
    # same for the web login, the admin login and the API token.
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.register_logout(request.user, request)
    return auth_views.LogoutView.as_view()(request)
