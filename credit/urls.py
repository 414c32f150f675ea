from django.urls import path

from . import views

app_name = "credit"
urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/add/", views.EventAddView.as_view(), name="event_add"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/decide/", views.EventDecideView.as_view(), name="event_decide"),
    path("events/<int:pk>/appeal/", views.AppealFileView.as_view(), name="appeal_file"),
    path("appeals/<int:pk>/decide/", views.AppealDecideView.as_view(), name="appeal_decide"),
]
