"""Review rounds and their items: settings, the subjects reviewed, exclusions, the round's lifecycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core import services as core_services
from core.workflow import transition

from .. import conflicts, workflow
from ..models import AwardNomination, Exclusion, ReviewItem, ReviewRound
from ._guards import manager_only, require_draft

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import Model
    from django.forms import BaseForm

    from accounts.models import User
    from projects.models import Project


def save_round(actor: User, form: BaseForm, instance: Model | None = None) -> ReviewRound:
    manager_only(actor)
    obj = form.save(commit=False)
    if instance is None:
        obj.created_by = actor
        return core_services.create(actor, obj)
    if instance.status != ReviewRound.Status.DRAFT:
        raise ValidationError(_("评审已开始，批次设置不能再改。The round has started."))
    return core_services.update(actor, instance, {n: getattr(obj, n) for n in form.changed_data})


def add_items(
    actor: User,
    review_round: ReviewRound,
    projects: Iterable[Project] = (),
    nominations: Iterable[AwardNomination] = (),
    disciplines: str = "",
) -> int:
    """Put projects in expert review (or nominations in review) on the round; returns how many."""
    manager_only(actor)
    require_draft(review_round)
    from projects.workflow import State

    with transaction.atomic():
        count = review_round.items.count()
        added = []
        for subject in [*projects, *nominations]:
            is_project = not isinstance(subject, AwardNomination)
            if is_project and subject.status != State.EXPERT_REVIEW:
                raise ValidationError(_("“%s”不在专家评审阶段。The project is not in expert review.") % subject)
            if not is_project and subject.status != AwardNomination.Status.IN_REVIEW:
                raise ValidationError(_("“%s”未通过形式审查。The nomination is not in review.") % subject)
            lookup = {"project": subject} if is_project else {"nomination": subject}
            if review_round.items.filter(**lookup).exists():
                continue
            count += 1
            added.append(
                ReviewItem.objects.create(
                    round=review_round, code=f"R{review_round.pk}-{count:03d}", discipline_codes=disciplines, **lookup
                )
            )
        audit.record(actor, "review_items_added", review_round, after={"items": [i.code for i in added]})
    return len(added)


def compute_exclusions(actor: User, review_round: ReviewRound) -> int:
    """Recompute every exclusion of the round from the records; 'undeclared' ones are kept."""
    manager_only(actor)
    items = list(review_round.items.select_related("round", "project__pi", "nomination"))
    experts = conflicts.candidate_experts(review_round)
    found = conflicts.item_conflicts(review_round, items, experts) + conflicts.round_ineligibility(
        review_round, experts
    )
    with transaction.atomic():
        review_round.exclusions.exclude(rule=Exclusion.Rule.UNDECLARED).delete()
        Exclusion.objects.bulk_create(
            [
                Exclusion(
                    round=review_round, item_id=f.item_id, expert_id=f.expert_id, rule=f.rule, reason=f.reason[:300]
                )
                for f in found
            ]
        )
        audit.record(actor, "review_exclusions", review_round, after={"count": len(found)})
    return len(found)


def clear_assignment(actor: User, review_round: ReviewRound) -> None:
    manager_only(actor)
    require_draft(review_round)
    with transaction.atomic():
        count = review_round.invitations.count()
        review_round.invitations.all().delete()
        audit.record(actor, "review_assign_cleared", review_round, before={"invitations": count})


# --- round lifecycle --------------------------------------------------------------------------


def round_action(actor: User, review_round: ReviewRound, action: str, comment: str = "") -> ReviewRound:
    return transition(review_round, action, actor, workflow.ROUND_TRANSITIONS, comment=comment)
