from django.urls import path

from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "ip"
urlpatterns = [
    app_index("ip:patent_list"),
    path("statistics/", views.PatentStatisticsView.as_view(), name="statistics"),
    *registry_urls(views.REGISTRIES),
]
