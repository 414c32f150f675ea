from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "registries"
urlpatterns = [app_index("registries:platform_list"), *registry_urls(views.REGISTRIES)]
