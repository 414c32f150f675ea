from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "agencies"
urlpatterns = [app_index("agencies:agency_list"), *registry_urls(views.REGISTRIES)]
