"""Demo calls and projects: every lifecycle state, the 2008 plan year, and one call open today.

Projects are spread over the seed's programs and fields so that the plan's indicators
(科技攻关 100, 产学研 150, 成果转化 30 …) show live, partly met values.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import Role
from core import bulk_insert
from core.search import document
from core.seeding import indexes_built_after
from directory.models import Organisation, Person
from ip.models import Patent

from . import demo_parts
from . import workflow as wf
from .models import BudgetLine, Call, Level, Milestone, Outcome, Program, Project, Report
from .workflow import State

SIZES = {"small": 400, "city": 5_000, "province": 200_000}
PLAN_YEAR = 2008
BATCH = 2000
# Share of the non-guaranteed projects per state: a bureau's book is mostly executing or finished.
STATE_WEIGHTS = {
    State.IN_PROGRESS: 30,
    State.CLOSED: 20,
    State.MIDTERM_PASSED: 10,
    State.REJECTED: 12,
    State.APPROVED: 4,
    State.ACCEPTED: 5,
    State.EXPERT_REVIEW: 4,
    State.RECOMMENDED: 3,
    State.SUBMITTED: 3,
    State.DRAFT: 3,
    State.TERMINATED: 1,
    State.ACCEPTANCE_APPLIED: 3,
    State.TASKBOOK_SUBMITTED: 2,
}
TITLES = ["关键技术研究", "研制与产业化", "示范应用", "工艺优化研究", "新产品开发", "集成与推广"]


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# Roughly the seed's proportions: ~100 tackling and ~150 industry-university projects against a
# handful of agricultural and energy-saving ones, so the dashboard's percentages look like a year.
PROGRAM_SHARE = {
    "gongguan": 0.30, "chanxueyan": 0.36, "zhuanhua": 0.09, "gaoxin": 0.08, "minsheng": 0.05,
    "nongye": 0.02, "jieneng": 0.02, "zhongda": 0.04, "ruankexue": 0.04,
}


def _calls(programs: list[Program]) -> dict[str, Call]:
    calls = {}
    for program in programs:
        calls[program.code] = Call.objects.create(
            program=program,
            year=PLAN_YEAR,
            title=f"{PLAN_YEAR}年度{program.name}计划项目申报通知",
            guide=f"支持领域：{'、'.join(program.fields)}。",
            opens_at=_aware(dt.date(2008, 1, 10)),
            closes_at=_aware(dt.date(2008, 3, 15), 17),
            default_quota=None if program.code != "gongguan" else 40,
            status=wf.CallState.CLOSED,
            published_at=_aware(dt.date(2008, 1, 5)),
        )
    now = timezone.now()
    year = timezone.localdate(now).year
    for code in ("gongguan", "chanxueyan"):
        program = next(p for p in programs if p.code == code)
        Call.objects.create(
            program=program,
            year=year,
            title=f"{year}年度{program.name}计划项目申报通知（申报中）",
            guide="请登录系统在线填报申报书并上传附件。",
            opens_at=now - dt.timedelta(days=5),
            closes_at=now + dt.timedelta(days=30),
            default_quota=20,
            status=wf.CallState.PUBLISHED,
            published_at=now - dt.timedelta(days=6),
        )
    # Next year's call, still being drafted: the bureau sees it, the portal and applicants do not.
    program = next(p for p in programs if p.code == "gaoxin")
    Call.objects.create(
        program=program, year=year + 1, title=f"{year + 1}年度{program.name}计划项目申报通知（草稿）",
        guide="起草中。", opens_at=now + dt.timedelta(days=60), closes_at=now + dt.timedelta(days=120),
    )
    return calls


def _dates(state: str, rng) -> dict:
    """Plausible 2008 timestamps for a project in `state`; most are arranged by 30 June."""
    submitted = _aware(dt.date(2008, 3, 1) + dt.timedelta(days=rng.randrange(14)))
    values = {"submitted_at": None if state == State.DRAFT else submitted}
    if state in wf.PROJECT_STATES:
        approved = dt.date(2008, 4, 20) + dt.timedelta(days=rng.randrange(90))
        values["approved_at"] = _aware(approved)
        values["start_date"] = approved
        values["end_date"] = approved + dt.timedelta(days=rng.choice([365, 730]))
    if state in wf.IMPLEMENTED_STATES:
        values["signed_at"] = values["approved_at"] + dt.timedelta(days=20)
    if state == State.CLOSED:
        values["closed_at"] = _aware(dt.date(2010, 6, 30))
    return values


def _project(index: int, state: str, program: Program, call: Call, org: Organisation, pi_name: str, rng) -> Project:
    field = rng.choice(program.fields) if program.fields else ""
    funding = Decimal(rng.randrange(int(program.funding_min), int(program.funding_max) + 1, 10_000))
    arranged = state in wf.PROJECT_STATES
    project = Project(
        number=f"{PLAN_YEAR}-{program.code.upper()[:8]}-{index:06d}",
        title=f"{field.split('(')[0]}{rng.choice(TITLES)}",
        call=call,
        program=program,
        year=PLAN_YEAR,
        field=field,
        status=state,
        applicant_org=org,
        region_id=org.region_id,  # bulk_create skips save(), which copies it for the county lists
        pi_name=pi_name,
        division=program.division,
        summary=f"{org.name}承担的{program.name}项目，研究领域：{field}。",
        requested_funding=funding,
        self_funding=funding,
        approved_funding=funding if arranged else None,
        proposed_funding=funding if state in (State.PROPOSED, State.IN_NOTICE, State.OBJECTION) else None,
        review_score=Decimal(rng.randrange(60, 96))
        if state not in (State.DRAFT, State.SUBMITTED, State.ENDORSED, State.RECOMMENDED, State.RETURNED)
        else None,
        level=Level.PROVINCIAL if index % 40 == 0 else Level.CITY,
        notice_end=_aware(dt.date(2008, 4, 15)) if state in (State.IN_NOTICE, State.OBJECTION) else None,
        status_changed_at=_aware(dt.date(2008, 6, 1)),
        **_dates(state, rng),
    )
    project.search_text = document(project.title, project.summary, project.field)
    return project


def _states(total: int, rng) -> list[str]:
    """Every state at least twice, the rest by weight."""
    guaranteed = [s for s in wf.State.values for _ in range(2)]
    population, weights = zip(*STATE_WEIGHTS.items(), strict=True)
    return guaranteed + rng.choices(population, weights=weights, k=max(0, total - len(guaranteed)))


def _details(projects: list[Project], rng) -> None:
    """Budget, milestones, outcomes and reports for a sample (all of them at small scale)."""
    patents = {
        patent.applicant_organisation_id: patent
        for patent in Patent.objects.filter(applicant_organisation_id__in={p.applicant_org_id for p in projects})
        .order_by("-pk")
    }
    lines, steps, outcomes, reports = [], [], [], []
    for project in projects:
        lines += _budget(project)
        if project.status in wf.PROJECT_STATES and project.status != State.APPROVED:
            steps.append(
                Milestone(
                    project=project,
                    title="中期目标",
                    payment=project.approved_funding / 2,
                    due_date=project.start_date + dt.timedelta(days=180),
                )
            )
        if project.status in (State.MIDTERM_PASSED, State.ACCEPTANCE_APPLIED, State.ACCEPTED, State.CLOSED):
            outcomes.append(
                Outcome(project=project, kind=Outcome.Kind.KEY_TECHNOLOGY, title=f"{project.field}关键技术")
            )
            patent = patents.get(project.applicant_org_id)
            if patent is not None and rng.random() < 0.5:
                # The undertaker's own registered patent, so the outcome links to the ip registry.
                outcomes.append(
                    Outcome(project=project, kind=Outcome.Kind.PATENT, title=patent.title,
                            reference=patent.number, patent=patent)
                )
        if project.status == State.IN_PROGRESS and rng.random() < 0.2:
            reports.append(Report(project=project, kind=Report.Kind.ANNUAL, due_date=dt.date(2009, 1, 31)))
    BudgetLine.objects.bulk_create(lines, batch_size=BATCH)
    demo_parts.add_team_and_targets(projects, rng, BATCH)
    Milestone.objects.bulk_create(steps, batch_size=BATCH)
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
    Report.objects.bulk_create(reports, batch_size=BATCH)
    # Outcomes of the plan year: recorded_at is set on insert, so date them afterwards.
    Outcome.objects.filter(project__year=PLAN_YEAR).update(recorded_at=_aware(dt.date(2008, 11, 30)))


# Shares of the budget by category (fiscal S&T funds); indirect costs stay under the usual 20 % cap.
BUDGET_SHARES = [
    (BudgetLine.Category.EQUIPMENT, Decimal("0.40")),
    (BudgetLine.Category.MATERIALS, Decimal("0.25")),
    (BudgetLine.Category.TESTING, Decimal("0.10")),
    (BudgetLine.Category.TRAVEL, Decimal("0.05")),
    (BudgetLine.Category.LABOUR, Decimal("0.10")),
    (BudgetLine.Category.OVERHEAD, Decimal("0.10")),
]


def _budget(project: Project) -> list[BudgetLine]:
    """The budget by category, requested and self-raised; the last line takes the rounding rest."""
    requested_total = project.approved_funding if project.approved_funding is not None else project.requested_funding
    own_total = project.self_funding
    lines, requested_left, own_left = [], requested_total, own_total
    for number, (category, share) in enumerate(BUDGET_SHARES, start=1):
        last = number == len(BUDGET_SHARES)
        requested = requested_left if last else (requested_total * share).quantize(Decimal("0.01"))
        # Indirect costs come out of the grant only.
        own = Decimal("0") if category == BudgetLine.Category.OVERHEAD else (
            own_left if number == len(BUDGET_SHARES) - 1 else (own_total * share).quantize(Decimal("0.01")))
        requested_left, own_left = requested_left - requested, own_left - own
        lines.append(BudgetLine(project=project, category=category, requested=requested, self_raised=own,
                                amount=requested + own,
                                note="购置专用试验与检测设备" if category == BudgetLine.Category.EQUIPMENT else ""))
    return lines


def seed(scale: str, rng, stdout=None) -> str:
    programs = list(Program.objects.order_by("sort_order"))
    calls = _calls(programs)
    orgs = list(Organisation.objects.order_by("pk")[:5000])
    academic = [o for o in orgs if o.kind in (Organisation.Kind.UNIVERSITY, Organisation.Kind.INSTITUTE)]
    names = list(Person.objects.order_by("pk").values_list("name", flat=True)[:5000]) or ["张明"]
    states = _states(SIZES[scale], rng)
    total = 0
    batch: list[Project] = []
    shares = [PROGRAM_SHARE.get(p.code, 0.05) for p in programs]
    with indexes_built_after(Project):
        for index, state in enumerate(states, start=1):
            program = rng.choices(programs, weights=shares)[0]
            batch.append(_project(index, state, program, calls[program.code], rng.choice(orgs), rng.choice(names), rng))
            if len(batch) >= BATCH:
                total += _save(batch, rng, academic, scale)
                batch = []
        total += _save(batch, rng, academic, scale)
    mine = _demo_users_projects(calls, rng)
    from .demo_funds import seed as seed_funds

    money = seed_funds(rng)
    return f"{Call.objects.count()} calls, {total + mine} projects in {len(set(states))} states; {money}"


def _save(batch: list[Project], rng, academic: list[Organisation], scale: str) -> int:
    bulk_insert.insert(batch)  # bulk_create's SQL building was most of the province seed's projects
    # The insert gave them their ids; newest first, the order in which reading them back gave them.
    saved = sorted(batch, key=lambda project: project.pk, reverse=True)
    if scale == "small" or rng.random() < 0.05:
        _details(saved, rng)
    links = [
        Project.partners.through(project_id=p.pk, organisation_id=rng.choice(academic).pk)
        for p in saved
        if p.program.needs_academic_partner and academic
    ]
    Project.partners.through.objects.bulk_create(links, batch_size=BATCH)
    return len(saved)


def _demo_users_projects(calls: dict[str, Call], rng) -> int:
    """The demo applicant's own projects, and the leader's major special projects."""
    users = get_user_model().objects
    applicant = users.filter(username="applicant").first()
    leader = users.filter(username="leader").first()
    if leader is not None:
        # 分工负责: the demo leader owns a realistic handful of major special projects.
        major = Project.objects.filter(program__code="zhongda").exclude(status__in=wf.APPLICATION_STATES)
        Project.objects.filter(pk__in=list(major.values_list("pk", flat=True)[:30])).update(leader=leader)
        major = Project.objects.filter(leader=leader, status=State.IN_PROGRESS).first()
        if major is not None:
            Milestone.objects.create(project=major, title="设备安装调试", due_date=dt.date(2009, 3, 31))
    if applicant is None or not applicant.has_role(Role.APPLICANT):
        return 0
    org = Organisation.objects.get(pk=min(applicant.scope_ids(Role.APPLICANT, "organisation")))
    made = 0
    for offset, state in enumerate((State.DRAFT, State.RETURNED, State.APPROVED, State.MIDTERM_PASSED)):
        program = Program.objects.get(code="gongguan")
        project = _project(900_000 + offset, state, program, calls["gongguan"], org, str(applicant), rng)
        project.pi = applicant
        project.save()
        _details([project], rng)
        made += 1
    return made
