from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("notifications/settings/", views.NotificationPreferenceView.as_view(), name="notification_preferences"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
]
