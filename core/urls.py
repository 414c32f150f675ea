from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
]
