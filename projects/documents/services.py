"""Issuing official documents: the number under a lock, the file archived, the re-issue audited."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.roles import Role
from core import audit
from core.numbering import next_number
from core.permissions import require

from .. import permissions as perms
from .. import workflow as wf
from ..funds.queries import passed_acceptance
from . import render
from .models import DocumentKind, IssuedDocument

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpResponse

    from accounts.models import User

    from ..models import Project

# The prefix of each kind's document number, 洛科立〔2008〕12号; a bureau sets its own in settings.
DEFAULT_PREFIXES = {
    DocumentKind.APPLICATION: "洛科申",
    DocumentKind.APPROVAL_NOTICE: "洛科立",
    DocumentKind.TASK_BOOK: "洛科任",
    DocumentKind.ACCEPTANCE: "洛科验",
    DocumentKind.APPROVED_LIST: "洛科",
}
PROJECT_KINDS = (DocumentKind.APPLICATION, DocumentKind.APPROVAL_NOTICE, DocumentKind.TASK_BOOK,
                 DocumentKind.ACCEPTANCE)


def prefix(kind: str) -> str:
    return {**DEFAULT_PREFIXES, **getattr(settings, "DOCUMENT_NUMBER_PREFIXES", {})}[kind]


def issuer() -> str:
    return getattr(settings, "DOCUMENT_ISSUER", "洛阳市科学技术局")


def take_number(kind: str, year: int) -> tuple[int, str]:
    """The next serial of `kind` in `year` from the locked counter row, and its printed number."""
    serial = next_number(f"document:{kind}", year)
    return serial, f"{prefix(kind)}〔{year}〕{serial}号"


_UNSUBMITTED = frozenset({wf.State.DRAFT, wf.State.RETURNED, wf.State.WITHDRAWN})

# When each project document may be issued: (test, message when it may not).
READY: dict[str, tuple[Callable, str]] = {
    DocumentKind.APPLICATION: (lambda p: p.submitted_at is not None or p.status not in _UNSUBMITTED,
                               gettext_lazy("申报书在提交后才能签发。The application is issued once submitted.")),
    DocumentKind.APPROVAL_NOTICE: (lambda p: p.status in wf.PROJECT_STATES,
                                   gettext_lazy("项目批准立项后才能签发立项通知书。The project is not approved.")),
    DocumentKind.TASK_BOOK: (lambda p: p.signed_at is not None or p.status == wf.State.TASKBOOK_APPROVED,
                             gettext_lazy("任务书审核通过后才能签发。The task book is not approved yet.")),
    DocumentKind.ACCEPTANCE: (passed_acceptance,
                              gettext_lazy("项目验收通过后才能签发验收证书。The project has not passed acceptance.")),
}


def can_issue(user, project=None) -> bool:
    if project is None:
        return user.has_role(Role.ADMIN, Role.OFFICER)
    return user.has_role(Role.ADMIN) or perms.is_officer_of(user, project)


def issue_project_document(actor: User, project, kind: str, *, reason: str = "") -> IssuedDocument:
    """Issue `kind` for `project`; a current one of that kind is superseded (a reason is required)."""
    require(can_issue(actor, project))
    if kind not in READY:
        raise ValidationError(_("未知文件类型。Unknown document kind."))
    ready, message = READY[kind]
    if not ready(project):
        raise ValidationError(str(message))
    context = {"p": render.project_context(project), **render.project_tables(project)}
    title = f"{DocumentKind(kind).label} {project.title}"
    current = IssuedDocument.objects.filter(project=project, kind=kind).current()
    return _issue(actor, kind, context, title, current, reason, project=project)


def issue_approved_list(actor: User, call, *, reason: str = "") -> IssuedDocument:
    """The approved projects of one call as the numbered notice (立项项目名单)."""
    require(can_issue(actor))
    projects = call.projects.filter(status__in=wf.PROJECT_STATES).select_related("applicant_org", "pi")
    projects = list(projects.order_by("number"))
    if not projects:
        raise ValidationError(_("该申报通知还没有立项项目。The call has no approved project yet."))
    context = render.approved_list_context(projects, call.program.name, call.year)
    title = f"{DocumentKind.APPROVED_LIST.label} {call.title}"
    current = IssuedDocument.objects.filter(call=call, kind=DocumentKind.APPROVED_LIST).current()
    return _issue(actor, DocumentKind.APPROVED_LIST, context, title, current, reason, call=call)


@transaction.atomic
def _issue(actor, kind: str, context: dict, title: str, current, reason: str, **subject) -> IssuedDocument:
    previous = current.select_for_update().first()
    if previous is not None and not reason.strip():
        raise ValidationError(_("已签发过此文件；重新签发须填写理由。This document was issued before: give the "
                                "reason for re-issuing it."))
    year = timezone.localdate().year
    serial, number = take_number(kind, year)
    context = {**context, "issuer": issuer(), "doc_number": number, "issue_date": render.chinese_date(timezone.now())}
    content = render.render_docx(kind, context)
    document = IssuedDocument(kind=kind, number=number, year=year, serial=serial, title=title[:300],
                              sha256=hashlib.sha256(content).hexdigest(), issued_by=actor, **subject)
    stem = f"{kind}-{year}-{serial}"
    document.file.save(f"{stem}.docx", ContentFile(content), save=False)
    pdf = render.to_pdf(content)
    if pdf is not None:
        document.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    document.full_clean()
    document.save()
    audit.record(actor, "issue_document", document, after=audit.snapshot(document))
    if previous is not None:
        previous.superseded_by, previous.superseded_at, previous.supersede_reason = document, timezone.now(), reason
        previous.save(update_fields=["superseded_by", "superseded_at", "supersede_reason"])
        audit.record(actor, "supersede_document", previous, after={"superseded_by": number}, note=reason)
    return document


def documents_of(project):
    return IssuedDocument.objects.filter(project=project).select_related("superseded_by")


def approved_list_docx(actor: User, projects: QuerySet[Project]) -> HttpResponse:
    """The approved list of any filtered set of projects, as an unnumbered draft of the notice
    (the numbered one is issued per call with `issue_approved_list`)."""
    from django.http import HttpResponse

    rows = projects.filter(status__in=wf.PROJECT_STATES).select_related("program", "applicant_org", "pi")
    rows = list(rows.order_by("program__sort_order", "number")[:5000])
    context = render.approved_list_context(rows, _("科技计划"), timezone.localdate().year)
    context |= {"issuer": issuer(), "doc_number": _("（草稿，未编号）"),
                "issue_date": render.chinese_date(timezone.now())}
    content = render.render_docx(DocumentKind.APPROVED_LIST, context)
    audit.record(actor, "export", None, object_repr="approved-projects.docx", after={"rows": len(rows)})
    response = HttpResponse(content, content_type=render.DOCX_MIME)
    response["Content-Disposition"] = "attachment; filename=approved-projects.docx"
    return response
