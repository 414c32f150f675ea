"""Choosing the experts of a round: affinity, capacity, the solver or the recorded random draw."""

from __future__ import annotations

import secrets
from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, search
from core.permissions import require
from credit import services as credit

from .. import affinity, conflicts, solver
from .. import permissions as perms
from ..models import AssignmentRun, Expert, Invitation, ReviewItem, ReviewRound
from ._guards import manager_only, require_draft
from .rounds import compute_exclusions

if TYPE_CHECKING:
    from accounts.models import User


def _expert_text(expert: Expert, reviewed: dict[int, list[str]], led: dict[int, list[str]]) -> str:
    return " ".join([expert.profile, expert.keywords, *reviewed.get(expert.pk, []), *led.get(expert.person_id, [])])


def affinity_for(review_round: ReviewRound, items: list[ReviewItem], experts: list[Expert]) -> np.ndarray:
    """Text + discipline affinity of every expert to every item, weighted by integrity grade."""
    from projects.models import Project

    reviewed = defaultdict(list)
    for expert_id, title in Invitation.objects.filter(
        expert__in=experts, status=Invitation.Status.SUBMITTED
    ).values_list("expert_id", "item__project__title"):
        if title:
            reviewed[expert_id].append(title)
    led = defaultdict(list)
    for person_id, title in Project.objects.filter(pi__person__in=[e.person_id for e in experts]).values_list(
        "pi__person_id", "title"
    ):
        led[person_id].append(title)
    proposals = affinity.Side(
        texts=[f"{i.title} {i.abstract} {i.keywords}" for i in items],
        codes=[i.discipline_codes.split() for i in items],
    )
    expert_side = affinity.Side(
        texts=[_expert_text(e, reviewed, led) for e in experts],
        codes=[[d.code for d in e.disciplines.all()] for e in experts],
    )
    grades = credit.grades_of([e.person for e in experts])
    grade_list = [grades[e.person_id].upper() for e in experts]
    return affinity.affinity_matrix(proposals, expert_side, grade_list, segment=search.segment)


def round_caps(review_round: ReviewRound, experts: list[Expert]) -> np.ndarray:
    used = conflicts.used_this_year(review_round)
    return np.array([max(0, min(review_round.expert_cap, e.yearly_cap - used.get(e.pk, 0))) for e in experts])


def _forbidden_pairs(
    review_round: ReviewRound, items: list[ReviewItem], experts: list[Expert]
) -> tuple[list[tuple[int, int]], set[int]]:
    item_index = {i.pk: n for n, i in enumerate(items)}
    expert_index = {e.pk: n for n, e in enumerate(experts)}
    pairs, barred = [], set()
    for item_id, expert_id in review_round.exclusions.values_list("item_id", "expert_id"):
        if expert_id not in expert_index:
            continue
        if item_id is None:
            barred.add(expert_index[expert_id])
        elif item_id in item_index:
            pairs.append((item_index[item_id], expert_index[expert_id]))
    return pairs, barred


def assign(actor: User, review_round: ReviewRound, mode: str, seed: str = "") -> AssignmentRun:
    """Compute exclusions, solve (optimal / fair) or draw (random), and invite the chosen experts."""
    manager_only(actor)
    require_draft(review_round)
    if mode not in AssignmentRun.Mode.values:
        raise ValidationError(_("未知的分配方式。Unknown mode."))
    if review_round.invitations.exists():
        raise ValidationError(_("本批次已分配专家；如需重来请先清除分配。Experts are already assigned."))
    items = list(review_round.items.select_related("round", "project__pi", "nomination").order_by("code"))
    if not items:
        raise ValidationError(_("本批次还没有评审对象。Add items first."))
    compute_exclusions(actor, review_round)
    experts = conflicts.candidate_experts(review_round)
    caps = round_caps(review_round, experts)
    pairs, barred = _forbidden_pairs(review_round, items, experts)
    for j in barred:
        caps[j] = 0
    k = [i.k for i in items]
    scores = affinity_for(review_round, items, experts) if experts else np.zeros((len(items), 0))
    try:
        if mode == AssignmentRun.Mode.RANDOM:
            chosen, record, total, minimum = _draw(
                review_round, items, experts, k, caps, pairs, scores, seed or secrets.token_hex(8)
            )
        else:
            problem = solver.Problem.build(scores, k, caps, pairs)
            result = solver.solve(problem, mode)
            chosen = [(int(p), int(e)) for p, e in result.pairs]
            total, minimum = result.total_affinity, result.min_proposal_affinity
            record = {
                "items": [i.code for i in items],
                "experts": [e.pk for e in experts],
                "k": k,
                "caps": caps.tolist(),
                "forbidden": len(pairs),
                "stats": _jsonable(result.stats),
            }
    except solver.InfeasibleError as exc:
        raise ValidationError(_("无法完成分配：%s") % exc) from exc
    with transaction.atomic():
        run = AssignmentRun.objects.create(
            round=review_round,
            mode=mode,
            seed=record.get("seed", ""),
            record=record,
            total_affinity=total,
            min_affinity=minimum,
            created_by=actor,
        )
        Invitation.objects.bulk_create(
            [
                Invitation(round=review_round, item=items[p], expert=experts[e], run=run, affinity=float(scores[p, e]))
                for p, e in chosen
            ]
        )
        audit.record(
            actor,
            f"review_assign:{mode}",
            review_round,
            after={"run": run.pk, "invitations": len(chosen), "total": total, "min": minimum},
        )
    return run


def _jsonable(stats: dict) -> dict:
    return {k: v for k, v in stats.items() if isinstance(v, int | float | str | bool)}


def _draw(
    review_round: ReviewRound,
    items: list[ReviewItem],
    experts: list[Expert],
    k: list[int],
    caps: np.ndarray,
    pairs: list[tuple[int, int]],
    scores: np.ndarray,
    seed: str,
) -> tuple[list[tuple[int, int]], dict, float, float]:
    forbidden = defaultdict(list)
    for p, e in pairs:
        forbidden[items[p].code].append(str(experts[e].pk))
    record = solver.draw_random(
        [i.code for i in items],
        [str(e.pk) for e in experts],
        {i.code: i.k for i in items},
        {str(e.pk): int(c) for e, c in zip(experts, caps, strict=True)},
        forbidden,
        seed,
    )
    item_index = {i.code: n for n, i in enumerate(items)}
    expert_index = {str(e.pk): n for n, e in enumerate(experts)}
    chosen = [(item_index[code], expert_index[e]) for code, drawn in record.chosen.items() for e in drawn]
    per_item = defaultdict(float)
    for p, e in chosen:
        per_item[p] += float(scores[p, e])
    stored = {
        "seed": record.seed,
        "k": record.k,
        "caps": record.caps,
        "exclusions": record.exclusions,
        "candidates": record.candidates,
        "chosen": record.chosen,
        "order": record.order,
    }
    return chosen, stored, sum(per_item.values()), min(per_item.values()) if per_item else 0.0


def replay(actor: User, run: AssignmentRun) -> list[str]:
    """A supervisor replays a random draw from its record; returns the items that differ."""
    require(perms.can_supervise(actor) or perms.can_manage(actor))
    if run.mode != AssignmentRun.Mode.RANDOM:
        raise ValidationError(_("只有随机抽取可以重放。Only random draws are replayed."))
    record = solver.DrawRecord(**run.record)
    differs = solver.replay_draw(record)
    # The invitations must also still be the drawn ones (nobody edited them afterwards).
    live = defaultdict(set)
    for code, expert_id in run.round.invitations.filter(run=run).values_list("item__code", "expert_id"):
        live[code].add(str(expert_id))
    differs += [code for code, drawn in record.chosen.items() if set(drawn) != live[code] and code not in differs]
    audit.record(actor, "review_replay", run.round, after={"run": run.pk, "differs": differs})
    return differs
