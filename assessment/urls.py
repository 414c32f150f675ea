from django.urls import path

from . import exports, scheme_pages, views

app_name = "assessment"
urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="assessment_list"),
    path("add/", views.AssessmentCreateView.as_view(), name="assessment_add"),
    path("<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("<int:pk>/action/<slug:action>/", views.AssessmentActionView.as_view(), name="assessment_action"),
    path("<int:pk>/results.xlsx", exports.WorkbookView.as_view(), name="assessment_xlsx"),
    path("<int:pk>/bulletin.docx", exports.BulletinView.as_view(), name="assessment_docx"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("reports/<int:pk>/action/<slug:action>/", views.ReportActionView.as_view(), name="report_action"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("schemes/", views.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:pk>/copy/", views.SchemeCopyView.as_view(), name="scheme_copy"),
    *scheme_pages.urlpatterns(),
]
