"""The credit lifecycles as data (DESIGN.md rule 3): a pending automatic event is confirmed or
dismissed, a confirmed one revoked when an appeal is upheld."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.workflow import Rule, transition

from . import permissions as perms
from .models import Appeal, CreditEvent


def _decide(event: CreditEvent, actor, comment: str = "", **data) -> None:
    event.decided_by = actor
    event.decided_at = timezone.now()
    event.decision_note = comment


def _may_decide(user, _obj) -> bool:
    return perms.can_decide(user)


S = CreditEvent.Status
EVENT_TRANSITIONS = {
    (S.PENDING, "confirm"): Rule(S.CONFIRMED, allowed=_may_decide, label=gettext_lazy("确认"), before=_decide),
    (S.PENDING, "dismiss"): Rule(
        S.DISMISSED, allowed=_may_decide, label=gettext_lazy("撤销"), before=_decide, comment_required=True
    ),
    (S.CONFIRMED, "revoke"): Rule(
        S.REVOKED, allowed=_may_decide, label=gettext_lazy("申诉撤销"), before=_decide, comment_required=True
    ),
}


def _close_appeal(appeal: Appeal, actor, comment: str = "", **data) -> None:
    appeal.decided_by = actor
    appeal.decided_at = timezone.now()
    appeal.outcome = comment


def _revoke_event(appeal: Appeal, actor, comment: str = "", **data) -> None:
    transition(appeal.event, "revoke", actor, EVENT_TRANSITIONS, comment=comment)


AP = Appeal.Status
APPEAL_TRANSITIONS = {
    (AP.OPEN, "uphold"): Rule(
        AP.UPHELD, allowed=_may_decide, label=gettext_lazy("申诉成立"), before=_close_appeal, after=_revoke_event,
        comment_required=True,
    ),
    (AP.OPEN, "reject"): Rule(
        AP.REJECTED, allowed=_may_decide, label=gettext_lazy("驳回"), before=_close_appeal, comment_required=True
    ),
}
