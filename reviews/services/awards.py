"""S&T award nominations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import services as core_services
from core.workflow import transition

from .. import workflow
from ..models import AwardNomination
from ._guards import manager_only

if TYPE_CHECKING:
    from django.db.models import Model
    from django.forms import BaseForm

    from accounts.models import User


def save_nomination(actor: User, form: BaseForm, instance: Model | None = None) -> AwardNomination:
    manager_only(actor)
    obj = form.save(commit=False)
    if instance is None:
        return core_services.create(actor, obj)
    return core_services.update(actor, instance, {n: getattr(obj, n) for n in form.changed_data})


def nomination_action(
    actor: User, nomination: AwardNomination, action: str, comment: str = "", grade: str = ""
) -> AwardNomination:
    return transition(nomination, action, actor, workflow.NOMINATION_TRANSITIONS, comment=comment, grade=grade)
