"""Every state change of the review machinery (DESIGN.md rule 1): permission, validation,
one transaction, audit entry. Workflows go through core.workflow.transition.

For the projects app:  results_for(project) -> dict | None   (see docs/reviews.md)
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from decimal import Decimal

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit, plausibility, search
from core import services as core_services
from core.notifications import notify
from core.permissions import require
from core.workflow import Rule, transition
from credit import services as credit

from . import affinity, conflicts, scoring, solver
from . import permissions as perms
from .models import (
    AssignmentRun,
    AwardNomination,
    DeclaredConflict,
    Exclusion,
    Expert,
    Invitation,
    ReviewItem,
    ReviewRound,
    Score,
    Unavailability,
)

DECLARATION = (
    "本人承诺：与所评项目及其申请人、项目组成员、申请单位和合作单位不存在利益冲突；"
    "对评审材料和评审意见严格保密，不复制、不外传；独立、客观、公正地评审。"
    "如发现利益冲突，立即申请回避。"
    " / I declare no conflict of interest with this proposal, its applicant, team and organisations, "
    "will keep all materials and opinions confidential, and will review independently."
)


def _manager(user) -> None:
    require(perms.can_manage(user))


# --- expert library ---------------------------------------------------------------------------


def save_expert(actor, form, instance=None) -> Expert:
    _manager(actor)
    expert = form.save(commit=False)
    m2m = {"disciplines": form.cleaned_data.get("disciplines", [])}
    if instance is None:
        return core_services.create(actor, expert, m2m=m2m)
    changes = {name: getattr(expert, name) for name in form.changed_data if name != "disciplines"}
    return core_services.update(actor, instance, changes, m2m=m2m)


def apply_as_expert(actor, form, instance=None) -> Expert:
    """Joining: the applicant's own directory person becomes an expert in status 'applied'."""
    if not getattr(actor, "person_id", None):
        raise ValidationError(_("您的账号未关联人员信息，请联系科技局。Your account has no person record."))
    if Expert.objects.filter(person_id=actor.person_id).exists():
        raise ValidationError(_("您已在专家库中或已提交申请。You have already applied."))
    expert = form.save(commit=False)
    expert.person_id, expert.user, expert.status = actor.person_id, actor, Expert.Status.APPLIED
    return core_services.create(actor, expert, m2m={"disciplines": form.cleaned_data["disciplines"]})


def _own_record_or_manager(actor, expert: Expert) -> None:
    require(perms.can_manage(actor) or expert.user_id == actor.pk)


def declare_conflict(actor, expert: Expert, form) -> DeclaredConflict:
    """The expert (or an officer for them) declares an organisation or person to avoid."""
    _own_record_or_manager(actor, expert)
    declared = form.save(commit=False)
    declared.expert = expert
    return core_services.create(actor, declared)


def declare_unavailable(actor, expert: Expert, form) -> Unavailability:
    _own_record_or_manager(actor, expert)
    period = form.save(commit=False)
    period.expert = expert
    return core_services.create(actor, period)


def _renew(expert: Expert, actor, comment: str = "", **data) -> None:
    today = timezone.localdate()
    expert.valid_until = today.replace(year=today.year + 1)


ES = Expert.Status


def _officer(user, obj) -> bool:
    return perms.can_manage(user)


EXPERT_TRANSITIONS = {
    (ES.APPLIED, "approve"): Rule(ES.ACTIVE, allowed=_officer, label=gettext_lazy("批准入库"), before=_renew),
    (ES.APPLIED, "reject"): Rule(ES.REJECTED, allowed=_officer, label=gettext_lazy("不予入库"), comment_required=True),
    (ES.ACTIVE, "renew"): Rule(ES.ACTIVE, allowed=_officer, label=gettext_lazy("年度续聘"), before=_renew),
    (ES.ACTIVE, "suspend"): Rule(ES.SUSPENDED, allowed=_officer, label=gettext_lazy("暂停"), comment_required=True),
    (ES.SUSPENDED, "reinstate"): Rule(ES.ACTIVE, allowed=_officer, label=gettext_lazy("恢复"), before=_renew),
    (ES.ACTIVE, "retire"): Rule(ES.RETIRED, allowed=_officer, label=gettext_lazy("退出专家库")),
    (ES.SUSPENDED, "retire"): Rule(ES.RETIRED, allowed=_officer, label=gettext_lazy("退出专家库")),
}


def expert_action(actor, expert: Expert, action: str, comment: str = "") -> Expert:
    return transition(expert, action, actor, EXPERT_TRANSITIONS, comment=comment)


# --- rounds and items -------------------------------------------------------------------------


def save_round(actor, form, instance=None) -> ReviewRound:
    _manager(actor)
    obj = form.save(commit=False)
    if instance is None:
        obj.created_by = actor
        return core_services.create(actor, obj)
    if instance.status != ReviewRound.Status.DRAFT:
        raise ValidationError(_("评审已开始，批次设置不能再改。The round has started."))
    return core_services.update(actor, instance, {n: getattr(obj, n) for n in form.changed_data})


def add_items(actor, review_round: ReviewRound, projects=(), nominations=(), disciplines: str = "") -> int:
    """Put projects in expert review (or nominations in review) on the round; returns how many."""
    _manager(actor)
    _require_draft(review_round)
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


def _require_draft(review_round: ReviewRound) -> None:
    if review_round.status != ReviewRound.Status.DRAFT:
        raise ValidationError(_("只有准备中的批次可以调整评审对象和专家。The round is no longer in preparation."))


def compute_exclusions(actor, review_round: ReviewRound) -> int:
    """Recompute every exclusion of the round from the records; 'undeclared' ones are kept."""
    _manager(actor)
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


def _round_caps(review_round: ReviewRound, experts: list[Expert]) -> np.ndarray:
    used = conflicts.used_this_year(review_round)
    return np.array([max(0, min(review_round.expert_cap, e.yearly_cap - used.get(e.pk, 0))) for e in experts])


def _forbidden_pairs(review_round, items, experts) -> tuple[list[tuple[int, int]], set[int]]:
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


def assign(actor, review_round: ReviewRound, mode: str, seed: str = "") -> AssignmentRun:
    """Compute exclusions, solve (optimal / fair) or draw (random), and invite the chosen experts."""
    _manager(actor)
    _require_draft(review_round)
    if mode not in AssignmentRun.Mode.values:
        raise ValidationError(_("未知的分配方式。Unknown mode."))
    if review_round.invitations.exists():
        raise ValidationError(_("本批次已分配专家；如需重来请先清除分配。Experts are already assigned."))
    items = list(review_round.items.select_related("round", "project__pi", "nomination").order_by("code"))
    if not items:
        raise ValidationError(_("本批次还没有评审对象。Add items first."))
    compute_exclusions(actor, review_round)
    experts = conflicts.candidate_experts(review_round)
    caps = _round_caps(review_round, experts)
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


def _draw(review_round, items, experts, k, caps, pairs, scores, seed):
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


def replay(actor, run: AssignmentRun) -> list[str]:
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


def clear_assignment(actor, review_round: ReviewRound) -> None:
    _manager(actor)
    _require_draft(review_round)
    with transaction.atomic():
        count = review_round.invitations.count()
        review_round.invitations.all().delete()
        audit.record(actor, "review_assign_cleared", review_round, before={"invitations": count})


# --- round lifecycle --------------------------------------------------------------------------


def _has_invitations(review_round: ReviewRound, actor, comment="", **data) -> None:
    if not review_round.invitations.exists():
        raise ValidationError(_("尚未分配专家。Assign experts first."))


def _notify_invitees(review_round: ReviewRound, actor, comment="", **data) -> None:
    for invitation in review_round.invitations.select_related("expert__user"):
        if invitation.expert.user:
            notify(invitation.expert.user, _("评审邀请：%s") % review_round.title, invitation.get_absolute_url())


def _close(review_round: ReviewRound, actor, comment="", **data) -> None:
    rank_round(review_round)
    flag_late(review_round)
    flag_outliers(review_round)


def _publish(review_round: ReviewRound, actor, comment="", **data) -> None:
    """Results flow back to the projects lifecycle's expert-review step."""
    from projects import services as project_services

    for item in review_round.items.filter(project__isnull=False, final_score__isnull=False).select_related("project"):
        project_services.record_review_score(
            actor, item.project, item.final_score, comment=f"{review_round.title} {item.code}", source="reviews"
        )


RS = ReviewRound.Status
ROUND_TRANSITIONS = {
    (RS.DRAFT, "start"): Rule(
        RS.REVIEWING,
        allowed=_officer,
        label=gettext_lazy("发出邀请，开始评审"),
        before=_has_invitations,
        after=_notify_invitees,
    ),
    (RS.REVIEWING, "close"): Rule(RS.CLOSED, allowed=_officer, label=gettext_lazy("结束评审，汇总排名"), before=_close),
    (RS.CLOSED, "reopen"): Rule(RS.REVIEWING, allowed=_officer, label=gettext_lazy("重新开放"), comment_required=True),
    (RS.CLOSED, "publish"): Rule(RS.PUBLISHED, allowed=_officer, label=gettext_lazy("发布结果"), after=_publish),
}


def round_action(actor, review_round: ReviewRound, action: str, comment: str = "") -> ReviewRound:
    return transition(review_round, action, actor, ROUND_TRANSITIONS, comment=comment)


# --- invitations ------------------------------------------------------------------------------


def _own(user, inv: Invitation) -> bool:
    return perms.is_invitee(user, inv) and inv.round.status == RS.REVIEWING


def _sign(inv: Invitation, actor, comment="", signed=False, **data) -> None:
    if not signed:
        raise ValidationError(_("须先签署利益冲突与保密承诺书。Sign the declaration first."))
    inv.declaration = DECLARATION
    inv.declared_at = inv.responded_at = timezone.now()


def _decline(inv: Invitation, actor, comment="", **data) -> None:
    inv.decline_reason = comment[:300]
    inv.responded_at = timezone.now()


def _after_decline(inv: Invitation, actor, comment="", **data) -> None:
    if data.get("was_accepted"):
        credit.record_kind(
            None,
            inv.expert.person,
            "review_declined_after_accept",
            source=inv,
            confirmed=False,
            automatic=True,
            evidence=f"{inv.round.title} {inv.item.code}：接受后于"
            f"{timezone.localtime():%Y-%m-%d %H:%M}谢绝，理由：{comment or '—'}",
        )


def _submit(inv: Invitation, actor, comment="", **data) -> None:
    criteria = list(inv.round.template.criteria.all())
    given = {s.criterion_id: s.value for s in inv.scores.all()}
    if not criteria or any(c.pk not in given for c in criteria):
        raise ValidationError(_("请为每个评分项打分后再提交。Score every criterion."))
    inv.total = scoring.weighted_total((given[c.pk], c.weight, c.max_score) for c in criteria)
    inv.submitted_at = timezone.now()


IS = Invitation.Status
INVITATION_TRANSITIONS = {
    (IS.INVITED, "accept"): Rule(IS.ACCEPTED, allowed=_own, label=gettext_lazy("接受并签署承诺"), before=_sign),
    (IS.INVITED, "decline"): Rule(
        IS.DECLINED, allowed=_own, label=gettext_lazy("谢绝"), before=_decline, comment_required=True
    ),
    (IS.ACCEPTED, "decline"): Rule(
        IS.DECLINED,
        allowed=_own,
        label=gettext_lazy("谢绝"),
        before=_decline,
        after=_after_decline,
        comment_required=True,
    ),
    (IS.ACCEPTED, "submit"): Rule(IS.SUBMITTED, allowed=_own, label=gettext_lazy("提交评分"), before=_submit),
    (IS.INVITED, "withdraw"): Rule(IS.WITHDRAWN, allowed=_officer, label=gettext_lazy("撤回（改派）")),
    (IS.ACCEPTED, "withdraw"): Rule(IS.WITHDRAWN, allowed=_officer, label=gettext_lazy("撤回（改派）")),
}


def respond(actor, inv: Invitation, action: str, comment: str = "", signed: bool = False) -> Invitation:
    """The expert accepts (signing the declaration) or declines an invitation."""
    if action not in ("accept", "decline"):
        raise ValidationError(_("未知操作。Unknown action."))
    was_accepted = inv.status == IS.ACCEPTED
    return transition(
        inv, action, actor, INVITATION_TRANSITIONS, comment=comment, signed=signed, was_accepted=was_accepted
    )


def save_scores(actor, inv: Invitation, values: dict[int, Decimal], comment: str, submit: bool) -> Invitation:
    """Store the sheet (all criteria validated against their max) and optionally submit it."""
    inv = Invitation.objects.select_related("round__template", "expert").get(pk=inv.pk)
    require(
        _own(actor, inv) and inv.status == IS.ACCEPTED,
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
    return transition(inv, "submit", actor, INVITATION_TRANSITIONS) if submit else inv


def reassign(actor, inv: Invitation, reason: str) -> Invitation | None:
    """Emergency reassignment after a decline or a late review: the best eligible expert with
    capacity left (round cap and yearly cap), never one already on the item or excluded."""
    _manager(actor)
    inv = Invitation.objects.select_related("round", "item").get(pk=inv.pk)  # callers may hold stale copies
    review_round = inv.round
    if review_round.status != RS.REVIEWING:
        raise ValidationError(_("只有评审中的批次可以改派。"))
    with transaction.atomic():
        if inv.status in (IS.INVITED, IS.ACCEPTED):
            inv = transition(inv, "withdraw", actor, INVITATION_TRANSITIONS, comment=reason)
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


def _best_replacement(review_round: ReviewRound, item: ReviewItem):
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
    caps = dict(zip([e.pk for e in experts], _round_caps(review_round, experts), strict=True))
    eligible = [e for e in experts if e.pk not in barred and load[e.pk] < caps[e.pk]]
    if not eligible:
        return None
    scores = affinity_for(review_round, [item], eligible)[0]
    best = int(np.argmax(scores))
    return eligible[best], float(scores[best])


def report_undeclared_conflict(actor, inv: Invitation, evidence: str) -> Exclusion:
    """A conflict the expert did not declare comes to light: exclude, withdraw, pending credit event."""
    _manager(actor)
    if not evidence.strip():
        raise ValidationError(_("请写明发现的利益冲突及证据。Describe the evidence."))
    with transaction.atomic():
        exclusion = Exclusion.objects.create(
            round=inv.round, item=inv.item, expert=inv.expert, rule=Exclusion.Rule.UNDECLARED, reason=evidence[:300]
        )
        if inv.status in (IS.INVITED, IS.ACCEPTED):
            transition(inv, "withdraw", actor, INVITATION_TRANSITIONS, comment=evidence)
        elif inv.status == IS.SUBMITTED:
            Invitation.objects.filter(pk=inv.pk).update(status=IS.WITHDRAWN)
            audit.record(actor, "review_sheet_voided", inv, note=evidence)
        credit.record_kind(
            actor,
            inv.expert.person,
            "review_undeclared_conflict",
            source=inv,
            confirmed=False,
            automatic=True,
            evidence=f"{inv.round.title} {inv.item.code}：{evidence}",
        )
    return exclusion


def send_reminders(actor, review_round: ReviewRound) -> int:
    """Remind every expert whose review is still open; the overdue ones are told so."""
    _manager(actor)
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


# --- closing: aggregation, automatic credit events ----------------------------------------------


def sheets_of(review_round: ReviewRound) -> list[tuple[str, str, float]]:
    return [
        (code, str(expert_id), float(total))
        for code, expert_id, total in review_round.invitations.filter(status=IS.SUBMITTED).values_list(
            "item__code", "expert_id", "total"
        )
    ]


def ranking(review_round: ReviewRound, method: str | None = None):
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
        credit.record_kind(
            None,
            inv.expert.person,
            "review_late",
            source=inv,
            confirmed=False,
            automatic=True,
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
        credit.record_kind(
            None,
            expert.person,
            "review_outlier",
            source=review_round,
            confirmed=False,
            automatic=True,
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


def record_consensus(actor, item: ReviewItem, score: Decimal, minutes: str = "") -> ReviewItem:
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


def results_for(project) -> dict | None:
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


# --- S&T awards -------------------------------------------------------------------------------


def save_nomination(actor, form, instance=None) -> AwardNomination:
    _manager(actor)
    obj = form.save(commit=False)
    if instance is None:
        return core_services.create(actor, obj)
    return core_services.update(actor, instance, {n: getattr(obj, n) for n in form.changed_data})


def _not_blacklisted(nomination: AwardNomination, actor, comment="", **data) -> None:
    for subject in (nomination.nominee, nomination.organisation):
        if credit.is_blacklisted(subject):
            raise ValidationError(_("%s 在科研诚信黑名单中，不得提名。") % subject)


def _set_grade(nomination: AwardNomination, actor, comment="", grade="", **data) -> None:
    plausibility.require_notice_over(nomination.notice_end)
    if grade not in AwardNomination.Grade.values:
        raise ValidationError(_("请选择授奖等级。Choose the award grade."))
    nomination.final_grade = grade


NS = AwardNomination.Status
NOMINATION_TRANSITIONS = {
    (NS.SUBMITTED, "pass_formal"): Rule(
        NS.IN_REVIEW, allowed=_officer, label=gettext_lazy("形式审查通过"), before=_not_blacklisted
    ),
    (NS.SUBMITTED, "fail_formal"): Rule(
        NS.FORMAL_FAILED, allowed=_officer, label=gettext_lazy("形式审查不通过"), comment_required=True
    ),
    (NS.IN_REVIEW, "publish_notice"): Rule(
        NS.IN_NOTICE, allowed=_officer, label=gettext_lazy("公示"), requires=("notice_end",)
    ),
    (NS.IN_NOTICE, "raise_objection"): Rule(
        NS.OBJECTION, allowed=_officer, label=gettext_lazy("登记异议"), comment_required=True
    ),
    (NS.OBJECTION, "dismiss_objection"): Rule(
        NS.IN_NOTICE, allowed=_officer, label=gettext_lazy("异议不成立"), comment_required=True
    ),
    (NS.OBJECTION, "uphold_objection"): Rule(
        NS.NOT_AWARDED, allowed=_officer, label=gettext_lazy("异议成立"), comment_required=True
    ),
    (NS.IN_NOTICE, "award"): Rule(
        NS.AWARDED,
        allowed=lambda u, o: u.has_role("admin", "leader"),
        label=gettext_lazy("决定授奖"),
        before=_set_grade,
    ),
    (NS.IN_NOTICE, "not_award"): Rule(
        NS.NOT_AWARDED,
        allowed=lambda u, o: u.has_role("admin", "leader"),
        label=gettext_lazy("决定不授奖"),
        comment_required=True,
    ),
}


def nomination_action(actor, nomination: AwardNomination, action: str, comment: str = "", grade: str = ""):
    return transition(nomination, action, actor, NOMINATION_TRANSITIONS, comment=comment, grade=grade)
