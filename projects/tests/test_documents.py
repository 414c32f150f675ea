"""Official documents: numbering under a lock, archive, immutability, re-issue, download, command."""

import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from accounts.roles import Role
from core.models import AuditEntry
from core.testing import make_user
from projects.documents import DocumentKind, IssuedDocument, issue_approved_list, issue_project_document
from projects.documents import render as doc_render
from projects.documents.services import take_number
from projects.workflow import State

from .helpers import make_call, make_project
from .test_concurrency import RACE, run_in_threads

YEAR = timezone.localdate().year


def _text(document: IssuedDocument) -> str:
    with document.file.open("rb") as handle:
        doc = Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def approved(users, org_a):
    return make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, title="盾构机主轴承 & <密封>",
                        signed_at=timezone.now())


def test_approval_notice_is_numbered_filled_and_archived(users, approved):
    document = issue_project_document(users[Role.OFFICER], approved, DocumentKind.APPROVAL_NOTICE)
    assert document.number == f"洛科立〔{YEAR}〕1号" and document.serial == 1
    text = _text(document)
    assert "洛阳市科学技术局文件" in text and document.number in text
    assert "盾构机主轴承 & <密封>" in text  # escaped into the XML, shown as typed
    assert "50.00" in text  # 500,000 yuan in 万元
    assert len(document.sha256) == 64 and not document.pdf
    entry = AuditEntry.objects.get(action="issue_document")
    assert entry.object_id == str(document.pk)
    second = issue_project_document(users[Role.OFFICER], approved, DocumentKind.TASK_BOOK)
    assert second.number == f"洛科任〔{YEAR}〕1号"  # numbered per kind
    assert "预算科目" in _text(second)


def test_every_project_kind_renders(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, signed_at=timezone.now())
    for kind in (DocumentKind.APPLICATION, DocumentKind.APPROVAL_NOTICE, DocumentKind.TASK_BOOK):
        assert project.title in _text(issue_project_document(users[Role.ADMIN], project, kind))
    assert IssuedDocument.objects.filter(project=project).count() == 3


def test_issued_document_is_immutable(users, approved):
    document = issue_project_document(users[Role.OFFICER], approved, DocumentKind.APPROVAL_NOTICE)
    document.title = "改过的标题"
    with pytest.raises(ValidationError):
        document.save()
    assert IssuedDocument.objects.get(pk=document.pk).title != "改过的标题"


def test_reissue_needs_a_reason_and_supersedes(users, approved):
    officer = users[Role.OFFICER]
    first = issue_project_document(officer, approved, DocumentKind.APPROVAL_NOTICE)
    with pytest.raises(ValidationError, match="reason for re-issuing"):
        issue_project_document(officer, approved, DocumentKind.APPROVAL_NOTICE)
    assert IssuedDocument.objects.count() == 1
    second = issue_project_document(officer, approved, DocumentKind.APPROVAL_NOTICE, reason="单位名称有误")
    first.refresh_from_db()
    assert first.superseded_by == second and first.supersede_reason == "单位名称有误"
    assert second.number == f"洛科立〔{YEAR}〕2号"
    assert list(IssuedDocument.objects.current()) == [second]
    entry = AuditEntry.objects.get(action="supersede_document")
    assert entry.object_id == str(first.pk) and entry.note == "单位名称有误"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (State.DRAFT, DocumentKind.APPLICATION),
        (State.PROPOSED, DocumentKind.APPROVAL_NOTICE),
        (State.APPROVED, DocumentKind.TASK_BOOK),
        (State.IN_PROGRESS, DocumentKind.ACCEPTANCE),
    ],
)
def test_a_document_before_its_time_is_refused(users, org_a, status, kind):
    project = make_project(users[Role.APPLICANT], org_a, status=status)
    with pytest.raises(ValidationError):
        issue_project_document(users[Role.OFFICER], project, kind)
    assert not IssuedDocument.objects.exists()


def test_only_bureau_officers_issue(users, approved):
    for role in (Role.APPLICANT, Role.ORG_ADMIN, Role.COUNTY, Role.FINANCE):
        with pytest.raises(PermissionDenied):
            issue_project_document(users[role], approved, DocumentKind.APPROVAL_NOTICE)
    assert not IssuedDocument.objects.exists()


def test_approved_list_per_call(users, org_a):
    call = make_call()
    make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, call=call, title="已立项甲")
    make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW, call=call, title="评审中乙")
    document = issue_approved_list(users[Role.OFFICER], call)
    text = _text(document)
    assert document.number == f"洛科〔{YEAR}〕1号" and document.call == call
    assert "已立项甲" in text and "评审中乙" not in text
    with pytest.raises(ValidationError):
        issue_approved_list(users[Role.OFFICER], make_call())  # nothing approved yet


def test_page_issue_and_download(users, approved, org_b):
    officer = Client()
    officer.force_login(users[Role.OFFICER])
    response = officer.post(reverse("projects:document_issue", args=[approved.pk]), {"kind": "approval_notice"})
    assert response.status_code == 302
    document = IssuedDocument.objects.get()
    page = officer.get(approved.get_absolute_url()).content.decode()
    assert document.number in page and reverse("projects:document_download", args=[document.pk]) in page
    pi = Client()
    pi.force_login(users[Role.APPLICANT])
    download = pi.get(reverse("projects:document_download", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert pi.get(reverse("projects:document_download", args=[document.pk]), {"format": "pdf"}).status_code == 404
    refused = officer.post(reverse("projects:document_issue", args=[approved.pk]), {"kind": "approval_notice"})
    assert refused.status_code == 302 and IssuedDocument.objects.count() == 1  # no reason: nothing issued
    other = make_project(make_user(Role.APPLICANT, "pi_b", organisation=org_b), org_b, status=State.IN_PROGRESS)
    assert pi.post(reverse("projects:document_issue", args=[other.pk]), {"kind": "application"}).status_code == 404


def test_project_documents_command_writes_the_files(users, approved, tmp_path):
    issue_project_document(users[Role.OFFICER], approved, DocumentKind.APPROVAL_NOTICE)
    issue_project_document(users[Role.OFFICER], approved, DocumentKind.APPROVAL_NOTICE, reason="重发")
    out = io.StringIO()
    call_command("project_documents", approved.number, "--out", str(tmp_path / "out"), stdout=out)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"洛科立〔{YEAR}〕2号-立项通知书.docx"]
    call_command("project_documents", approved.number, "--out", str(tmp_path / "all"), "--all", stdout=out)
    assert len(list((tmp_path / "all").iterdir())) == 2


def test_pdf_only_where_libreoffice_is_installed(monkeypatch):
    monkeypatch.setattr(doc_render.shutil, "which", lambda name: None)
    assert doc_render.to_pdf(b"PK") is None


def test_sequential_numbers_per_year_and_kind(db):
    assert [take_number("acceptance", 2008)[1] for _ in range(3)] == ["洛科验〔2008〕1号", "洛科验〔2008〕2号",
                                                                      "洛科验〔2008〕3号"]
    assert take_number("acceptance", 2009)[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite serialises whole-database writers: no row-lock race to prove; "
                           "run with DATABASE_URL=postgres://… for this test")
@RACE
def test_two_threads_get_distinct_document_numbers():
    barrier = threading.Barrier(2, timeout=5)

    def take():
        barrier.wait()
        return [take_number("approval_notice", 2008)[1] for _ in range(20)]

    first, second = run_in_threads(take, take)
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    assert len(set(first) | set(second)) == 40


def test_acceptance_certificate_shows_targets_planned_against_achieved(users, org_a):
    from decimal import Decimal

    from projects.models import Outcome, Target

    project = make_project(users[Role.APPLICANT], org_a, status=State.ACCEPTED, signed_at=timezone.now())
    # Patents: 2 planned (the helper's target), one registered as an outcome → achieved 1, not met.
    Outcome.objects.create(project=project, kind=Outcome.Kind.PATENT, title="主轴承密封结构", reference="ZL200810001")
    Target.objects.create(project=project, kind=Target.Kind.TALENT, quantity=Decimal("5"), unit="人",
                          description="培养博士", achieved=Decimal("6"))
    Target.objects.create(project=project, kind=Target.Kind.REVENUE, quantity=Decimal("1200.5"), unit="万元")
    text = _text(issue_project_document(users[Role.OFFICER], project, DocumentKind.ACCEPTANCE))
    assert "考核指标完成情况" in text
    rows = [line for line in text.splitlines() if line]
    assert "2 件" in rows and "1 件" in rows  # patents planned and counted from the outcomes
    assert "5 人" in rows and "6 人" in rows and "培养博士" in rows  # entered at acceptance
    assert "1200.5 万元" in rows  # nothing achieved yet: shown as —
    assert "未完成" in rows and "已完成" in rows


def test_a_filled_template_is_docxtpls_own_rendering_byte_for_byte():
    """render_docx takes the xml:space attributes off around docxtpl's move of the body (lxml's
    move is quadratic in them) and puts them back: the parts are what docxtpl alone writes."""
    import zipfile

    from docxtpl import DocxTemplate

    rows = [{"n": n, "number": f"2008-GG-{n:06d}", "title": " 盾构机 & <轴承> ", "org": "洛阳轴承厂", "pi": "张明",
             "funding": "12.00"} for n in range(1, 40)]
    context = {"rows": rows, "count": len(rows), "total": "468.00", "heading": "科技攻关", "year": 2008,
               "issuer": "洛阳市科学技术局", "doc_number": "洛科〔2008〕1号", "issue_date": "2008年6月1日"}
    reference = DocxTemplate(doc_render.template_path(DocumentKind.APPROVED_LIST))
    reference.render(context, autoescape=True)
    expected = io.BytesIO()
    reference.save(expected)

    def parts(content: bytes) -> dict[str, bytes]:
        archive = zipfile.ZipFile(io.BytesIO(content))
        return {name: archive.read(name) for name in archive.namelist()}

    rendered = parts(doc_render.render_docx(DocumentKind.APPROVED_LIST, context))
    assert rendered == parts(expected.getvalue())
    assert b'xml:space="preserve"' in rendered["word/document.xml"]
