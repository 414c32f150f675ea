"""The expert library: joining, records, declared conflicts and unavailability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import services as core_services
from core.permissions import require
from core.workflow import transition

from .. import permissions as perms
from .. import workflow
from ..models import DeclaredConflict, Expert, Unavailability
from ._guards import manager_only

if TYPE_CHECKING:
    from django.db.models import Model
    from django.forms import BaseForm

    from accounts.models import User


def save_expert(actor: User, form: BaseForm, instance: Model | None = None) -> Expert:
    manager_only(actor)
    expert = form.save(commit=False)
    m2m = {"disciplines": form.cleaned_data.get("disciplines", [])}
    if instance is None:
        return core_services.create(actor, expert, m2m=m2m)
    changes = {name: getattr(expert, name) for name in form.changed_data if name != "disciplines"}
    return core_services.update(actor, instance, changes, m2m=m2m)


def apply_as_expert(actor: User, form: BaseForm, instance: Model | None = None) -> Expert:
    """Joining: the applicant's own directory person becomes an expert in status 'applied'."""
    if not getattr(actor, "person_id", None):
        raise ValidationError(_("您的账号未关联人员信息，请联系科技局。Your account has no person record."))
    if Expert.objects.filter(person_id=actor.person_id).exists():
        raise ValidationError(_("您已在专家库中或已提交申请。You have already applied."))
    expert = form.save(commit=False)
    expert.person_id, expert.user, expert.status = actor.person_id, actor, Expert.Status.APPLIED
    return core_services.create(actor, expert, m2m={"disciplines": form.cleaned_data["disciplines"]})


def _own_record_or_manager(actor: User, expert: Expert) -> None:
    require(perms.can_manage(actor) or expert.user_id == actor.pk)


def declare_conflict(actor: User, expert: Expert, form: BaseForm) -> DeclaredConflict:
    """The expert (or an officer for them) declares an organisation or person to avoid."""
    _own_record_or_manager(actor, expert)
    declared = form.save(commit=False)
    declared.expert = expert
    return core_services.create(actor, declared)


def declare_unavailable(actor: User, expert: Expert, form: BaseForm) -> Unavailability:
    _own_record_or_manager(actor, expert)
    period = form.save(commit=False)
    period.expert = expert
    return core_services.create(actor, period)


def expert_action(actor: User, expert: Expert, action: str, comment: str = "") -> Expert:
    return transition(expert, action, actor, workflow.EXPERT_TRANSITIONS, comment=comment)
