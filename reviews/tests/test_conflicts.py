"""Each conflict-of-interest rule, computed from the bureau's records, with its stored reason."""

import datetime as dt

import pytest
from django.utils import timezone

from core.testing import make_organisation, make_person, make_user
from credit import services as credit
from reviews import services
from reviews.models import DeclaredConflict, Exclusion, Expert, Invitation, Unavailability

from .helpers import make_expert, make_round, review_project

pytestmark = pytest.mark.django_db
R = Exclusion.Rule


@pytest.fixture
def setting(users, org_a, org_b):
    """One project of org_a (partner org_b) led by the applicant user, in a draft round."""
    project = review_project(users["applicant"], org_a)
    project.partners.add(org_b)
    review_round = make_round()
    services.add_items(users["officer"], review_round, [project])
    return review_round, project


def rules_of(review_round, expert) -> dict[str, str]:
    from accounts.models import User

    officer = User.objects.get(username="t-officer")
    services.compute_exclusions(officer, review_round)
    return {x.rule: x.reason for x in Exclusion.objects.filter(round=review_round, expert=expert)}


def test_applicant_is_excluded_from_own_project(setting, users):
    review_round, _ = setting
    expert = Expert.objects.create(person=users["applicant"].person, status=Expert.Status.ACTIVE)
    rules = rules_of(review_round, expert)
    assert R.APPLICANT in rules and "申请人本人" in rules[R.APPLICANT]


def test_same_and_partner_organisation(setting, org_a, org_b):
    review_round, _ = setting
    colleague = make_expert(org_a, "同事")
    partner = make_expert(org_b, "合作方")
    outsider = make_expert(None, "外单位")
    assert R.SAME_ORGANISATION in rules_of(review_round, colleague)
    assert R.PARTNER_ORGANISATION in rules_of(review_round, partner)
    assert rules_of(review_round, outsider) == {}


def test_recent_collaboration_within_n_years_only(setting, users, org_a):
    review_round, _ = setting
    third = make_organisation("410311", kind="institute")
    recent = make_expert(None, "近年合作", user=make_user("applicant", organisation=third))
    old = make_expert(None, "早年合作", user=make_user("applicant", organisation=third))
    # each expert led a project with org_a as a partner: one 1 year ago, one 10 years ago
    p1 = review_project(recent.user, third, title="旧项目一", year=review_round.year - 1)
    p1.partners.add(org_a)
    p2 = review_project(old.user, third, title="旧项目二", year=review_round.year - 10)
    p2.partners.add(org_a)
    assert R.RECENT_COLLABORATION in rules_of(review_round, recent)
    assert "旧项目一" in rules_of(review_round, recent)[R.RECENT_COLLABORATION]
    assert R.RECENT_COLLABORATION not in rules_of(review_round, old)


def test_declared_relative_and_declared_organisation(setting, users, org_b):
    review_round, _ = setting
    relative = make_expert(None, "亲属")
    DeclaredConflict.objects.create(expert=relative, relation="relative", person=users["applicant"].person)
    declared = make_expert(None, "兼职")
    DeclaredConflict.objects.create(expert=declared, relation="employment", organisation=org_b)
    assert R.RELATIVE in rules_of(review_round, relative)
    assert R.DECLARED in rules_of(review_round, declared)


def test_rotation_excludes_previous_reviewers_only_when_required(users, org_a):
    project = review_project(users["applicant"], org_a)
    expert = make_expert(None, "上轮专家")
    first = make_round()
    services.add_items(users["officer"], first, [project])
    Invitation.objects.create(round=first, item=first.items.get(), expert=expert, status="submitted")
    second = make_round(previous_round=first, rotation_required=True)
    services.add_items(users["officer"], second, [project])
    assert R.ROTATION in rules_of(second, expert)
    second.rotation_required = False
    second.save()
    assert R.ROTATION not in rules_of(second, expert)


def test_round_level_ineligibility(setting, users):
    review_round, _ = setting
    suspended = make_expert(None, "暂停", status=Expert.Status.SUSPENDED)
    blacklisted = make_expert(None, "失信")
    credit.record_kind(None, blacklisted.person, "review_misconduct")
    away = make_expert(None, "出差")
    Unavailability.objects.create(
        expert=away, starts_on=timezone.localdate(), ends_on=timezone.localdate() + dt.timedelta(days=30)
    )
    full = make_expert(None, "满额", yearly_cap=1)
    other_round = make_round()
    other_org = make_organisation("410311")
    other_project = review_project(make_user("applicant", organisation=other_org), other_org, title="其他")
    services.add_items(users["officer"], other_round, [other_project])
    Invitation.objects.create(round=other_round, item=other_round.items.get(), expert=full)
    # suspended experts are not candidates at all; the others are noted with their reason
    services.compute_exclusions(users["officer"], review_round)
    assert not Exclusion.objects.filter(expert=suspended).exists()
    assert Exclusion.objects.get(expert=blacklisted).rule == R.BLACKLISTED
    assert Exclusion.objects.get(expert=away).rule == R.UNAVAILABLE
    assert "上限 1" in Exclusion.objects.get(expert=full).reason


def test_assignment_never_uses_an_excluded_pair_and_respects_caps(users, org_a, org_b):
    officer = users["officer"]
    projects = [review_project(users["applicant"], org_a, title=f"项目{i}") for i in range(4)]
    review_round = make_round(reviewers_per_item=2, expert_cap=2)
    services.add_items(officer, review_round, projects)
    colleagues = [make_expert(org_a, f"同事{i}") for i in range(3)]
    others = [make_expert(None, f"外{i}") for i in range(4)]
    services.assign(officer, review_round, "optimal")
    invitations = list(review_round.invitations.all())
    assert len(invitations) == 8
    assert not {i.expert_id for i in invitations} & {c.pk for c in colleagues}
    loads = {e.pk: review_round.invitations.filter(expert=e).count() for e in others}
    assert max(loads.values()) <= 2


def test_infeasible_assignment_is_refused_and_nothing_is_written(users, org_a):
    officer = users["officer"]
    review_round = make_round(reviewers_per_item=3, expert_cap=1)
    services.add_items(officer, review_round, [review_project(users["applicant"], org_a)])
    make_expert(None, "唯一")
    with pytest.raises(Exception, match="无法完成分配"):
        services.assign(officer, review_round, "optimal")
    assert not review_round.invitations.exists()


def test_undeclared_conflict_found_later(setting, users):
    review_round, _ = setting
    expert = make_expert(None, "隐瞒")
    make_expert(None, "备用一")
    services.assign(users["officer"], review_round, "optimal")
    inv = review_round.invitations.get(expert=expert)
    services.report_undeclared_conflict(users["officer"], inv, "其配偶为项目组成员")
    inv.refresh_from_db()
    assert inv.status == "withdrawn"
    event = credit.CreditEvent.objects.get(kind="review_undeclared_conflict")
    assert event.status == "pending" and event.subject == expert.person and "配偶" in event.evidence
    # recomputing exclusions keeps the one found after the fact
    services.compute_exclusions(users["officer"], review_round)
    assert Exclusion.objects.filter(expert=expert, rule=R.UNDECLARED).exists()


def test_team_member_of_the_project_is_excluded(setting, users):
    from projects.models import TeamMember

    review_round, project = setting
    member = make_person(make_organisation("410311"), "组员")
    expert = Expert.objects.create(person=member, status=Expert.Status.ACTIVE)
    TeamMember.objects.create(project=project, person=member, workload=2, organisation=member.organisation)
    assert R.TEAM_MEMBER in rules_of(review_round, expert)


def test_discipline_classification_is_installed():
    from reviews.disciplines import read_classification
    from reviews.models import Discipline

    rows = read_classification()
    assert Discipline.objects.filter(level=1).count() == sum(1 for r in rows if r[2] == 1) >= 60
    assert not Discipline.objects.filter(level=2, parent__isnull=True).exists()
    assert Discipline.objects.get(code="46020").parent.name == "机械工程"
