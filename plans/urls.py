from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/import/", views.PlanImportView.as_view(), name="plan_import"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/review/", views.PlanReviewView.as_view(), name="plan_review"),
    path("plans/<int:pk>/delete/", views.PlanDeleteView.as_view(), name="plan_delete"),
    path("plans/<int:pk>/next-year/", views.PlanNextYearView.as_view(), name="plan_next_year"),
    path("plans/<int:pk>/<slug:action>/", views.PlanTransitionView.as_view(), name="plan_transition"),
    path("plans/indicators/<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("plans/indicators/<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("plans/indicators/<int:pk>/reports/", views.ReportCreateView.as_view(), name="report_add"),
    path("plans/reports/<int:pk>/delete/", views.ReportDeleteView.as_view(), name="report_delete"),
    path("plans/work-items/", views.WorkItemListView.as_view(), name="work_item_list"),
    path("plans/work-items/<int:pk>/", views.WorkItemDetailView.as_view(), name="work_item_detail"),
    path("plans/work-items/<int:pk>/edit/", views.WorkItemEditView.as_view(), name="work_item_edit"),
    path("plans/work-items/<int:pk>/<slug:what>/", views.WorkItemActionView.as_view(), name="work_item_action"),
]
