"""Builders for project tests: rows are written directly (fixtures are not user actions)."""

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import Attachment
from projects.models import BudgetLine, Call, Outcome, Program, Project, Target, TeamMember
from projects.workflow import CallState, State

FUNDING = Decimal("500000.00")


def make_call(program_code: str = "gongguan", *, open_now: bool = True, **fields) -> Call:
    program = Program.objects.get(code=program_code)
    now = timezone.now()
    opens, closes = (
        (now - dt.timedelta(days=10), now + dt.timedelta(days=10))
        if open_now
        else (now - dt.timedelta(days=40), now - dt.timedelta(days=10))
    )
    defaults = {
        "program": program,
        "year": timezone.localdate(now).year,
        "title": f"{timezone.localdate(now).year}年度{program.name}项目申报通知",
        "opens_at": opens,
        "closes_at": closes,
        "status": CallState.PUBLISHED,
    }
    return Call.objects.create(**{**defaults, **fields})


def attach_required(project: Project) -> None:
    for purpose in project.program.required_attachments:
        Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(Project),
            object_id=str(project.pk),
            purpose=purpose,
            file="attachments/test.pdf",
            original_name=f"{purpose}.pdf",
            kind="pdf",
            size=1000,
        )


def make_project(pi, org, *, status: str = State.DRAFT, call: Call | None = None, **fields) -> Project:
    """A complete application in `status`, with whatever that state implies already recorded."""
    call = call or make_call()
    today = timezone.localdate()
    values = {
        "number": f"T-{Project.objects.count() + 1:05d}",
        "title": "盾构机主轴承关键技术研究",
        "call": call,
        "program": call.program,
        "year": call.year,
        "field": "装备制造",
        "status": status,
        "applicant_org": org,
        "pi": pi,
        "division": call.program.division,
        "summary": "研究盾构机主轴承。",
        "start_date": today,
        "end_date": today + dt.timedelta(days=730),
        "requested_funding": FUNDING,
        "self_funding": Decimal("100000.00"),
    }
    values.update(fields)
    project = Project.objects.create(**values)
    attach_required(project)
    add_application_parts(project)
    _fill_for_state(project)
    # What the caller set explicitly wins over what the state implies.
    Project.objects.filter(pk=project.pk).update(**{k: v for k, v in fields.items() if k != "call"})
    project.refresh_from_db()
    return project


# Before approval the budget is the application's (requested / self-raised per category).
APPLICATION_BUDGET_STATES = {
    State.DRAFT, State.SUBMITTED, State.ENDORSED, State.RECOMMENDED, State.RETURNED, State.EXPERT_REVIEW,
    State.PROPOSED, State.IN_NOTICE, State.OBJECTION, State.WITHDRAWN, State.REJECTED,
}


def add_application_parts(project: Project) -> None:
    """A team led by the PI, a budget that keeps the program's rules, and one target."""
    from core.testing import make_person

    person = getattr(project.pi, "person", None) if project.pi_id else None
    person = person or make_person(project.applicant_org, project.pi_name or "王负责")
    TeamMember.objects.create(project=project, person=person, role=TeamMember.Role.PI, title="教授级高工",
                              workload=Decimal("8"), organisation=person.organisation)
    Target.objects.create(project=project, kind=Target.Kind.PATENT, quantity=Decimal("2"), unit="件")
    if project.status in APPLICATION_BUDGET_STATES:
        add_application_budget(project)


def add_application_budget(project: Project) -> None:
    requested, own = project.requested_funding, project.self_funding
    overhead = (requested / 10).quantize(Decimal("0.01"))
    rows = [
        (BudgetLine.Category.EQUIPMENT, requested - overhead, own, "主轴承试验台"),
        (BudgetLine.Category.OVERHEAD, overhead, Decimal("0"), ""),
    ]
    BudgetLine.objects.bulk_create(
        BudgetLine(project=project, category=c, requested=r, self_raised=s, amount=r + s, note=n) for c, r, s, n in rows
    )


_AFTER_REVIEW = {State.EXPERT_REVIEW, State.PROPOSED, State.IN_NOTICE, State.OBJECTION}


def _fill_for_state(project: Project) -> None:
    """Set what the lifecycle would have recorded before reaching `project.status`."""
    status = project.status
    if status in _AFTER_REVIEW:
        project.review_score = Decimal("85")
    if status in (State.PROPOSED, State.IN_NOTICE, State.OBJECTION):
        project.proposed_funding = FUNDING
    if status in (State.IN_NOTICE, State.OBJECTION):
        project.notice_end = timezone.now() - dt.timedelta(minutes=1)
    if status not in _AFTER_REVIEW and status not in (
        State.DRAFT,
        State.SUBMITTED,
        State.ENDORSED,
        State.RECOMMENDED,
        State.RETURNED,
        State.WITHDRAWN,
        State.REJECTED,
    ):
        project.approved_funding = FUNDING
        project.approved_at = timezone.now()
        if status != State.APPROVED:
            add_budget(project)
    if status in (
        State.MIDTERM_PASSED,
        State.ACCEPTANCE_APPLIED,
        State.ACCEPTED,
        State.NOT_ACCEPTED,
        State.CLOSED,
    ):
        Outcome.objects.create(project=project, kind=Outcome.Kind.KEY_TECHNOLOGY, title="主轴承密封技术")
    if status == State.OBJECTION:
        project.objections.create(content="评审专家与申报单位存在利益关系")
    project.save()


def add_budget(project: Project, total: Decimal | None = None) -> None:
    total = project.planned_total if total is None else total
    BudgetLine.objects.create(project=project, category=BudgetLine.Category.EQUIPMENT, amount=total - 50000)
    BudgetLine.objects.create(project=project, category=BudgetLine.Category.TRAVEL, amount=Decimal("50000"))
