from django.urls import path

from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import views

app_name = "achievements"
urlpatterns = [
    app_index("achievements:achievement_list"),
    path("pending/", views.PendingProjectsView.as_view(), name="pending"),
    path("from-project/<int:pk>/", views.RegisterFromProjectView.as_view(), name="register_project"),
    *registry_urls(views.REGISTRIES),
]
