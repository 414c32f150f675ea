"""The review lifecycles as data (DESIGN.md rule 3): experts, rounds, invitations and award
nominations, each a `core.workflow.Rule` table with its hooks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import plausibility
from core.notifications import notify
from core.workflow import Rule
from credit import services as credit

from . import permissions as perms
from . import scoring
from .models import AwardNomination, Expert, Invitation, ReviewRound
from .services.results import flag_late, flag_outliers, rank_round

DECLARATION = (
    "本人承诺：与所评项目及其申请人、项目组成员、申请单位和合作单位不存在利益冲突；"
    "对评审材料和评审意见严格保密，不复制、不外传；独立、客观、公正地评审。"
    "如发现利益冲突，立即申请回避。"
    " / I declare no conflict of interest with this proposal, its applicant, team and organisations, "
    "will keep all materials and opinions confidential, and will review independently."
)


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
    ((ES.ACTIVE, ES.SUSPENDED), "retire"): Rule(ES.RETIRED, allowed=_officer, label=gettext_lazy("退出专家库")),
}


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
        RS.REVIEWING, allowed=_officer, label=gettext_lazy("发出邀请，开始评审"), before=_has_invitations,
        after=_notify_invitees,
    ),
    (RS.REVIEWING, "close"): Rule(RS.CLOSED, allowed=_officer, label=gettext_lazy("结束评审，汇总排名"), before=_close),
    (RS.CLOSED, "reopen"): Rule(RS.REVIEWING, allowed=_officer, label=gettext_lazy("重新开放"), comment_required=True),
    (RS.CLOSED, "publish"): Rule(RS.PUBLISHED, allowed=_officer, label=gettext_lazy("发布结果"), after=_publish),
}


def invitee_may_act(user, inv: Invitation) -> bool:
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
        credit.record_pending(
            None, inv.expert.person, "review_declined_after_accept", source=inv,
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
    (IS.INVITED, "accept"): Rule(
        IS.ACCEPTED, allowed=invitee_may_act, label=gettext_lazy("接受并签署承诺"), before=_sign
    ),
    (IS.INVITED, "decline"): Rule(
        IS.DECLINED, allowed=invitee_may_act, label=gettext_lazy("谢绝"), before=_decline, comment_required=True
    ),
    (IS.ACCEPTED, "decline"): Rule(
        IS.DECLINED, allowed=invitee_may_act, label=gettext_lazy("谢绝"), before=_decline, after=_after_decline,
        comment_required=True,
    ),
    (IS.ACCEPTED, "submit"): Rule(
        IS.SUBMITTED, allowed=invitee_may_act, label=gettext_lazy("提交评分"), before=_submit
    ),
    ((IS.INVITED, IS.ACCEPTED), "withdraw"): Rule(IS.WITHDRAWN, allowed=_officer, label=gettext_lazy("撤回（改派）")),
}


def _not_blacklisted(nomination: AwardNomination, actor, comment="", **data) -> None:
    for subject in (nomination.nominee, nomination.organisation):
        if credit.is_blacklisted(subject):
            raise ValidationError(_("%s 在科研诚信黑名单中，不得提名。") % subject)


def _no_open_objection(nomination: AwardNomination, actor, comment="", **data) -> None:
    # An objection filed on the portal stays open until an officer resolves it; deciding the
    # award would close the notice over it.
    from projects.models import Objection

    if Objection.objects.for_item(nomination).unresolved().exists():
        raise ValidationError(
            _("有未处理的公示异议，不能作出授奖决定。An objection to this notice is still unresolved.")
        )


def _set_grade(nomination: AwardNomination, actor, comment="", grade="", **data) -> None:
    _no_open_objection(nomination, actor)
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
        NS.AWARDED, allowed=lambda u, o: u.has_role("admin", "leader"), label=gettext_lazy("决定授奖"),
        before=_set_grade,
    ),
    (NS.IN_NOTICE, "not_award"): Rule(
        NS.NOT_AWARDED, allowed=lambda u, o: u.has_role("admin", "leader"), label=gettext_lazy("决定不授奖"),
        before=_no_open_objection, comment_required=True,
    ),
}
