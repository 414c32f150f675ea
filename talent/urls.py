from core.crud import urlpatterns as registry_urls

from . import views

app_name = "talent"
urlpatterns = registry_urls(views.REGISTRIES)
