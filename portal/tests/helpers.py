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


def award_in_notice(org, *, days_left: int = 3, **fields):
    """An award nomination in its public notice, ending `days_left` days from today."""
    from core.testing import make_person
    from reviews.models import AwardNomination

    values = {"title": "大型盾构机主轴承国产化", "category": "progress", "grade_sought": "1", "abstract": "国产化",
              "year": 2026, "status": AwardNomination.Status.IN_NOTICE,
              "notice_end": timezone.localdate() + dt.timedelta(days=days_left)}
    values.update(fields)
    return AwardNomination.objects.create(nominee=make_person(org, "陈工"), organisation=org, recommender=org,
                                          **values)


def portal_notice(org, kind: str = "platform", *, hours_left: int = 48, requires_notice: bool = True):
    """A portal notice (platform recognition or subsidy list) with one line, open since yesterday."""
    from decimal import Decimal

    from ip.models import SubsidyApplication, SubsidyPolicy
    from ip.tests.conftest import make_patent
    from portal.models import NoticeItem, PublicNotice
    from registries.models import Platform

    now = timezone.now()
    notice = PublicNotice.objects.create(kind=kind, title="拟认定名单公示", starts_at=now - dt.timedelta(days=1),
                                         ends_at=now + dt.timedelta(hours=hours_left))
    if kind == PublicNotice.Kind.PLATFORM:
        record = Platform.objects.create(name="轴承材料重点实验室", kind=Platform.Kind.KEY_LAB, host=org)
        NoticeItem.objects.create(notice=notice, platform=record)
    else:
        policy, _ = SubsidyPolicy.objects.get_or_create(year=2008, defaults={
            "title": "专利资助", "total_budget": Decimal("100000"), "cap_per_applicant": Decimal("10000"),
            "requires_notice": requires_notice})
        record = SubsidyApplication.objects.create(policy=policy, patent=make_patent(org), stage="application",
                                                   amount=Decimal("2000"))
        NoticeItem.objects.create(notice=notice, subsidy=record)
    return notice
