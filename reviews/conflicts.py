"""Conflicts of interest, computed from the bureau's own records; each one keeps its reason.

Item-level rules (expert x item):
  applicant      the expert is the applicant (PI) / first nominee
  team_member    the expert is on the project team (projects.TeamMember)
  same_org       the expert works at the applicant organisation
  partner_org    the expert works at a partner organisation
  team_org       the round excludes colleagues: the expert works where a team member works
  recent_collab  in the last N years the expert led a project whose applicant or partner
                 organisations include this item's applicant or partners, or shared its PI
  relative       the expert declared a relative who is the applicant or a team member
  declared       the expert declared the applicant/partner organisation or a team person
  rotation       rotation is required and the expert reviewed the item's project in the previous round
  undeclared     found after the fact (recorded by an officer; kept when exclusions are recomputed)
Round-level rules (expert, no item): not active, blacklisted, unavailable in the review window,
yearly cap reached.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from credit import services as credit

from .models import DeclaredConflict, Exclusion, Expert, Invitation, ReviewItem, ReviewRound

R = Exclusion.Rule


@dataclass(frozen=True)
class Found:
    item_id: int | None
    expert_id: int
    rule: str
    reason: str


def item_people(item: ReviewItem) -> dict[int, str]:
    """person id → role in the item (applicant or team member)."""
    people: dict[int, str] = {}
    if item.project_id:
        project = item.project
        pi_person = getattr(project.pi, "person_id", None) if project.pi_id else None
        if pi_person:
            people[pi_person] = "applicant"
        for person_id in _team(item).values_list("person_id", flat=True):
            people.setdefault(person_id, "team")
    else:
        people[item.nomination.nominee_id] = "applicant"
    return people


def team_organisations(item: ReviewItem) -> set[int]:
    """Where the item's team members work (the colleagues rule of a round)."""
    if not item.project_id:
        return set()
    return set(_team(item).values_list("organisation_id", flat=True))


def _team(item: ReviewItem):
    # Read by id, not through the related manager: the project may be loaded as another class.
    from projects.models import TeamMember

    return TeamMember.objects.filter(project_id=item.project_id)


def item_organisations(item: ReviewItem) -> tuple[int, set[int]]:
    if item.project_id:
        project = item.project
        return project.applicant_org_id, set(project.partners.values_list("pk", flat=True))
    return item.nomination.organisation_id, set()


def _recent_projects(review_round: ReviewRound):
    from projects.models import Project

    return Project.objects.filter(year__gte=review_round.year - review_round.conflict_years)


def item_conflicts(review_round: ReviewRound, items: list[ReviewItem], experts: list[Expert]) -> list[Found]:
    found: list[Found] = []
    declared = defaultdict(list)
    for d in DeclaredConflict.objects.filter(expert__in=experts):
        declared[d.expert_id].append(d)
    led_by_person = defaultdict(list)  # expert person id → recent projects they led
    expert_people = {e.person_id for e in experts}
    for project in (
        _recent_projects(review_round)
        .filter(pi__person_id__in=expert_people)
        .prefetch_related("partners")
        .select_related("pi")
    ):
        led_by_person[project.pi.person_id].append(project)
    previous = set()
    if review_round.rotation_required and review_round.previous_round_id:
        previous = set(
            Invitation.objects.filter(
                round_id=review_round.previous_round_id,
                status__in=Invitation.LIVE,
                item__project__isnull=False,
            ).values_list("item__project_id", "expert_id")
        )
    # Each expert's organisation read once, not once per pair (3,000,000 pairs in the province round).
    staffed = [(expert, expert.person.organisation) for expert in experts]
    for item in items:
        people = item_people(item)
        applicant_org, partners = item_organisations(item)
        orgs = {applicant_org, *partners}
        pi_person = next((p for p, role in people.items() if role == "applicant"), None)
        team_orgs = team_organisations(item) if review_round.team_colleagues_excluded else set()
        for expert, org in staffed:
            found.extend(_team_colleague(item, expert, org, team_orgs, orgs))
            found.extend(
                _pair(
                    item,
                    expert,
                    org,
                    people,
                    applicant_org,
                    partners,
                    orgs,
                    pi_person,
                    declared[expert.pk],
                    led_by_person[expert.person_id],
                    previous,
                )
            )
    return found


def _pair(item, expert, org, people, applicant_org, partners, orgs, pi_person, declared, led,
          previous) -> list[Found]:
    out = []

    def add(rule, reason):
        out.append(Found(item.pk, expert.pk, rule, reason))

    role = people.get(expert.person_id)
    if role == "applicant":
        add(R.APPLICANT, "专家为申请人本人")
    elif role == "team":
        add(R.TEAM_MEMBER, "专家为项目组成员")
    if org.pk == applicant_org:
        add(R.SAME_ORGANISATION, f"专家所在单位“{org}”为申请单位")
    elif org.pk in partners:
        add(R.PARTNER_ORGANISATION, f"专家所在单位“{org}”为合作单位")
    collaboration = _recent_collaboration(item, led, orgs, pi_person if role is None else None)
    if collaboration:
        add(R.RECENT_COLLABORATION, f"近年合作：{collaboration.year}年项目“{collaboration.title}”")
    for rule, reason in _declared(declared, people, orgs):
        add(rule, reason)
    if item.project_id and (item.project_id, expert.pk) in previous:
        add(R.ROTATION, "上一轮已评审该项目，本轮须轮换")
    return out


def _team_colleague(item, expert, org, team_orgs: set[int], orgs: set[int]) -> list[Found]:
    """A colleague of a team member, unless the organisation rules already name that organisation."""
    if org.pk in team_orgs and org.pk not in orgs:
        return [Found(item.pk, expert.pk, R.TEAM_ORGANISATION, f"专家所在单位“{org}”有项目组成员")]
    return []


def _recent_collaboration(item, led, orgs, pi_person):
    """The first other project the expert led with the applicant's organisations or PI."""
    for project in led:
        if item.project_id == project.pk:
            continue
        shared = ({project.applicant_org_id} | {p.pk for p in project.partners.all()}) & orgs
        if shared or (pi_person and getattr(project.pi, "person_id", None) == pi_person):
            return project
    return None


def _declared(declared, people, orgs):
    """(rule, reason) for each of the expert's own declarations that touches the item."""
    for d in declared:
        if d.person_id and d.person_id in people:
            rule = R.RELATIVE if d.relation == DeclaredConflict.Relation.RELATIVE else R.DECLARED
            yield rule, f"本人申报回避：{d.get_relation_display()} {d.person}"
        elif d.organisation_id and d.organisation_id in orgs:
            yield R.DECLARED, f"本人申报回避单位：{d.organisation}（{d.get_relation_display()}）"


def used_this_year(review_round: ReviewRound) -> dict[int, int]:
    """Live invitations per expert in the round's year, outside this round."""
    rows = (
        Invitation.objects.filter(round__year=review_round.year, status__in=Invitation.LIVE)
        .exclude(round=review_round)
        .values_list("expert_id", flat=True)
    )
    counts: dict[int, int] = defaultdict(int)
    for expert_id in rows:
        counts[expert_id] += 1
    return counts


def round_ineligibility(review_round: ReviewRound, experts: list[Expert]) -> list[Found]:
    found = []
    grades = credit.grades_of([e.person for e in experts])
    used = used_this_year(review_round)
    window_end = timezone.localdate(review_round.due_at)
    busy = set(
        Expert.objects.filter(
            pk__in=[e.pk for e in experts],
            unavailable__starts_on__lte=window_end,
            unavailable__ends_on__gte=review_round.starts_on,
        ).values_list("pk", flat=True)
    )
    for expert in experts:
        if expert.status != Expert.Status.ACTIVE:
            found.append(Found(None, expert.pk, R.NOT_ACTIVE, f"专家状态：{expert.get_status_display()}"))
        if grades.get(expert.person_id) == credit.BLACKLIST:
            found.append(Found(None, expert.pk, R.BLACKLISTED, "科研诚信黑名单"))
        if expert.pk in busy:
            found.append(Found(None, expert.pk, R.UNAVAILABLE, "评审期间申报不可评审"))
        if used.get(expert.pk, 0) >= expert.yearly_cap:
            found.append(
                Found(
                    None, expert.pk, R.YEARLY_CAP, f"本年度已评审 {used.get(expert.pk, 0)} 项，上限 {expert.yearly_cap}"
                )
            )
    return found


def candidate_experts(review_round: ReviewRound) -> list[Expert]:
    """Experts considered for the round: the active library (others are noted as ineligible)."""
    return list(
        Expert.objects.filter(Q(status=Expert.Status.ACTIVE))
        .select_related("person__organisation")
        .prefetch_related("disciplines")
    )
