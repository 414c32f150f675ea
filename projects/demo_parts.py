"""Demo teams and quantified targets for the demo projects (issue 15)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from directory.models import Person

from .models import Project, Target, TeamMember

CORE_TITLES = ["高级工程师", "教授", "副教授", "工程师", "研究员"]


def _people_by_org(projects: list[Project]) -> dict[int, list[Person]]:
    orgs = {p.applicant_org_id for p in projects}
    people: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(organisation_id__in=orgs).only("pk", "organisation_id", "title", "name"):
        people[person.organisation_id].append(person)
    return people


def _team(project: Project, staff: list[Person], rng) -> list[TeamMember]:
    """The PI (the account's person, else the colleague named as PI) and up to two colleagues."""
    pi_person = getattr(project.pi, "person", None) if project.pi_id else None
    pi_person = pi_person or next((p for p in staff if p.name == project.pi_name), None)
    chosen = [pi_person] if pi_person else []
    chosen += [p for p in rng.sample(staff, min(3, len(staff))) if p not in chosen]
    members = []
    for number, person in enumerate(chosen[:3]):
        role = TeamMember.Role.PI if number == 0 else TeamMember.Role.CORE
        members.append(TeamMember(
            project=project, person=person, role=role, title=person.title or rng.choice(CORE_TITLES),
            workload=Decimal(rng.choice([6, 8, 10])) if role == TeamMember.Role.PI else Decimal(rng.choice([3, 4, 6])),
            organisation_id=person.organisation_id,
        ))
    return members


def _targets(project: Project, rng) -> list[Target]:
    revenue = Decimal(rng.randrange(100, 3000, 50))
    return [
        Target(project=project, kind=Target.Kind.PATENT, quantity=Decimal(rng.randrange(1, 6)), unit="件",
               description="申请发明专利"),
        Target(project=project, kind=Target.Kind.REVENUE, quantity=revenue, unit="万元", description="新增销售收入"),
        Target(project=project, kind=Target.Kind.TALENT, quantity=Decimal(rng.randrange(2, 8)), unit="人",
               description="培养技术骨干"),
    ]


def add_team_and_targets(projects: list[Project], rng, batch: int) -> None:
    people = _people_by_org(projects)
    members, targets = [], []
    renamed = []
    for project in projects:
        team = _team(project, people.get(project.applicant_org_id, []), rng)
        if team and not project.pi_id and project.pi_name != team[0].person.name:
            project.pi_name = team[0].person.name  # the page names one PI, the team's
            renamed.append(project)
        members += team
        targets += _targets(project, rng)
    Project.objects.bulk_update(renamed, ["pi_name"], batch_size=batch)
    TeamMember.objects.bulk_create(members, batch_size=batch)
    Target.objects.bulk_create(targets, batch_size=batch)
