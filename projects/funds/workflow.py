"""The budget adjustment (预算调剂) lifecycle as a Rule table."""

from __future__ import annotations

import functools

from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from .models import AdjustmentState as S


@functools.cache
def adjustment_rules() -> dict:
    from projects import permissions as perms

    from . import services

    def officer(user, adjustment) -> bool:
        return perms.can_decide_change(user, adjustment.project)

    def pi(user, adjustment) -> bool:
        return perms.is_pi(user, adjustment.project)

    def told(adjustment):
        return [adjustment.requested_by]

    return {
        (S.PENDING, "approve"): Rule(S.APPROVED, allowed=officer, label=_("批准调剂"),
                                     before=services.check_still_possible, after=services.apply_adjustment,
                                     notify=told),
        (S.PENDING, "reject"): Rule(S.REJECTED, allowed=officer, label=_("不批准"), comment_required=True,
                                    notify=told),
        (S.PENDING, "withdraw"): Rule(S.WITHDRAWN, allowed=pi, label=_("撤回")),
    }
