from django.urls import path

from core.crud import record_paths

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    *record_paths("plans", "plan", index=views.PlanListView, import_=views.PlanImportView, detail=views.PlanDetailView,
                  delete=views.PlanDeleteView),
    path("plans/<int:pk>/review/", views.PlanReviewView.as_view(), name="plan_review"),
    path("plans/<int:pk>/next-year/", views.PlanNextYearView.as_view(), name="plan_next_year"),
    # After the named pages above: any other word is a workflow action.
    path("plans/<int:pk>/<slug:action>/", views.PlanTransitionView.as_view(), name="plan_transition"),
    *record_paths("plans/indicators", "indicator", detail=views.IndicatorDetailView, edit=views.IndicatorEditView),
    path("plans/indicators/<int:pk>/reports/", views.ReportCreateView.as_view(), name="report_add"),
    path("plans/reports/<int:pk>/delete/", views.ReportDeleteView.as_view(), name="report_delete"),
    *record_paths("plans/work-items", "work_item", index=views.WorkItemListView, detail=views.WorkItemDetailView,
                  edit=views.WorkItemEditView),
    path("plans/work-items/<int:pk>/<slug:what>/", views.WorkItemActionView.as_view(), name="work_item_action"),
]
