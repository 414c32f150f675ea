"""Demo data: a score sheet, an expert library drawn from the directory's academics, a remote
review round over the projects in expert review (assigned by the optimal solver and started),
and one S&T award nomination. The demo user "expert" is an expert with one invitation."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.models import Organisation, Person
from projects.models import Project
from projects.workflow import State

from . import services
from .models import AwardNomination, Criterion, Discipline, Expert, Invitation, ReviewRound, ScoreTemplate

SIZES = {"small": (60, 30), "city": (600, 300), "province": (3000, 1000)}  # experts, items in the round
FIELDS = [  # profile text, GB/T 13745 codes
    ("盾构机 装备制造 机械设计 主轴承 液压", ["46020", "46045"]),
    ("铝板带 热连轧 有色金属冶金 轧制", ["45030", "45035"]),
    ("多晶硅 太阳能光伏 半导体材料", ["43045", "51030", "48070"]),
    ("海绵钛 钼钨钛合金 金属材料", ["43040", "45030"]),
    ("节能减排 循环经济 环境工程 废水处理", ["61030", "48050"]),
    ("小麦 玉米 新品种选育 作物育种", ["21030", "21040"]),
    ("食用菌 牡丹 林果 园艺", ["21040", "22045"]),
    ("中草药 新药开发 药物化学", ["35010", "36040"]),
    ("轴承 精密制造 机床", ["46025", "46035"]),
    ("计算机软件 信息处理 电子政务", ["52040", "51040"]),
]
CRITERIA = [("创新性与技术水平", "0.30"), ("技术路线可行性", "0.25"), ("预期效益", "0.25"), ("团队与条件", "0.20")]


def seed(scale: str, rng, stdout=None) -> str:
    n_experts, n_items = SIZES[scale]
    template = _template()
    _demo_expert(rng)
    experts = _experts(n_experts, rng)
    officer = get_user_model().objects.filter(username="officer").first()
    line = f"{len(experts) + 1} experts"
    if officer is None:
        return line
    review_round = _round(officer, template, n_items)
    if review_round is not None:
        line += f", round “{review_round.title}” with {review_round.items.count()} items"
        _next_round(officer, review_round)
    _nomination(officer)
    return line


def _template() -> ScoreTemplate:
    template, created = ScoreTemplate.objects.get_or_create(name="科技计划项目评审表（通用）")
    if created:
        for order, (name, weight) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(template=template, name=name, weight=Decimal(weight), max_score=10, order=order)
    return template


def _experts(count: int, rng) -> list[Expert]:
    academic = (
        Person.objects.filter(
            organisation__kind__in=[
                Organisation.Kind.UNIVERSITY,
                Organisation.Kind.INSTITUTE,
                Organisation.Kind.HOSPITAL,
            ]
        )
        .filter(expert__isnull=True)
        .order_by("pk")
    )
    people = list(academic[:count]) or list(Person.objects.filter(expert__isnull=True).order_by("pk")[:count])
    by_code = {d.code: d for d in Discipline.objects.filter(level=2)}
    today = timezone.localdate()
    experts = Expert.objects.bulk_create(
        [
            Expert(
                person=p,
                status=Expert.Status.ACTIVE,
                tier=rng.choice(list(Expert.Tier.values)),
                profile=FIELDS[i % len(FIELDS)][0],
                keywords=FIELDS[i % len(FIELDS)][0].split()[0],
                valid_until=today.replace(year=today.year + 1),
                yearly_cap=rng.choice([8, 10, 12]),
            )
            for i, p in enumerate(people)
        ]
    )
    links = [
        Expert.disciplines.through(expert_id=e.pk, discipline_id=by_code[c].pk)
        for i, e in enumerate(experts)
        for c in FIELDS[i % len(FIELDS)][1]
        if c in by_code
    ]
    Expert.disciplines.through.objects.bulk_create(links)
    return experts


def _demo_expert(rng) -> None:
    user = get_user_model().objects.filter(username="expert").first()
    if user is None:
        return
    person = (
        Person.objects.filter(organisation__kind=Organisation.Kind.UNIVERSITY).first()
        or Person.objects.filter(user_account__isnull=True).order_by("pk").first()
    )
    if person is None:
        return
    user.person = person
    user.save(update_fields=["person"])
    expert = Expert.objects.create(
        person=person, user=user, status=Expert.Status.ACTIVE, profile=FIELDS[0][0], keywords="盾构机 主轴承"
    )
    expert.disciplines.set(Discipline.objects.filter(code__in=FIELDS[0][1]))


def _round(officer, template, n_items) -> ReviewRound | None:
    projects = list(Project.objects.filter(status=State.EXPERT_REVIEW, review_score__isnull=True)[:n_items])
    if not projects:
        projects = list(Project.objects.filter(status=State.EXPERT_REVIEW)[:n_items])
    if not projects:
        return None
    now = timezone.now()
    review_round = ReviewRound.objects.create(
        title=f"{projects[0].year}年度科技攻关项目网络评审",
        year=projects[0].year,
        template=template,
        reviewers_per_item=3,
        expert_cap=5,
        starts_on=timezone.localdate(now),
        due_at=now + timezone.timedelta(days=14),
        funding_count=max(1, len(projects) // 3),
        created_by=officer,
    )
    services.add_items(officer, review_round, projects)
    services.assign(officer, review_round, "optimal")
    _invite_demo_expert(review_round)
    services.round_action(officer, review_round, "start")
    return review_round


def _next_round(officer, started: ReviewRound) -> None:
    """A round still being prepared, so the demo shows one whose settings can be edited."""
    now = timezone.now()
    ReviewRound.objects.create(
        title=f"{started.year}年度科技攻关项目会议评审（筹备中）",
        year=started.year,
        template=started.template,
        reviewers_per_item=5,
        expert_cap=8,
        starts_on=timezone.localdate(now) + timezone.timedelta(days=30),
        due_at=now + timezone.timedelta(days=45),
        funding_count=started.funding_count,
        created_by=officer,
    )


def _invite_demo_expert(review_round: ReviewRound) -> None:
    expert = Expert.objects.filter(user__username="expert").first()
    if expert is None or review_round.invitations.filter(expert=expert).exists():
        return
    barred = set(review_round.exclusions.filter(expert=expert).values_list("item_id", flat=True))
    if None in barred:
        return
    item = review_round.items.exclude(pk__in=barred).first()
    if item is not None:
        Invitation.objects.create(round=review_round, item=item, expert=expert, affinity=0.0)


def _nomination(officer) -> None:
    person = Person.objects.filter(organisation__kind=Organisation.Kind.ENTERPRISE).order_by("pk").first()
    if person is None:
        return
    nomination = AwardNomination.objects.create(
        title="大直径盾构机主轴承国产化关键技术",
        category=AwardNomination.Category.PROGRESS,
        grade_sought=AwardNomination.Grade.FIRST,
        nominee=person,
        organisation=person.organisation,
        recommender=person.organisation,
        abstract="突破主轴承设计、材料与热处理关键技术，实现国产化替代。",
        keywords="盾构机 主轴承 国产化",
        year=timezone.localdate().year,
    )
    services.nomination_action(officer, nomination, "pass_formal")
