"""A round from assignment to published results; invitations, scores, credit events, draws."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEntry, Notification, StatusLog
from core.testing import make_organisation
from core.workflow import TransitionError
from credit.models import CreditEvent
from projects.models import Project
from reviews import services
from reviews.models import AssignmentRun, Invitation, ReviewRound

from .helpers import make_expert_user, make_round, review_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users, org_a):
    """Two projects, four outside experts with accounts, a draft round with k=2, cap 2."""
    projects = [review_project(users["applicant"], org_a, title=t) for t in ("盾构机主轴承研究", "多晶硅提纯工艺")]
    experts = [
        make_expert_user(name, make_organisation("410311", kind="university"))
        for name in ("王建国", "李明", "张伟", "刘洋")
    ]
    review_round = make_round(reviewers_per_item=2, expert_cap=2, funding_count=1)
    services.add_items(users["officer"], review_round, projects)
    return review_round, projects, experts


def score_all(review_round, values):
    """Each live invitation accepts and submits; values[expert index] → (c1, c2)."""
    criteria = list(review_round.template.criteria.all())
    for inv in review_round.invitations.filter(status="invited").select_related("expert__user"):
        user = inv.expert.user
        services.respond(user, inv, "accept", signed=True)
        v1, v2 = values(inv)
        services.save_scores(
            user,
            Invitation.objects.get(pk=inv.pk),
            {criteria[0].pk: Decimal(v1), criteria[1].pk: Decimal(v2)},
            "意见：技术路线清楚",
            submit=True,
        )


def test_full_round_results_flow_back_to_the_project(world, users):
    review_round, projects, experts = world
    officer = users["officer"]
    run = services.assign(officer, review_round, "optimal")
    assert run.total_affinity > 0 and review_round.invitations.count() == 4
    services.round_action(officer, review_round, "start")
    assert Notification.objects.filter(recipient__in=[e.user for e in experts]).count() == 4
    score_all(review_round, lambda inv: (9, 18) if inv.item.project == projects[0] else (6, 10))
    services.round_action(officer, review_round, "close")
    items = {i.project_id: i for i in review_round.items.all()}
    assert items[projects[0].pk].rank == 1 and items[projects[0].pk].final_score == Decimal("90.00")
    assert items[projects[1].pk].final_score == Decimal("56.00")
    services.round_action(officer, review_round, "publish")
    project = Project.objects.get(pk=projects[0].pk)
    assert project.review_score == Decimal("90.00") and project.review_source == "reviews"
    result = services.results_for(project)
    assert result["rank"] == 1 and result["opinions"][0].startswith("专家1：")
    assert not any(e.person.name in " ".join(result["opinions"]) for e in experts)
    assert StatusLog.objects.filter(action="publish").exists()
    assert AuditEntry.objects.filter(action="review_assign:optimal").exists()


def test_round_transitions_allowed_and_forbidden(world, users):
    review_round, _, _ = world
    with pytest.raises(ValidationError):
        services.round_action(users["officer"], review_round, "start")  # no invitations yet
    services.assign(users["officer"], review_round, "optimal")
    for role in ("expert", "supervisor", "leader", "applicant"):
        with pytest.raises(PermissionDenied):
            services.round_action(users[role], review_round, "start")
    services.round_action(users["officer"], review_round, "start")
    with pytest.raises(TransitionError):
        services.round_action(users["officer"], review_round, "publish")
    with pytest.raises(ValidationError):
        services.assign(users["officer"], review_round, "optimal")  # no longer in preparation
    assert AuditEntry.objects.filter(action="transition:start").count() == 1


def test_accept_needs_the_signed_declaration(world, users):
    review_round, _, _ = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    inv = review_round.invitations.first()
    with pytest.raises(ValidationError):
        services.respond(inv.expert.user, inv, "accept", signed=False)
    assert Invitation.objects.get(pk=inv.pk).status == "invited"
    with pytest.raises(PermissionDenied):
        services.respond(users["expert"], inv, "accept", signed=True)  # not the invitee
    inv = services.respond(inv.expert.user, inv, "accept", signed=True)
    assert inv.declared_at and "利益冲突" in inv.declaration


def test_bad_scores_are_refused_and_nothing_is_written(world, users):
    review_round, _, _ = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    inv = review_round.invitations.first()
    user = inv.expert.user
    with pytest.raises(PermissionDenied):  # before accepting
        services.save_scores(user, inv, {}, "", submit=False)
    inv = services.respond(user, inv, "accept", signed=True)
    c1, _c2 = review_round.template.criteria.all()
    with pytest.raises(ValidationError):
        services.save_scores(user, inv, {c1.pk: Decimal(11)}, "", submit=False)  # max is 10
    assert not inv.scores.exists()
    with pytest.raises(ValidationError):
        services.save_scores(user, inv, {c1.pk: Decimal(5)}, "", submit=True)  # c2 missing
    assert Invitation.objects.get(pk=inv.pk).status == "accepted"


def test_decline_after_accepting_records_a_pending_credit_event(world, users):
    review_round, _, _ = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    inv = review_round.invitations.first()
    first = services.respond(inv.expert.user, inv, "decline", comment="时间冲突")
    assert first.status == "declined" and not CreditEvent.objects.exists()
    other = review_round.invitations.filter(status="invited").first()
    services.respond(other.expert.user, other, "accept", signed=True)
    services.respond(other.expert.user, Invitation.objects.get(pk=other.pk), "decline", comment="临时出差")
    event = CreditEvent.objects.get()
    assert event.kind == "review_declined_after_accept" and event.status == "pending"
    assert event.subject == other.expert.person and "临时出差" in event.evidence


def test_reassignment_keeps_caps_and_exclusions(world, users):
    review_round, _, experts = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    inv = review_round.invitations.first()
    new = services.reassign(users["officer"], inv, "逾期未答复")
    assert Invitation.objects.get(pk=inv.pk).status == "withdrawn"
    assert new is not None and new.expert_id != inv.expert_id and new.item_id == inv.item_id
    live = review_round.invitations.filter(status__in=Invitation.LIVE)
    assert all(live.filter(expert=e).count() <= 2 for e in experts)
    # every expert is now either on the item already or at cap → no replacement
    again = services.reassign(users["officer"], new, "再次改派")
    assert again is None or live.filter(expert=again.expert).count() <= 2


def test_late_reviews_become_pending_events_at_close(world, users, time_machine):
    review_round, _, _ = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    assert services.send_reminders(users["officer"], review_round) == 4
    time_machine.move_to(review_round.due_at + dt.timedelta(hours=1))
    services.round_action(users["officer"], review_round, "close")
    events = CreditEvent.objects.filter(kind="review_late")
    assert events.count() == 4 and set(events.values_list("status", flat=True)) == {"pending"}


def test_repeated_outliers_across_rounds_are_flagged(users, org_a):
    officer = users["officer"]
    experts = [make_expert_user(f"评{i}", make_organisation("410311")) for i in range(5)]
    harsh = experts[0]

    def one_round(n):
        review_round = make_round(reviewers_per_item=5, expert_cap=5)
        services.add_items(officer, review_round, [review_project(users["applicant"], org_a, title=f"项目{n}")])
        services.assign(officer, review_round, "optimal")
        services.round_action(officer, review_round, "start")
        score_all(review_round, lambda inv: (1, 2) if inv.expert == harsh else (8, 16))
        services.round_action(officer, review_round, "close")

    one_round(1)
    assert not CreditEvent.objects.filter(kind="review_outlier").exists()  # once is not "repeatedly"
    one_round(2)
    event = CreditEvent.objects.get(kind="review_outlier")
    assert event.subject == harsh.person and event.status == "pending" and "MAD" in event.evidence


def test_random_draw_is_recorded_and_replays(world, users):
    review_round, _, _ = world
    run = services.assign(users["officer"], review_round, "random", seed="2008-supervised")
    assert run.seed == "2008-supervised"
    assert set(run.record["chosen"]) == {i.code for i in review_round.items.all()}
    assert services.replay(users["supervisor"], run) == []
    with pytest.raises(PermissionDenied):
        services.replay(users["expert"], run)
    # someone swaps an invited expert by hand: the replay shows it
    inv = review_round.invitations.first()
    spare = next(
        e
        for e in run.record["caps"]
        if int(e) not in set(review_round.invitations.filter(item=inv.item).values_list("expert_id", flat=True))
    )
    Invitation.objects.filter(pk=inv.pk).update(expert_id=int(spare))
    assert services.replay(users["supervisor"], run) == [inv.item.code]


def test_fair_mode_and_clearing(world, users):
    review_round, _, _ = world
    run = services.assign(users["officer"], review_round, "fair")
    assert run.mode == AssignmentRun.Mode.FAIR and review_round.invitations.count() == 4
    services.clear_assignment(users["officer"], review_round)
    assert not review_round.invitations.exists()
    with pytest.raises(ValidationError):
        services.assign(users["officer"], review_round, "greedy")


def test_panel_consensus_is_final(users, org_a):
    officer = users["officer"]
    experts = [make_expert_user(f"会{i}", make_organisation("410311")) for i in range(2)]
    review_round = make_round(mode=ReviewRound.Mode.PANEL, chair=experts[0])
    services.add_items(officer, review_round, [review_project(users["applicant"], org_a)])
    services.assign(officer, review_round, "optimal")
    services.round_action(officer, review_round, "start")
    item = review_round.items.get()
    with pytest.raises(PermissionDenied):
        services.record_consensus(experts[1].user, item, Decimal(80))
    services.record_consensus(experts[0].user, item, Decimal("88.5"), minutes="一致同意")
    score_all(review_round, lambda inv: (5, 10))
    services.round_action(officer, review_round, "close")
    item.refresh_from_db()
    assert item.final_score == Decimal("88.50")
    assert ReviewRound.objects.get(pk=review_round.pk).minutes == "一致同意"


def test_items_must_be_in_expert_review(users, org_a):
    from projects.tests.helpers import make_project

    draft = make_project(users["applicant"], org_a)
    review_round = make_round()
    with pytest.raises(ValidationError):
        services.add_items(users["officer"], review_round, [draft])
    with pytest.raises(PermissionDenied):
        services.add_items(users["expert"], review_round, [])
    assert not review_round.items.exists()


def test_expert_library_workflow(users):
    from reviews.models import Expert

    from .helpers import make_expert

    expert = make_expert(None, "新专家", status=Expert.Status.APPLIED)
    with pytest.raises(PermissionDenied):
        services.expert_action(users["expert"], expert, "approve")
    expert = services.expert_action(users["officer"], expert, "approve")
    assert expert.status == "active" and expert.valid_until > timezone.localdate()
    with pytest.raises(TransitionError):
        services.expert_action(users["officer"], expert, "suspend")  # a reason is required
    expert = services.expert_action(users["officer"], expert, "suspend", comment="涉嫌违规")
    assert expert.status == "suspended"
    assert StatusLog.objects.filter(action="suspend", comment="涉嫌违规").exists()


def test_optimal_assignment_matches_expertise(users, org_a):
    from .helpers import make_expert

    officer = users["officer"]
    tbm = review_project(users["applicant"], org_a, title="盾构机主轴承国产化", summary="盾构机 主轴承 密封")
    pv = review_project(users["applicant"], org_a, title="多晶硅还原炉节能", summary="多晶硅 光伏 还原炉")
    review_round = make_round(reviewers_per_item=1, expert_cap=1)
    services.add_items(officer, review_round, [tbm, pv])
    tbm_expert = make_expert(None, "掘进专家", profile="盾构机 主轴承 掘进装备", codes=("46020",))
    pv_expert = make_expert(None, "光伏专家", profile="多晶硅 光伏材料 还原炉", codes=("43045",))
    services.assign(officer, review_round, "optimal")
    assigned = {inv.item.project_id: inv.expert_id for inv in review_round.invitations.select_related("item")}
    assert assigned == {tbm.pk: tbm_expert.pk, pv.pk: pv_expert.pk}


def test_reopen_needs_a_reason_and_an_officer(world, users):
    review_round, _, _ = world
    services.assign(users["officer"], review_round, "optimal")
    services.round_action(users["officer"], review_round, "start")
    services.round_action(users["officer"], review_round, "close")
    with pytest.raises(TransitionError):
        services.round_action(users["officer"], review_round, "reopen")
    with pytest.raises(PermissionDenied):
        services.round_action(users["leader"], review_round, "reopen", comment="补评")
    assert services.round_action(users["officer"], review_round, "reopen", comment="补评").status == "reviewing"
    assert StatusLog.objects.filter(action="reopen", comment="补评").exists()
