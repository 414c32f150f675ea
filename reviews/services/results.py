"""Closing a round: aggregation and ranking, automatic credit events, results for the projects app."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.permissions import require
from credit import services as credit

from .. import permissions as perms
from .. import scoring
from ..models import Expert, Invitation, ReviewItem, ReviewRound

if TYPE_CHECKING:
    from accounts.models import User
    from projects.models import Project

IS, RS = Invitation.Status, ReviewRound.Status


def sheets_of(review_round: ReviewRound) -> list[tuple[str, str, float]]:
    return [
        (code, str(expert_id), float(total))
        for code, expert_id, total in review_round.invitations.filter(status=IS.SUBMITTED).values_list(
            "item__code", "expert_id", "total"
        )
    ]


def ranking(review_round: ReviewRound, method: str | None = None) -> list[tuple[ReviewItem, Decimal, int, bool]]:
    """(item, score, rank, funded) best first, with the round's (or the given) method."""
    scores = scoring.aggregate(method or review_round.method, sheets_of(review_round))
    if review_round.mode == ReviewRound.Mode.PANEL:
        for code, consensus in review_round.items.filter(consensus_score__isnull=False).values_list(
            "code", "consensus_score"
        ):
            scores[code] = float(consensus)  # the panel's agreed score is final
    items = {i.code: i for i in review_round.items.select_related("project", "nomination")}
    return [(items[c], s, r, f) for c, s, r, f in scoring.rank(scores, review_round.funding_count)]


def rank_round(review_round: ReviewRound) -> None:
    for item, score, position, _funded in ranking(review_round):
        ReviewItem.objects.filter(pk=item.pk).update(final_score=Decimal(str(round(score, 2))), rank=position)


def flag_late(review_round: ReviewRound) -> int:
    """Accepted or silent invitations not submitted by the deadline become pending credit events."""
    if timezone.now() <= review_round.due_at:
        return 0
    late = review_round.invitations.filter(status__in=[IS.INVITED, IS.ACCEPTED]).select_related(
        "expert__person", "item"
    )
    for inv in late:
        credit.record_pending(
            None, inv.expert.person, "review_late", source=inv,
            evidence=f"{review_round.title} {inv.item.code}：截止 "
            f"{timezone.localtime(review_round.due_at):%Y-%m-%d %H:%M} 未提交",
        )
    return len(late)


OUTLIER_ROUNDS = 2  # an expert is flagged when outlying in this many different rounds


def flag_outliers(review_round: ReviewRound) -> list[int]:
    """Experts whose scores are MAD outliers in this round and in at least one earlier round."""
    per_item = defaultdict(dict)
    for code, expert_id, total in sheets_of(review_round):
        per_item[code][expert_id] = total
    outlying = defaultdict(list)
    for code, scores in per_item.items():
        for expert_id in scoring.outliers(scores):
            outlying[int(expert_id)].append(code)
    flagged = []
    for expert_id, codes in outlying.items():
        earlier = _outlier_rounds(expert_id, exclude=review_round)
        if len(earlier) + 1 < OUTLIER_ROUNDS:
            continue
        expert = Expert.objects.select_related("person").get(pk=expert_id)
        credit.record_pending(
            None, expert.person, "review_outlier", source=review_round,
            evidence=f"本轮 {review_round.title}：{'、'.join(codes)}；"
            f"此前：{'、'.join(earlier)}（评分偏离专家组中位数，MAD 稳健 z > {scoring.OUTLIER_Z}）",
        )
        flagged.append(expert_id)
    return flagged


def _outlier_rounds(expert_id: int, exclude: ReviewRound) -> list[str]:
    rounds = []
    for other in (
        ReviewRound.objects.filter(
            invitations__expert_id=expert_id, invitations__status=IS.SUBMITTED, status__in=[RS.CLOSED, RS.PUBLISHED]
        )
        .exclude(pk=exclude.pk)
        .distinct()
    ):
        per_item = defaultdict(dict)
        for code, e, total in sheets_of(other):
            per_item[code][e] = total
        if any(str(expert_id) in scoring.outliers(scores) for scores in per_item.values()):
            rounds.append(other.title)
    return rounds


def record_consensus(actor: User, item: ReviewItem, score: Decimal, minutes: str = "") -> ReviewItem:
    """Panel mode: the chair (or an officer) records the agreed score and the minutes."""
    item = ReviewItem.objects.select_related("round__chair").get(pk=item.pk)
    review_round = item.round
    require(perms.can_manage(actor) or perms.can_chair(actor, review_round))
    if review_round.mode != ReviewRound.Mode.PANEL or review_round.status != RS.REVIEWING:
        raise ValidationError(_("只有会评中的批次可以录入合议分。"))
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(_("合议分须在 0–100 之间。"))
    with transaction.atomic():
        before = audit.snapshot(item)
        item.consensus_score = score
        item.save(update_fields=["consensus_score"])
        if minutes:
            ReviewRound.objects.filter(pk=review_round.pk).update(minutes=minutes)
        audit.record(actor, "review_consensus", item, before=before, after=audit.snapshot(item), note=minutes[:200])
    return item


# --- for the projects app -----------------------------------------------------------------------


def results_for(project: Project) -> dict | None:
    """The latest published review of a project: score, rank, method and anonymised opinions.

    Reviewer names never appear (single- and double-blind both hide reviewers from applicants).
    """
    item = (
        ReviewItem.objects.filter(project=project, round__status=RS.PUBLISHED, final_score__isnull=False)
        .select_related("round")
        .order_by("-round_id")
        .first()
    )
    if item is None:
        return None
    opinions = [inv.comment for inv in item.invitations.filter(status=IS.SUBMITTED).order_by("id") if inv.comment]
    return {
        "round": item.round.title,
        "score": item.final_score,
        "rank": item.rank,
        "of": item.round.items.count(),
        "method": item.round.get_method_display(),
        "funded_line": item.round.funding_count,
        "opinions": [f"专家{n}：{text}" for n, text in enumerate(opinions, start=1)],
    }
