from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "outreach"
urlpatterns = [app_index("outreach:event_list"), *registry_urls(views.REGISTRIES)]
