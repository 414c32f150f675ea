"""A living portal after `make run`: a notice running now (with one objection waiting and one
answered), published policies and news (one corrected, one withdrawn), a few awarded
nominations, and the plan's indicators published for a month end. Calls open today and the
approved projects come from projects' own demo data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directory.models import Organisation, Person
from plans.models import Plan
from projects import workflow as project_wf
from projects.models import Project
from reviews.models import AwardNomination

from . import notices, services
from .models import Publication, PublicNotice

NOTICE_ITEMS = 8
DOCUMENTS = [
    (Publication.Kind.POLICY, "市科技计划项目管理办法", "洛科〔2008〕12号",
     "为规范市科技计划项目管理，提高财政科技资金使用效益，制定本办法。\n\n"
     "第一条 本办法适用于市级科技计划项目的申报、评审、立项、实施和验收。"),
    (Publication.Kind.POLICY, "市专利申请资助办法", "洛科〔2008〕15号",
     "为鼓励发明创造，对本市单位和个人获得授权的专利给予资助。"),
    (Publication.Kind.ANNOUNCEMENT, "关于开展高新技术企业认定工作的通知", "洛科〔2008〕21号",
     "各县（市、区）科技局、各有关企业：现将高新技术企业认定工作有关事项通知如下。"),
    (Publication.Kind.ANNOUNCEMENT, "关于组织申报年度市科技计划项目的通知", "洛科〔2008〕3号",
     "各有关单位：年度市科技计划项目申报工作现已开始，请按申报指南要求在线填报。"),
    (Publication.Kind.NEWS, "市科技局召开全市科技工作会议", "",
     "会议总结了上年度科技工作，部署了本年度科技工作要点。"),
    (Publication.Kind.NEWS, "产学研合作对接会成功举办", "",
     "来自高校、科研院所和企业的代表参加了对接会，现场签约合作项目二十余项。"),
]


def seed(scale: str, rng, stdout=None) -> str:
    User = get_user_model()
    officer = User.objects.filter(username="officer").first()
    admin = User.objects.filter(username="admin").first()
    if officer is None or admin is None:
        return "portal: no demo officer/admin, skipped"
    published = _documents(officer)
    items = _running_notice(rng)
    objections = _objections(admin, items)
    awards = _awards(rng)
    lines = _portal_notices(officer)
    snapshots = _snapshot(officer)
    return (f"{published} publications, a notice of {len(items)} projects, {objections} objections, "
            f"{awards} awards, {lines} platform/subsidy notice lines, {snapshots} indicator snapshot")


def _documents(officer) -> int:
    from django import forms

    class _Form(forms.ModelForm):
        class Meta:
            model = Publication
            fields = ["kind", "title", "doc_number", "issuer", "body", "correction_note"]

    for kind, title, number, body in DOCUMENTS:
        form = _Form({"kind": kind, "title": title, "doc_number": number, "issuer": "市科学技术局", "body": body})
        form.is_valid()
        publication = services.save_publication(officer, form, None)
        services.apply_publication_action(officer, publication, "publish")
    first = Publication.objects.get(title=DOCUMENTS[0][1])
    form = _Form({"kind": first.kind, "title": first.title, "doc_number": first.doc_number, "issuer": first.issuer,
                  "body": first.body + "\n\n第二条 项目资金实行专款专用。",
                  "correction_note": "补充第二条资金管理规定。"}, instance=first)
    form.is_valid()
    services.save_publication(officer, form, first)
    # The policy's text as a downloadable file on its public page (a one-page PDF).
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n%%EOF\n"
    services.attach_to_publication(officer, first, SimpleUploadedFile("市科技计划项目管理办法.pdf", pdf))
    withdrawn = Publication.objects.get(title=DOCUMENTS[5][1])
    services.apply_publication_action(officer, withdrawn, "withdraw", comment="信息有误，核实后重新发布。")
    return Publication.objects.published().count()


def _running_notice(rng) -> list[Project]:
    """Put a handful of proposed projects of one call into a notice that runs today."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    start = now - dt.timedelta(days=2)
    end = (now + dt.timedelta(days=5)).replace(hour=17, minute=30)
    candidates = Project.objects.filter(
        status__in=[project_wf.State.IN_NOTICE, project_wf.State.PROPOSED, project_wf.State.EXPERT_REVIEW],
        call__isnull=False,
    ).order_by("id")
    first = candidates.first()
    if first is None:
        return []
    items = list(candidates.filter(call=first.call)[:NOTICE_ITEMS])
    for project in items:
        project.status = project_wf.State.IN_NOTICE
        project.notice_start, project.notice_end = start, end
        project.proposed_funding = project.proposed_funding or project.program.funding_min or Decimal("100000")
        project.review_score = project.review_score or Decimal(rng.randrange(75, 95))
    Project.objects.bulk_update(items, ["status", "notice_start", "notice_end", "proposed_funding", "review_score"])
    return items


def _objections(admin, items: list[Project]) -> int:
    if len(items) < 2:
        return 0
    services.file_objection(items[0], name="王先生", contact="wang.demo@example.org",
                            content="该项目的合作单位与申报材料所列不符，请核查。")
    answered = services.file_objection(items[1], name="某公司", contact="0379-00000000",
                                       content="申报单位的研发场地情况与实际不符。")
    services.resolve_objection(admin, answered, upheld=False,
                               resolution="经现场核查，申报单位研发场地与申报材料一致，异议不成立。")
    return 2


def _awards(rng) -> int:
    people = list(Person.objects.order_by("id")[:3])
    orgs = list(Organisation.objects.filter(kind__in=["university", "enterprise"]).order_by("id")[:3])
    if len(people) < 3 or len(orgs) < 3:
        return 0
    grades = [AwardNomination.Grade.FIRST, AwardNomination.Grade.SECOND, AwardNomination.Grade.THIRD]
    titles = ["大型矿用挖掘机关键技术研究与应用", "耐磨材料热处理新工艺", "牡丹新品种选育与栽培技术"]
    AwardNomination.objects.bulk_create(
        AwardNomination(
            title=title, category=AwardNomination.Category.PROGRESS, grade_sought=grade, final_grade=grade,
            nominee=person, organisation=org, recommender=org, abstract="成果简介（演示）", year=2007,
            status=AwardNomination.Status.AWARDED,
        )
        for title, grade, person, org in zip(titles, grades, people, orgs, strict=True)
    )
    # One nomination in its notice now, so the public can object to an award too.
    AwardNomination.objects.create(
        title="高效节能轴承设计制造技术", category=AwardNomination.Category.INVENTION,
        grade_sought=AwardNomination.Grade.SECOND, nominee=people[0], organisation=orgs[0], recommender=orgs[0],
        abstract="成果简介（演示）", year=timezone.localdate().year, status=AwardNomination.Status.IN_NOTICE,
        notice_end=timezone.localdate() + dt.timedelta(days=6),
    )
    return 4


def _portal_notices(officer) -> int:
    """A platform-recognition notice and a subsidy-list notice running today (seven days each)."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    start, end = now - dt.timedelta(days=1), (now + dt.timedelta(days=6)).replace(hour=17, minute=30)
    year = timezone.localdate().year
    count = 0
    for kind, title, records in (
        (PublicNotice.Kind.PLATFORM, f"{year}年度市级创新平台拟认定名单公示", notices.platform_candidates()[:5]),
        (PublicNotice.Kind.SUBSIDY, f"{year}年度专利申请资助拟资助名单公示", notices.subsidy_candidates()[:8]),
    ):
        records = list(records)
        if records:
            notices.open_notice(officer, kind=kind, title=title, starts_at=start, ends_at=end, records=records)
            count += len(records)
    return count


def _snapshot(officer) -> int:
    plan = Plan.objects.order_by("-year").first()
    if plan is None:
        return 0
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    day = min(last_month, dt.date(plan.year, 12, 31))
    services.publish_snapshot(officer, plan, day)
    return 1
