from core.crud import urlpatterns as registry_urls

from . import views

app_name = "directory"
urlpatterns = registry_urls(views.DIRECTORY)
