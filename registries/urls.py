from . import views
from .crud import urlpatterns as registry_urls

app_name = "registries"
urlpatterns = registry_urls(views.REGISTRIES)
