"""The team of an application feeds the conflict rules (issue 15): a team member never reviews
the project; colleagues of a team member's organisation do not either when the round says so."""

import pytest

from core.testing import make_organisation
from projects.models import TeamMember
from reviews import services
from reviews.models import Exclusion

from .helpers import make_expert, make_round, review_project

pytestmark = pytest.mark.django_db
R = Exclusion.Rule


def _on_team(project, expert) -> None:
    TeamMember.objects.create(project=project, person=expert.person, role=TeamMember.Role.MEMBER, workload=3,
                              organisation=expert.person.organisation)


def _setting(users, org_a, **round_fields):
    project = review_project(users["applicant"], org_a)
    review_round = make_round(reviewers_per_item=1, expert_cap=2, **round_fields)
    services.add_items(users["officer"], review_round, [project])
    return project, review_round


def test_team_member_is_excluded_and_never_assigned(users, org_a):
    project, review_round = _setting(users, org_a)
    university = make_organisation("410311", kind="university", name="河南科技大学")
    member = make_expert(university, "组员教授")
    outsider = make_expert(None, "外单位专家")
    _on_team(project, member)
    services.assign(users["officer"], review_round, "optimal")
    reasons = dict(Exclusion.objects.filter(round=review_round, expert=member).values_list("rule", "reason"))
    assert reasons == {R.TEAM_MEMBER: "专家为项目组成员"}
    assert [i.expert for i in review_round.invitations.all()] == [outsider]


def test_colleague_of_a_team_member_excluded_only_when_the_round_says_so(users, org_a):
    university = make_organisation("410311", kind="university", name="河南科技大学")
    for flag in (False, True):
        project, review_round = _setting(users, org_a, team_colleagues_excluded=flag)
        _on_team(project, make_expert(university, f"组员{flag}"))
        colleague = make_expert(university, f"同校专家{flag}")
        make_expert(None, f"外单位专家{flag}")
        services.assign(users["officer"], review_round, "optimal")
        rules = set(Exclusion.objects.filter(round=review_round, expert=colleague).values_list("rule", flat=True))
        invited = set(review_round.invitations.values_list("expert_id", flat=True))
        if flag:
            assert rules == {R.TEAM_ORGANISATION} and colleague.pk not in invited
        else:
            assert rules == set()
