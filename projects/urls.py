from django.urls import path

from core.crud import record_paths

from . import application_views as parts
from . import views
from .documents import views as document_views
from .funds import views as fund_views

app_name = "projects"
urlpatterns = [
    *record_paths("", "project", index=views.ProjectListView, import_=views.ProjectImportView,
                  detail=views.ProjectDetailView, action=views.ProjectActionView),
    path("mine/", views.MyApplicationsView.as_view(), name="my_applications"),
    path("queue/", views.WorkQueueView.as_view(), name="work_queue"),
    path("approved.docx", views.ApprovedDocxView.as_view(), name="approved_docx"),
    path("leader/", views.LeaderPageView.as_view(), name="leader_page"),
    path("analytics/", views.AnalyticsView.as_view(), name="analytics"),
    path("<int:pk>/edit/", views.ApplicationEditView.as_view(), name="application_edit"),
    path("<int:pk>/score/", views.ScoreView.as_view(), name="project_score"),
    path("<int:pk>/taskbook/", views.TaskbookView.as_view(), name="project_taskbook"),
    path("<int:pk>/disburse/", views.DisbursementView.as_view(), name="project_disburse"),
    path("<int:pk>/report/", views.ReportView.as_view(), name="project_report"),
    path("<int:pk>/outcome/", views.OutcomeView.as_view(), name="project_outcome"),
    path("<int:pk>/change/", views.ChangeRequestView.as_view(), name="project_change"),
    path("<int:pk>/attach/", views.AttachmentView.as_view(), name="project_attach"),
    path("<int:pk>/leader/", views.LeaderAssignView.as_view(), name="project_leader"),
    path("changes/<int:pk>/decide/", views.ChangeDecisionView.as_view(), name="change_decide"),
    *record_paths("programs", "program", index=views.ProgramListView, add=views.ProgramEditView,
                  detail=views.ProgramDetailView, edit=views.ProgramEditView),
    *record_paths("calls", "call", index=views.CallListView, add=views.CallEditView, detail=views.CallDetailView,
                  edit=views.CallEditView, action=parts.CallActionView),
    path("calls/<int:call_pk>/apply/", views.ApplicationEditView.as_view(), name="application_add"),
    path("<int:pk>/documents/issue/", document_views.IssueDocumentView.as_view(), name="document_issue"),
    path("calls/<int:pk>/approved-list/issue/", document_views.IssueApprovedListView.as_view(),
         name="approved_list_issue"),
    path("documents/<int:pk>/download/", document_views.DownloadView.as_view(), name="document_download"),
    path("<int:pk>/expenditure/", fund_views.ExpenditureView.as_view(), name="project_expenditure"),
    path("<int:pk>/adjust/", fund_views.AdjustmentView.as_view(), name="budget_adjust"),
    path("adjustments/<int:pk>/decide/", fund_views.AdjustmentDecisionView.as_view(), name="adjustment_decide"),
    path("<int:pk>/balance/", fund_views.BalanceView.as_view(), name="closure_balance"),
    path("finance/", fund_views.FinanceOverviewView.as_view(), name="finance_overview"),
    # The application's parts (issue 15) and the call lifecycle.
    path("organisations/search/", parts.OrganisationSearchView.as_view(), name="organisation_search"),
    path("<int:pk>/people/search/", parts.PersonSearchView.as_view(), name="person_search"),
    path("<int:pk>/team/add/", parts.TeamAddView.as_view(), name="team_add"),
    path("<int:pk>/team/remove/", parts.TeamRemoveView.as_view(), name="team_remove"),
    path("<int:pk>/budget/", parts.BudgetView.as_view(), name="project_budget"),
    path("<int:pk>/targets/add/", parts.TargetAddView.as_view(), name="target_add"),
    path("<int:pk>/targets/remove/", parts.TargetRemoveView.as_view(), name="target_remove"),
    path("<int:pk>/targets/achieved/", parts.AchievedView.as_view(), name="target_achieved"),
]
