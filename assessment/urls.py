from django.urls import path

from core.crud import record_paths

from . import exports, scheme_pages, views

app_name = "assessment"
urlpatterns = [
    *record_paths("", "assessment", index=views.AssessmentListView, add=views.AssessmentCreateView,
                  detail=views.AssessmentDetailView),
    path("<int:pk>/action/<slug:action>/", views.AssessmentActionView.as_view(), name="assessment_action"),
    path("<int:pk>/results.xlsx", exports.WorkbookView.as_view(), name="assessment_xlsx"),
    path("<int:pk>/bulletin.docx", exports.BulletinView.as_view(), name="assessment_docx"),
    *record_paths("reports", "report", index=views.ReportListView, detail=views.ReportDetailView,
                  edit=views.ReportEditView),
    path("reports/<int:pk>/action/<slug:action>/", views.ReportActionView.as_view(), name="report_action"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    *record_paths("schemes", "scheme", index=views.SchemeListView, detail=views.SchemeDetailView),
    path("schemes/<int:pk>/copy/", views.SchemeCopyView.as_view(), name="scheme_copy"),
    *scheme_pages.urlpatterns(),
]
