from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "rural"
urlpatterns = [app_index("rural:commissioner_list"), *registry_urls(views.REGISTRIES)]
