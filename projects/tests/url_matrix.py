"""URL × role matrix rows of projects (see core/url_matrix.py and docs/CONVENTIONS.md)."""

from core.url_matrix import Row

ROWS = [
    Row("program-list"),
    Row("program-detail", pk="projects.Program"),
    Row("call-list"),
    Row("call-detail", pk="projects.Call"),
    Row("project-list"),
    Row("project-detail", pk="projects.Project"),
    Row("project-actions", pk="projects.Project"),
    Row("project-transition", pk="projects.Project", name="submit"),
    Row("projects:project_list"),
    Row("projects:my_applications"),
    Row("projects:work_queue"),
    Row("projects:project_import"),
    Row("projects:approved_docx"),
    Row("projects:leader_page"),
    Row("projects:analytics"),
    Row("projects:project_detail", pk="projects.Project"),
    Row("projects:application_edit", pk="projects.Project"),
    Row("projects:project_action", pk="projects.Project"),
    Row("projects:project_score", pk="projects.Project"),
    Row("projects:project_taskbook", pk="projects.Project"),
    Row("projects:project_disburse", pk="projects.Project"),
    Row("projects:project_report", pk="projects.Project"),
    Row("projects:project_outcome", pk="projects.Project"),
    Row("projects:project_change", pk="projects.Project"),
    Row("projects:project_attach", pk="projects.Project"),
    Row("projects:project_leader", pk="projects.Project"),
    Row("projects:change_decide", pk="projects.ChangeRequest"),
    Row("projects:program_list"),
    Row("projects:program_add"),
    Row("projects:program_detail", pk="projects.Program"),
    Row("projects:program_edit", pk="projects.Program"),
    Row("projects:call_list"),
    Row("projects:call_add"),
    Row("projects:call_detail", pk="projects.Call"),
    Row("projects:call_edit", pk="projects.Call"),
    Row("projects:application_add", call_pk="projects.Call"),
    Row("projects:document_issue", pk="projects.Project"),
    Row("projects:approved_list_issue", pk="projects.Call"),
    Row("projects:document_download", pk="projects.IssuedDocument"),
    Row("projects:project_expenditure", pk="projects.Project"),
    Row("projects:budget_adjust", pk="projects.Project"),
    Row("projects:adjustment_decide", pk="projects.BudgetAdjustment"),
    Row("projects:closure_balance", pk="projects.Project"),
    Row("projects:finance_overview"),
    Row("projects:organisation_search"),
    Row("projects:person_search", pk="projects.Project"),
    Row("projects:team_add", pk="projects.Project"),
    Row("projects:team_remove", pk="projects.Project"),
    Row("projects:project_budget", pk="projects.Project"),
    Row("projects:target_add", pk="projects.Project"),
    Row("projects:target_remove", pk="projects.Project"),
    Row("projects:target_achieved", pk="projects.Project"),
    Row("projects:call_action", pk="projects.Call"),
]


def build(users, org_in, org_out, pi_out) -> None:
    """Issued documents of a project in scope and one outside (rows only: their files are absent,
    which the download answers with 404)."""
    from projects.documents.models import DocumentKind, IssuedDocument
    from projects.funds.models import BudgetAdjustment
    from projects.models import Project

    for serial, org in enumerate((org_in, org_out), start=900):
        project = Project.objects.filter(applicant_org=org).first()
        IssuedDocument.objects.create(
            kind=DocumentKind.APPROVAL_NOTICE, number=f"洛科立〔2008〕{serial}号", year=2008, serial=serial,
            project=project, title="矩阵立项通知书", file="documents/matrix/absent.docx", sha256="0" * 64,
        )
        BudgetAdjustment.objects.create(project=project, from_category="materials", to_category="testing",
                                        amount=1000, reason="矩阵调剂")
    _draft_call()


def _draft_call() -> None:
    """A draft call: the bureau sees it, every other role gets 404 (outside its scope)."""
    from projects.tests.helpers import make_call
    from projects.workflow import CallState

    make_call(title="矩阵草稿申报通知", status=CallState.DRAFT)
