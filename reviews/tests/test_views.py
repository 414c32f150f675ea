"""Every reviews page and endpoint for every role; blind modes; experts never reach unassigned items."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import Attachment
from core.testing import assert_statuses, make_organisation
from projects.models import Project
from reviews import services
from reviews.models import AwardNomination, Expert, Invitation, ReviewRound

from .helpers import make_expert, make_round, review_project

pytestmark = pytest.mark.django_db

ALL_ROLES = (
    "admin",
    "leader",
    "officer",
    "county",
    "org_admin",
    "applicant",
    "expert",
    "supervisor",
    "finance",
    "public",
)
STAFF = ("admin", "leader", "officer", "supervisor")


def expect(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **{role: overrides.get(role, default) for role in ALL_ROLES}}


def staff(ok: int = 200, other: int = 403) -> dict[str, int]:
    return expect(other, **dict.fromkeys(STAFF, ok))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def started(users, org_a):
    """A started round: the fixture expert (users['expert']) is invited to item 1 only."""
    officer = users["officer"]
    projects = [
        review_project(users["applicant"], org_a, title=t, summary="关于盾构机主轴承的研究")
        for t in ("盾构机主轴承研究", "多晶硅提纯工艺")
    ]
    review_round = make_round(reviewers_per_item=1, expert_cap=1, blind=ReviewRound.Blind.DOUBLE)
    services.add_items(officer, review_round, projects)
    mine = make_expert(make_organisation("410311"), "评审甲", user=users["expert"])
    other = make_expert(make_organisation("410311"), "评审乙")
    items = list(review_round.items.order_by("code"))
    Invitation.objects.create(round=review_round, item=items[0], expert=mine)
    Invitation.objects.create(round=review_round, item=items[1], expert=other)
    services.round_action(officer, review_round, "start")
    return review_round, items, mine, other


def test_list_pages_by_role(users):
    for name in ("reviews:expert_list", "reviews:round_list"):
        assert_statuses(users, reverse(name), staff())
    assert_statuses(users, reverse("reviews:nomination_list"), staff(other=403) | {"org_admin": 200})
    assert_statuses(users, reverse("reviews:invitation_list"), expect(403, **dict.fromkeys(STAFF, 200)))


def test_expert_sees_the_invitation_list_with_codes_only(started, users):
    _review_round, items, _mine, _ = started
    body = client_for(users["expert"]).get(reverse("reviews:invitation_list")).content.decode()
    assert items[0].code in body and items[1].code not in body
    assert items[0].title not in body


def test_add_and_edit_pages_only_for_managers(started, users):
    _review_round, _, mine, _ = started
    manager = expect(403, admin=200, officer=200)
    assert_statuses(users, reverse("reviews:expert_add"), manager)
    assert_statuses(users, reverse("reviews:round_add"), manager)
    assert_statuses(users, reverse("reviews:nomination_add"), manager)
    assert_statuses(
        users,
        reverse("reviews:expert_edit", args=[mine.pk]),
        expect(404, admin=200, officer=200, leader=403, supervisor=403, expert=403),
    )


def test_round_and_expert_detail_by_role(started, users):
    review_round, _, mine, other = started
    for tab in ("detail", "items", "ranking", "supervision", "history"):
        assert_statuses(
            users, reverse("reviews:round_detail", args=[review_round.pk]) + f"?tab={tab}", staff(other=404)
        )
    assert_statuses(users, reverse("reviews:expert_detail", args=[other.pk]), staff(other=404))
    # an expert sees their own library record
    assert client_for(users["expert"]).get(reverse("reviews:expert_detail", args=[mine.pk])).status_code == 200


def test_expert_never_reaches_an_unassigned_item(started, users):
    _, items, _, _ = started
    assert_statuses(users, reverse("reviews:item_detail", args=[items[1].pk]), staff(other=404))
    # assigned: the staff page with identities stays closed (403); the invitation page is the way in
    assert client_for(users["expert"]).get(reverse("reviews:item_detail", args=[items[0].pk])).status_code == 403


def test_invitation_pages_are_the_invitees_only(started, users):
    _review_round, _items, mine, other = started
    own = Invitation.objects.get(expert=mine)
    theirs = Invitation.objects.get(expert=other)
    assert_statuses(users, reverse("reviews:invitation_detail", args=[theirs.pk]), staff(other=404))
    assert client_for(users["expert"]).get(reverse("reviews:invitation_detail", args=[own.pk])).status_code == 200
    respond = reverse("reviews:invitation_respond", args=[theirs.pk])
    assert_statuses(
        users,
        respond,
        {"expert": 404, "applicant": 404, "officer": 403},
        method="post",
        data={"action": "accept", "signed": "on"},
    )
    assert Invitation.objects.get(pk=theirs.pk).status == "invited"


def _attach(project: Project, name: str) -> None:
    """The project's only material (the helper's placeholder rows have no file on disk)."""
    Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id=str(project.pk)
    ).delete()
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(project.pk),
        purpose="申报书",
        original_name=name,
        kind="pdf",
        size=9,
    )
    attachment.file.save(name, ContentFile(b"%PDF-1.4\n"), save=True)


def test_double_blind_hides_identity_before_and_after_accepting(started, users, org_a):
    _review_round, items, mine, _ = started
    own = Invitation.objects.get(expert=mine)
    _attach(items[0].project, f"{org_a.name}-申报书.pdf")
    client = client_for(users["expert"])
    url = reverse("reviews:invitation_detail", args=[own.pk])
    before = client.get(url).content.decode()
    assert items[0].title not in before and "declaration-form" in before
    assert client.get(reverse("reviews:invitation_file", args=[own.pk, 1])).status_code == 403
    refused = client.post(reverse("reviews:invitation_respond", args=[own.pk]), {"action": "accept"})
    assert refused.status_code == 302 and Invitation.objects.get(pk=own.pk).status == "invited"
    client.post(reverse("reviews:invitation_respond", args=[own.pk]), {"action": "accept", "signed": "on"})
    after = client.get(url).content.decode()
    assert items[0].title in after
    assert org_a.name not in after and "t-applicant" not in after and "applicant-identity" not in after
    download = client.get(reverse("reviews:invitation_file", args=[own.pk, 1]))
    assert download.status_code == 200 and b"".join(download.streaming_content)  # read: the file closes
    disposition = download["Content-Disposition"]
    assert items[0].code in disposition and org_a.name not in disposition
    assert client.get(reverse("reviews:invitation_file", args=[own.pk, 2])).status_code == 404


def test_single_blind_shows_the_applicant_to_the_expert(started, users, org_a):
    review_round, _items, mine, _ = started
    ReviewRound.objects.filter(pk=review_round.pk).update(blind=ReviewRound.Blind.SINGLE)
    own = Invitation.objects.get(expert=mine)
    client = client_for(users["expert"])
    client.post(reverse("reviews:invitation_respond", args=[own.pk]), {"action": "accept", "signed": "on"})
    page = client.get(reverse("reviews:invitation_detail", args=[own.pk])).content.decode()
    assert org_a.name in page


def test_scoring_through_the_page(started, users):
    review_round, _items, mine, _ = started
    own = Invitation.objects.get(expert=mine)
    client = client_for(users["expert"])
    client.post(reverse("reviews:invitation_respond", args=[own.pk]), {"action": "accept", "signed": "on"})
    c1, c2 = review_round.template.criteria.all()
    url = reverse("reviews:invitation_score", args=[own.pk])
    bad = client.post(url, {f"c{c1.pk}": "12", f"c{c2.pk}": "10", "submit": "1"})
    assert bad.status_code == 400 and not own.scores.exists()
    ok = client.post(url, {f"c{c1.pk}": "8", f"c{c2.pk}": "15", "comment": "可行", "submit": "1"})
    assert ok.status_code == 302
    own.refresh_from_db()
    assert own.status == "submitted" and own.total == Decimal("78.00")
    # another expert cannot post scores here
    assert client_for(users["officer"]).post(url, {f"c{c1.pk}": "1"}).status_code == 403


def test_post_endpoints_by_role(users, org_a):
    review_round = make_round()
    services.add_items(users["officer"], review_round, [review_project(users["applicant"], org_a)])
    make_expert(None, "甲")
    make_expert(None, "乙")
    for name in ("reviews:round_assign", "reviews:round_exclusions", "reviews:round_clear"):
        assert_statuses(
            users,
            reverse(name, args=[review_round.pk]),
            {"anonymous": 302, "expert": 404, "applicant": 404, "supervisor": 403, "leader": 403},
            method="post",
            data={"mode": "random", "seed": "x"},
        )
    assert not review_round.invitations.exists()
    assert_statuses(
        users,
        reverse("reviews:round_assign", args=[review_round.pk]),
        {"officer": 302},
        method="post",
        data={"mode": "random", "seed": "s"},
    )
    run = review_round.runs.get()
    replay = reverse("reviews:run_replay", args=[run.pk])
    assert_statuses(
        users, replay, {"expert": 404, "applicant": 404, "finance": 404, "supervisor": 302, "admin": 302}, method="post"
    )
    action = reverse("reviews:round_action", args=[review_round.pk])
    assert_statuses(users, action, {"supervisor": 403, "expert": 404}, method="post", data={"action": "start"})
    assert_statuses(users, action, {"officer": 302}, method="post", data={"action": "start"})
    assert ReviewRound.objects.get(pk=review_round.pk).status == "reviewing"
    assert_statuses(
        users,
        reverse("reviews:round_remind", args=[review_round.pk]),
        {"supervisor": 403, "officer": 302},
        method="post",
    )


def test_supervision_tab_shows_exclusions_and_runs(users, org_a):
    review_round = make_round()
    services.add_items(users["officer"], review_round, [review_project(users["applicant"], org_a)])
    make_expert(org_a, "同单位")
    make_expert(None, "甲")
    make_expert(None, "乙")
    services.assign(users["officer"], review_round, "random", seed="public-seed")
    page = (
        client_for(users["supervisor"])
        .get(reverse("reviews:round_detail", args=[review_round.pk]) + "?tab=supervision")
        .content.decode()
    )
    assert "public-seed" in page and "同单位" in page and "与申请单位同单位" in page


def test_expert_actions_by_role(users):
    expert = make_expert(None, "待审", status=Expert.Status.APPLIED)
    url = reverse("reviews:expert_action", args=[expert.pk])
    assert_statuses(users, url, {"supervisor": 403, "applicant": 404}, method="post", data={"action": "approve"})
    assert_statuses(users, url, {"officer": 302}, method="post", data={"action": "approve"})
    assert Expert.objects.get(pk=expert.pk).status == "active"


def test_api_by_role(started, users):
    _, items, _mine, _ = started
    assert_statuses(users, "/api/experts/", {"anonymous": 401, "expert": 403, "applicant": 403, "officer": 200})
    assert_statuses(users, "/api/review-rounds/", {"expert": 403, "supervisor": 200})
    data = client_for(users["expert"]).get("/api/review-invitations/").json()["results"]
    assert [row["item"] for row in data] == [items[0].code]
    assert "title" not in data[0]
    assert_statuses(users, "/api/review-invitations/", {"applicant": 403, "anonymous": 401})


@pytest.fixture
def nomination(users, org_a):
    from core.testing import make_person

    return AwardNomination.objects.create(
        title="大型盾构机主轴承国产化",
        category="progress",
        grade_sought="1",
        nominee=make_person(org_a, "陈工"),
        organisation=org_a,
        recommender=org_a,
        abstract="国产化主轴承",
        year=2008,
    )


def test_nomination_pages_and_workflow(nomination, users, org_b):
    url = reverse("reviews:nomination_detail", args=[nomination.pk])
    assert_statuses(users, url, staff(other=404) | {"org_admin": 200})
    action = reverse("reviews:nomination_action", args=[nomination.pk])
    assert_statuses(users, action, {"supervisor": 403, "org_admin": 403}, method="post", data={"action": "pass_formal"})
    assert_statuses(users, action, {"officer": 302}, method="post", data={"action": "pass_formal"})
    nomination.refresh_from_db()
    assert nomination.status == "in_review"
    # the nomination goes through expert review on the same machinery
    review_round = make_round(reviewers_per_item=1)
    assert services.add_items(users["officer"], review_round, nominations=[nomination]) == 1
    make_expert(org_b, "奖励评审")
    services.assign(users["officer"], review_round, "optimal")
    assert review_round.invitations.count() == 1


def test_blacklisted_nominee_fails_formal_review(nomination, users):
    from django.core.exceptions import ValidationError

    from credit import services as credit

    credit.record_kind(None, nomination.nominee, "false_application")
    with pytest.raises(ValidationError):
        services.nomination_action(users["officer"], nomination, "pass_formal")
    assert AwardNomination.objects.get(pk=nomination.pk).status == "submitted"


NOTICE_OVER = dt.date(2008, 12, 31)


def test_award_decision_needs_a_grade_and_a_leader(nomination, users):
    from django.core.exceptions import PermissionDenied, ValidationError

    from core.workflow import TransitionError

    AwardNomination.objects.filter(pk=nomination.pk).update(status="in_notice", notice_end=NOTICE_OVER)
    nomination.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.nomination_action(users["officer"], nomination, "award", grade="1")
    with pytest.raises(ValidationError):
        services.nomination_action(users["leader"], nomination, "award", grade="")
    done = services.nomination_action(users["leader"], nomination, "award", grade="2")
    assert done.status == "awarded" and done.final_grade == "2"
    with pytest.raises(TransitionError):
        services.nomination_action(users["leader"], done, "award", grade="1")


def test_joining_the_library_then_officer_approval(users):
    applicant = users["applicant"]  # has a directory person
    url = reverse("reviews:expert_apply")
    assert_statuses(users, url, {"applicant": 200, "expert": 403, "anonymous": 302})
    client = client_for(applicant)
    missing = client.post(url, {"keywords": "轴承", "profile": "轴承设计", "tier": "general"})
    assert missing.status_code == 400 and not Expert.objects.exists()  # a discipline is required
    from reviews.models import Discipline

    ok = client.post(
        url,
        {
            "disciplines": [Discipline.objects.get(code="46020").pk],
            "keywords": "轴承",
            "profile": "轴承设计二十年",
            "tier": "general",
        },
    )
    expert = Expert.objects.get(person=applicant.person)
    assert ok.status_code == 302 and expert.status == "applied" and expert.user == applicant
    assert client.get(url).status_code == 403  # applied once
    services.expert_action(users["officer"], expert, "approve")
    assert Expert.objects.get(pk=expert.pk).status == "active"


def test_expert_declares_conflicts_and_unavailability(started, users, org_b):
    _, _, mine, other = started
    url = reverse("reviews:expert_declare", args=[mine.pk])
    client = client_for(users["expert"])
    empty = client.post(url, {"kind": "conflict", "relation": "relative"})
    assert empty.status_code == 302 and not mine.declared_conflicts.exists()
    client.post(url, {"kind": "conflict", "relation": "employment", "organisation": org_b.name, "note": "兼职"})
    assert mine.declared_conflicts.get().organisation == org_b
    backwards = client.post(url, {"kind": "unavailable", "starts_on": "2008-05-10", "ends_on": "2008-05-01"})
    assert backwards.status_code == 302 and not mine.unavailable.exists()
    client.post(url, {"kind": "unavailable", "starts_on": "2008-05-01", "ends_on": "2008-05-10"})
    assert mine.unavailable.count() == 1
    # not for someone else's record
    assert (
        client.post(
            reverse("reviews:expert_declare", args=[other.pk]),
            {"kind": "conflict", "relation": "other", "organisation": org_b.name},
        ).status_code
        == 404
    )
    assert_statuses(
        users,
        url,
        {"supervisor": 403, "officer": 302},
        method="post",
        data={"kind": "conflict", "relation": "other", "organisation": org_b.name},
    )


def test_indicator_sources_count_live_records(nomination, users, monkeypatch):
    import datetime as dt

    from plans import sources

    source = sources.get("reviews.city_awards")
    AwardNomination.objects.filter(pk=nomination.pk).update(status="in_notice", notice_end=NOTICE_OVER)
    nomination.refresh_from_db()
    today = timezone.localdate()
    assert source.value(nomination.year, today) == 0
    figure = (source.key, nomination.year, today)
    assert sources.values([figure]) == {figure: 0}

    def compile_again(build, label):
        raise AssertionError("compiled again")

    # the decisions are a subquery, not ids read first: the dashboard's statement is kept and runs again
    monkeypatch.setattr(sources, "_compile", compile_again)
    services.nomination_action(users["leader"], nomination, "award", grade="2")
    assert sources.values([figure]) == {figure: 1}
    assert source.value(nomination.year, today) == 1
    assert source.value(nomination.year, today - dt.timedelta(days=1)) == 0
    assert sources.get("reviews.completed_reviews").value(nomination.year, today) == 0
