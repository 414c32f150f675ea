"""An expert's invitation: accepting or declining, the score sheet, reassignment, reminders."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.notifications import notify
from core.permissions import require
from core.workflow import transition
from credit import services as credit

from .. import conflicts, workflow
from ..models import Exclusion, Invitation, ReviewItem, ReviewRound, Score
from ._guards import manager_only
from .assignment import affinity_for, round_caps

if TYPE_CHECKING:
    from accounts.models import User

    from ..models import Expert

IS, RS = Invitation.Status, ReviewRound.Status


def respond(actor: User, inv: Invitation, action: str, comment: str = "", signed: bool = False) -> Invitation:
    """The expert accepts (signing the declaration) or declines an invitation."""
    if action not in ("accept", "decline"):
        raise ValidationError(_("未知操作。Unknown action."))
    was_accepted = inv.status == IS.ACCEPTED
    return transition(
        inv, action, actor, workflow.INVITATION_TRANSITIONS, comment=comment, signed=signed, was_accepted=was_accepted
    )


def save_scores(actor: User, inv: Invitation, values: dict[int, Decimal], comment: str, submit: bool) -> Invitation:
    """Store the sheet (all criteria validated against their max) and optionally submit it."""
    inv = Invitation.objects.select_related("round__template", "expert").get(pk=inv.pk)
    require(
        workflow.invitee_may_act(actor, inv) and inv.status == IS.ACCEPTED,
        _("只能在接受邀请后、提交前评分。Scores can be edited after accepting, before submitting."),
    )
    criteria = {c.pk: c for c in inv.round.template.criteria.all()}
    errors = []
    for criterion_id, value in values.items():
        c = criteria.get(criterion_id)
        if c is None:
            errors.append(_("未知评分项。"))
        elif value is None or not Decimal(0) <= value <= c.max_score:
            errors.append(_("“%(name)s”须在 0–%(max)s 之间。") % {"name": c.name, "max": c.max_score})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {s.criterion_id: str(s.value) for s in inv.scores.all()}
        for criterion_id, value in values.items():
            Score.objects.update_or_create(invitation=inv, criterion_id=criterion_id, defaults={"value": value})
        Invitation.objects.filter(pk=inv.pk).update(comment=comment)
        audit.record(actor, "review_scores", inv, before=before, after={k: str(v) for k, v in values.items()})
    inv.refresh_from_db()
    return transition(inv, "submit", actor, workflow.INVITATION_TRANSITIONS) if submit else inv


def reassign(actor: User, inv: Invitation, reason: str) -> Invitation | None:
    """Emergency reassignment after a decline or a late review: the best eligible expert with
    capacity left (round cap and yearly cap), never one already on the item or excluded."""
    manager_only(actor)
    inv = Invitation.objects.select_related("round", "item").get(pk=inv.pk)  # callers may hold stale copies
    review_round = inv.round
    if review_round.status != RS.REVIEWING:
        raise ValidationError(_("只有评审中的批次可以改派。"))
    with transaction.atomic():
        if inv.status in (IS.INVITED, IS.ACCEPTED):
            inv = transition(inv, "withdraw", actor, workflow.INVITATION_TRANSITIONS, comment=reason)
        elif inv.status != IS.DECLINED:
            raise ValidationError(_("已提交评分的邀请不能改派。"))
        replacement = _best_replacement(review_round, inv.item)
        if replacement is None:
            audit.record(actor, "review_reassign_failed", inv, note=reason)
            return None
        expert, score = replacement
        new = Invitation.objects.create(round=review_round, item=inv.item, expert=expert, affinity=score)
        audit.record(actor, "review_reassign", new, after={"replaces": inv.pk, "expert": expert.pk}, note=reason)
    if expert.user:
        notify(expert.user, _("评审邀请：%s") % review_round.title, new.get_absolute_url())
    return new


def _best_replacement(review_round: ReviewRound, item: ReviewItem) -> Expert | None:
    experts = conflicts.candidate_experts(review_round)
    compute_found = conflicts.item_conflicts(review_round, [item], experts) + conflicts.round_ineligibility(
        review_round, experts
    )
    barred = {f.expert_id for f in compute_found}
    barred |= set(review_round.exclusions.filter(item=item).values_list("expert_id", flat=True))
    barred |= set(item.invitations.values_list("expert_id", flat=True))
    load = defaultdict(int)
    for expert_id in review_round.invitations.filter(status__in=Invitation.LIVE).values_list("expert_id", flat=True):
        load[expert_id] += 1
    caps = dict(zip([e.pk for e in experts], round_caps(review_round, experts), strict=True))
    eligible = [e for e in experts if e.pk not in barred and load[e.pk] < caps[e.pk]]
    if not eligible:
        return None
    scores = affinity_for(review_round, [item], eligible)[0]
    best = int(np.argmax(scores))
    return eligible[best], float(scores[best])


def report_undeclared_conflict(actor: User, inv: Invitation, evidence: str) -> Exclusion:
    """A conflict the expert did not declare comes to light: exclude, withdraw, pending credit event."""
    manager_only(actor)
    if not evidence.strip():
        raise ValidationError(_("请写明发现的利益冲突及证据。Describe the evidence."))
    with transaction.atomic():
        exclusion = Exclusion.objects.create(
            round=inv.round, item=inv.item, expert=inv.expert, rule=Exclusion.Rule.UNDECLARED, reason=evidence[:300]
        )
        if inv.status in (IS.INVITED, IS.ACCEPTED):
            transition(inv, "withdraw", actor, workflow.INVITATION_TRANSITIONS, comment=evidence)
        elif inv.status == IS.SUBMITTED:
            Invitation.objects.filter(pk=inv.pk).update(status=IS.WITHDRAWN)
            audit.record(actor, "review_sheet_voided", inv, note=evidence)
        credit.record_pending(
            actor, inv.expert.person, "review_undeclared_conflict", source=inv,
            evidence=f"{inv.round.title} {inv.item.code}：{evidence}",
        )
    return exclusion


def send_reminders(actor: User, review_round: ReviewRound) -> int:
    """Remind every expert whose review is still open; the overdue ones are told so."""
    manager_only(actor)
    now = timezone.now()
    open_invitations = review_round.invitations.filter(status__in=[IS.INVITED, IS.ACCEPTED]).select_related(
        "expert__user"
    )
    count = 0
    for inv in open_invitations:
        if inv.expert.user:
            late = now > review_round.due_at
            text = (_("评审已逾期，请尽快完成：%s") if late else _("请在截止前完成评审：%s")) % review_round.title
            notify(inv.expert.user, text, inv.get_absolute_url())
            count += 1
    open_invitations.update(reminded_at=now)
    audit.record(actor, "review_reminders", review_round, after={"sent": count})
    return count
