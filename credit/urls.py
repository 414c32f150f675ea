from django.urls import path

from core.crud import app_index, record_paths

from . import views

app_name = "credit"
urlpatterns = [
    app_index("credit:event_list"),
    *record_paths(
        "events", "event", index=views.EventListView, add=views.EventAddView, detail=views.EventDetailView
    ),
    path("events/<int:pk>/decide/", views.EventDecideView.as_view(), name="event_decide"),
    path("events/<int:pk>/appeal/", views.AppealFileView.as_view(), name="appeal_file"),
    path("appeals/<int:pk>/decide/", views.AppealDecideView.as_view(), name="appeal_decide"),
]
