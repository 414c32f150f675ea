"""The parts of an application (申报书): team, budget by category, quantified targets — their
saves, the program's rules checked at submit, and the planned-against-achieved comparison."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import audit
from core import services as core_services
from core.permissions import require

from .. import permissions as perms
from ..models import BudgetLine, Outcome, Project, Target, TeamMember
from ..workflow import State
from .lifecycle import EXECUTING_STATES, child_repr, parse_amount

if TYPE_CHECKING:
    from accounts.models import User

# Projects that still occupy a person: applied for and not decided, or being carried out.
NOT_CONCURRENT = (
    State.DRAFT, State.REJECTED, State.WITHDRAWN, State.ACCEPTED, State.NOT_ACCEPTED, State.CLOSED, State.TERMINATED,
)
# The application's budget: every category but "other" (fiscal S&T funds have no such line).
APPLICATION_CATEGORIES = [c for c in BudgetLine.Category if c != BudgetLine.Category.OTHER]
# Outcome kinds that measure a target kind; revenue is summed (yuan → 万元), the rest counted.
OUTCOME_OF_TARGET = {
    Target.Kind.PATENT: Outcome.Kind.PATENT,
    Target.Kind.PRODUCT: Outcome.Kind.PRODUCT,
    Target.Kind.STANDARD: Outcome.Kind.STANDARD,
    Target.Kind.REVENUE: Outcome.Kind.REVENUE,
    Target.Kind.PAPER: Outcome.Kind.PAPER,
}
WAN = Decimal("10000")


# --- team -------------------------------------------------------------------------------


def team_candidates(project: Project) -> QuerySet:
    """Who may be put on the team: anyone in the directory (a member may come from an organisation
    that is no formal partner; the reviews colleague rule then covers that organisation too)."""
    from directory.models import Person

    return Person.objects.select_related("organisation")


@transaction.atomic
def add_team_member(actor: User, project: Project, *, person, role: str, workload: Any, workload_unit: str,
                    title: str = "") -> TeamMember:
    require(perms.can_edit_application(actor, project))
    member = TeamMember(
        project=project, person=person, role=role, title=title or person.title, workload=workload,
        workload_unit=workload_unit, organisation_id=person.organisation_id,
    )
    return core_services.create(actor, member, object_repr=child_repr(member))


@transaction.atomic
def remove_team_member(actor: User, member: TeamMember) -> None:
    require(perms.can_edit_application(actor, member.project))
    core_services.delete(actor, member)


def concurrent_projects(person, exclude: Project | None = None) -> QuerySet:
    """The projects a person carries now (as PI or on a team), applied for or in progress."""
    projects = Project.objects.filter(Q(pi__person=person) | Q(team__person=person)).exclude(
        status__in=NOT_CONCURRENT
    )
    if exclude is not None:
        projects = projects.exclude(pk=exclude.pk)
    return projects.distinct()


def team_rows(project: Project) -> list[tuple[TeamMember, list[Project]]]:
    """Each team member with their other concurrent projects (what the officer looks at)."""
    members = list(project.team.select_related("person", "organisation"))
    return [(m, list(concurrent_projects(m.person, exclude=project).only("pk", "number", "title")[:20]))
            for m in members]


def team_problems(project: Project) -> list[str]:
    members = list(project.team.select_related("person"))
    if not members:
        return [_("请填写项目组成员。The team is empty.")]
    problems = []
    lead = next((m for m in members if m.role == TeamMember.Role.PI), None)
    pi_person = getattr(project.pi, "person_id", None) if project.pi_id else None
    if lead is None or (pi_person and lead.person_id != pi_person):
        problems.append(_("项目组须以申报人本人为项目负责人。The applicant must be the team's PI."))
    program = project.program
    for member in members:
        limit = program.pi_project_limit if member.role == TeamMember.Role.PI else program.member_project_limit
        if limit is None:
            continue
        count = concurrent_projects(member.person, exclude=project).count()
        if count >= limit:
            problems.append(
                _("%(name)s 已同时承担 %(count)s 项项目，达到本计划上限 %(limit)s 项。"
                  "%(name)s already carries %(count)s projects, the program's limit is %(limit)s.")
                % {"name": member.person.name, "count": count, "limit": limit}
            )
    return problems


# --- budget -----------------------------------------------------------------------------


@transaction.atomic
def save_budget(actor: User, project: Project, lines: list[dict[str, Any]]) -> list[BudgetLine]:
    """The application's budget by category, each split into requested and self-raised money."""
    require(perms.can_edit_application(actor, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    new = []
    for item in lines:
        category = BudgetLine.Category(item["category"])
        requested = parse_amount(item.get("requested") or 0, _("申请资助"))
        self_raised = parse_amount(item.get("self_raised") or 0, _("自筹"))
        if requested or self_raised:
            new.append(BudgetLine(project=project, category=category, requested=requested, self_raised=self_raised,
                                  amount=requested + self_raised, note=(item.get("note") or "").strip()[:200]))
    before = _budget_snapshot(project.budget_lines.all())
    after = _budget_snapshot(new)
    if before == after:
        return list(project.budget_lines.all())
    project.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(new)
    audit.record(actor, "budget", project, before={"budget": before}, after={"budget": after})
    return new


def _budget_snapshot(lines) -> list[list[str]]:
    cents = Decimal("0.01")
    return [[ln.category, str(ln.requested.quantize(cents)), str(ln.self_raised.quantize(cents)), ln.note]
            for ln in lines]


def budget_rule_problems(project: Project) -> list[str]:
    """The program's budget rules, each failure a bilingual sentence (empty: the budget holds)."""
    lines = list(project.budget_lines.all())
    if not lines:
        return [_("申报书没有预算明细。The application has no budget lines.")]
    problems = []
    requested = sum((ln.requested for ln in lines), Decimal("0"))
    self_raised = sum((ln.self_raised for ln in lines), Decimal("0"))
    if requested != project.requested_funding:
        problems.append(_("预算申请资助合计 %(sum)s 元，与申请资助 %(total)s 元不符。Requested budget lines do not add "
                          "up to the requested funding.") % {"sum": requested, "total": project.requested_funding})
    if self_raised != project.self_funding:
        problems.append(_("预算自筹合计 %(sum)s 元，与自筹 %(total)s 元不符。Self-raised budget lines do not add up "
                          "to the self-raised funding.") % {"sum": self_raised, "total": project.self_funding})
    program = project.program
    overhead = sum((ln.requested for ln in lines if ln.category == BudgetLine.Category.OVERHEAD), Decimal("0"))
    cap = (project.requested_funding * program.overhead_cap / 100).quantize(Decimal("0.01"))
    if overhead > cap:
        share = format(program.overhead_cap.normalize(), "f")
        problems.append(_("间接费用 %(overhead)s 元超过申请资助的 %(share)s%%（%(cap)s 元）。Indirect costs exceed the "
                          "program's cap.") % {"overhead": overhead, "share": share, "cap": cap})
    for line in lines:
        if line.category == BudgetLine.Category.EQUIPMENT and line.amount > program.equipment_threshold \
                and not line.note.strip():
            problems.append(_("设备费 %(amount)s 元超过 %(limit)s 元，须填写购置理由。Equipment above the threshold "
                              "needs a justification.") % {"amount": line.amount, "limit": program.equipment_threshold})
    return problems


# --- targets ----------------------------------------------------------------------------


@transaction.atomic
def add_target(
    actor: User, project: Project, *, kind: str, quantity: Any, unit: str = "", description: str = ""
) -> Target:
    require(perms.can_edit_application(actor, project))
    kind = Target.Kind(kind)
    target = Target(project=project, kind=kind, quantity=quantity, description=description,
                    unit=unit.strip() or Target.DEFAULT_UNITS.get(kind, ""))
    if not target.unit:
        raise ValidationError(_("请填写指标单位。Name the target's unit."))
    return core_services.create(actor, target, object_repr=child_repr(target))


@transaction.atomic
def remove_target(actor: User, target: Target) -> None:
    require(perms.can_edit_application(actor, target.project))
    core_services.delete(actor, target)


def target_problems(project: Project) -> list[str]:
    if not project.targets.exists():
        return [_("请填写考核指标。The application has no quantified targets.")]
    return []


def can_record_achieved(user, project: Project) -> bool:
    """At acceptance: the PI reports, the bureau checks and may correct."""
    if project.status != State.ACCEPTANCE_APPLIED and project.status not in EXECUTING_STATES:
        return False
    return perms.is_pi(user, project) or user.has_role(Role.ADMIN) or perms.is_officer_of(user, project)


@transaction.atomic
def record_achieved(actor: User, project: Project, achieved: dict[int, Any]) -> None:
    """What was achieved for the targets no outcome record measures (entered at acceptance)."""
    if not can_record_achieved(actor, project):
        raise PermissionDenied(_("现在不能填报指标完成情况。Achievements cannot be recorded now."))
    for target in project.targets.filter(pk__in=list(achieved)):
        value = achieved[target.pk]
        value = None if value in (None, "") else parse_amount(value, str(target))
        if value != target.achieved:
            core_services.update(actor, target, {"achieved": value}, object_repr=child_repr(target))


@dataclass(frozen=True)
class TargetRow:
    target: Target
    achieved: Decimal | None
    source: str  # "outcomes" or "entered" or ""

    @property
    def met(self) -> bool | None:
        return None if self.achieved is None else self.achieved >= self.target.quantity


def target_comparison(project: Project) -> list[TargetRow]:
    """Planned against achieved: from the project's outcomes where they measure the kind, else as entered."""
    rows = []
    for target in project.targets.all():
        outcome_kind = OUTCOME_OF_TARGET.get(target.kind)
        outcomes = project.outcomes.filter(kind=outcome_kind) if outcome_kind else None
        if outcomes is not None and outcomes.exists():
            if target.kind == Target.Kind.REVENUE:
                value = (outcomes.aggregate(total=Sum("amount"))["total"] or Decimal("0")) / WAN
            else:
                value = Decimal(outcomes.count())
            rows.append(TargetRow(target, value.quantize(Decimal("0.01")), "outcomes"))
        else:
            rows.append(TargetRow(target, target.achieved, "entered" if target.achieved is not None else ""))
    return rows


def application_problems(project: Project) -> list[str]:
    """Everything the submit step checks about the application's parts."""
    return [*team_problems(project), *budget_rule_problems(project), *target_problems(project)]
