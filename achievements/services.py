"""Every change to the achievement registry: permission, validation, one transaction, audit entry
(DESIGN.md rule 1). Results of accepted projects enter through `register_from_project`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import services as core_services
from core.permissions import require
from core.services import save_form
from core.workflow import transition
from projects.models import Outcome, Project
from projects.workflow import State as ProjectState

from . import permissions, workflow
from .forms import AchievementForm
from .models import Achievement

if TYPE_CHECKING:
    from accounts.models import User

ACCEPTED = (ProjectState.ACCEPTED, ProjectState.CLOSED)
# Outcomes that describe the result itself (not money or papers) go into its summary.
DESCRIBING = (Outcome.Kind.KEY_TECHNOLOGY, Outcome.Kind.PRODUCT, Outcome.Kind.PATENT, Outcome.Kind.VARIETY,
              Outcome.Kind.STANDARD)


def next_number(year: int) -> str:
    """LYCG<year><serial>: the registry's own number, in order of registration within a year."""
    prefix = f"LYCG{year}"
    last = (Achievement.objects.select_for_update().filter(number__startswith=prefix)
            .order_by("-number").values_list("number", flat=True).first())
    serial = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def save_achievement(actor: User, form: AchievementForm, instance: Achievement | None = None) -> Achievement:
    with transaction.atomic():
        if instance is None:
            form.instance.number = next_number(form.cleaned_data["registered_on"].year)
        return save_form(actor, form, instance, permissions.can_add, permissions.can_edit)


def _summary_of(project: Project, outcomes: Iterable[Outcome] | None = None) -> str:
    """The project's summary and its describing outcomes (`outcomes` when the caller fetched them
    for many projects in one query, as the demo seed does for 50,000)."""
    if outcomes is None:
        outcomes = project.outcomes.filter(kind__in=DESCRIBING)
    lines = [f"{o.get_kind_display()}:{o.title}" for o in outcomes]
    return "\n".join(filter(None, [project.summary, *lines])) or project.title


def register_from_project(actor: User, project: Project) -> Achievement:
    """The result of an accepted project enters the registry (an officer's action on the list of
    accepted projects not yet registered)."""
    require(permissions.can_manage(actor))
    if project.status not in ACCEPTED:
        raise ValidationError(
            _("只有验收通过的项目才能登记成果。Only accepted projects register achievements."), code="not_accepted"
        )
    if Achievement.objects.filter(project=project).exists():
        raise ValidationError(_("该项目的成果已登记。This project's achievement is registered."), code="duplicate")
    today = timezone.localdate()
    with transaction.atomic():
        achievement = Achievement(
            number=next_number(today.year), title=project.title, field=project.field, owner=project.applicant_org,
            completers=project.pi_name or (str(project.pi) if project.pi else ""),
            project=project, summary=_summary_of(project), registered_on=today,
        )
        return core_services.create(actor, achievement, action="register_from_project", note=project.number)


def act_on_achievement(actor: User, achievement: Achievement, action: str, comment: str = "", **data) -> Achievement:
    return transition(achievement, action, actor, workflow.TRANSFER_TRANSITIONS, comment=comment, **data)
