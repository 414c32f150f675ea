from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "directory"
urlpatterns = [app_index("directory:organisation_list"), *registry_urls(views.DIRECTORY)]
