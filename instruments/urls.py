from django.urls import path

from core.crud import app_index
from core.crud import urlpatterns as registry_urls

from . import pages, photos, views

app_name = "instruments"
urlpatterns = [
    app_index("instruments:instrument_list"),
    path("search/", pages.SearchView.as_view(), name="search"),
    path("statistics/", pages.StatisticsView.as_view(), name="statistics"),
    path("evaluation/", pages.EvaluationView.as_view(), name="evaluation"),
    path("statements/", pages.StatementView.as_view(), name="statements"),
    path("instrument/<int:pk>/book/", pages.BookView.as_view(), name="book"),
    path("instrument/<int:pk>/calendar/", pages.CalendarView.as_view(), name="calendar"),
    path("instrument/<int:pk>/calendar.ics", pages.ICSView.as_view(), name="ics"),
    path("instrument/<int:pk>/photos/add/", photos.PhotoUploadView.as_view(), name="photo_add"),
    path("instrument/<int:pk>/photos/<int:photo_pk>/", photos.PhotoView.as_view(), name="photo"),
    path("instrument/<int:pk>/photos/<int:photo_pk>/delete/", photos.PhotoDeleteView.as_view(), name="photo_delete"),
    path("booking/<int:pk>/use/", pages.UsageView.as_view(), name="record_use"),
    *registry_urls(views.REGISTRIES),
]
