from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from core.discovery import app_modules

router = DefaultRouter()
for module in app_modules("api"):
    # An app's api.py has register(router) (core's holds only base classes); one router serves /api/.
    if hasattr(module, "register"):
        module.register(router)

urlpatterns = [
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/token/", obtain_auth_token, name="api_token"),
    # The schema maps every endpoint and field: for signed-in users only, in every environment.
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema", permission_classes=[IsAuthenticated]),
         name="api_docs"),
    path("core/", include("core.urls")),
    path("directory/", include("directory.urls")),
    path("credit/", include("credit.urls")),
    path("projects/", include("projects.urls")),
    path("reviews/", include("reviews.urls")),
    path("registries/", include("registries.urls")),
    path("ip/", include("ip.urls")),
    path("assessment/", include("assessment.urls")),
    path("instruments/", include("instruments.urls")),
    path("agencies/", include("agencies.urls")),
    path("achievements/", include("achievements.urls")),
    path("talent/", include("talent.urls")),
    path("rural/", include("rural.urls")),
    path("outreach/", include("outreach.urls")),
    path("public/", include("portal.urls")),
    path("", include("plans.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
