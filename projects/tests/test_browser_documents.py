"""In the browser: an officer issues a project's 立项通知书 from its page, the PI downloads it."""

import io
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document

from accounts.roles import Role
from core.testing import browser_login, make_organisation, make_user, screenshot
from directory.models import Division
from projects.documents.models import IssuedDocument
from projects.workflow import State

from .helpers import make_project


@pytest.mark.browser
def test_officer_issues_and_pi_downloads_the_approval_notice(browser_page, live_server):
    org = make_organisation("410305", name="洛阳轴承研究所有限公司")
    pi = make_user(Role.APPLICANT, "d-applicant", organisation=org)
    officer = make_user(Role.OFFICER, "d-officer", division=Division.objects.get(code="planning"))
    project = make_project(pi, org, status=State.IN_PROGRESS, title="高速精密轴承研制", signed_at=timezone.now())
    page = browser_page

    browser_login(page, officer.username)
    page.goto(f"/projects/{project.pk}/")
    page.select_option("#document-issue-form select[name=kind]", "approval_notice")
    page.click("#document-issue-form button")
    page.wait_for_selector(".alert-success")
    number = IssuedDocument.objects.get(project=project).number
    assert number in page.locator("#document-list").inner_text()
    screenshot(page, "projects-documents-issued")

    page.context.clear_cookies()
    browser_login(page, pi.username)
    page.goto(f"/projects/{project.pk}/")
    with page.expect_download() as info:
        page.click("#document-list a.document-download")
    download = info.value
    assert download.suggested_filename == f"{number}-立项通知书.docx"
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert number in text and "高速精密轴承研制" in text
