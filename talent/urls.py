from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "talent"
urlpatterns = [app_index("talent:talent_list"), *registry_urls(views.REGISTRIES)]
