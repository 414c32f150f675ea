"""Builders for portal tests (fixture rows are written directly; they are not user actions)."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.models import Publication
from projects.models import Project
from projects.tests.helpers import make_call, make_project
from projects.workflow import State

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def notice_project(users, org, *, days_left: int = 3, **fields) -> Project:
    """A project of an open call in a notice that started yesterday and ends in `days_left` days."""
    now = timezone.now()
    project = make_project(users["applicant"], org, status=State.IN_NOTICE, call=make_call(), **fields)
    Project.objects.filter(pk=project.pk).update(
        notice_start=now - dt.timedelta(days=1), notice_end=now + dt.timedelta(days=days_left)
    )
    project.refresh_from_db()
    return project


def publication(status: str = Publication.Status.PUBLISHED, **fields) -> Publication:
    values = {"kind": Publication.Kind.POLICY, "title": "市科技计划项目管理办法", "body": "正文", "status": status}
    if status != Publication.Status.DRAFT:
        values["published_at"] = timezone.now()
    values.update(fields)
    return Publication.objects.create(**values)


def png(name: str = "evidence.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def fake_pdf_text(name: str = "evidence.pdf") -> SimpleUploadedFile:
    """A text file named .pdf: the type is judged by content, so it is refused."""
    return SimpleUploadedFile(name, b"just text, not a pdf", content_type="application/pdf")


def big_pdf(size: int) -> SimpleUploadedFile:
    data = io.BytesIO(b"%PDF-1.4\n" + b"0" * size)
    return SimpleUploadedFile("big.pdf", data.getvalue(), content_type="application/pdf")


OBJECTION = {"name": "王先生", "contact": "wang@example.org", "content": "合作单位与申报材料不符，请核查。"}
