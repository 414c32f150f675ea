"""The plan's lifecycle as data (DESIGN.md rule 3):

    draft --confirm--> confirmed --reopen--> draft

Confirming checks that the plan has indicators, that each is complete, and that no other plan
of the same year is already confirmed. Reopening (admin only) needs a reason.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Rule, TransitionError

from . import permissions
from .models import Plan


def _check_ready(plan: Plan, actor, **kwargs) -> None:
    indicators = list(plan.indicators.select_related("leader"))
    if not indicators:
        raise TransitionError(_("工作要点还没有指标，不能确认。The plan has no indicators."), code="empty")
    problems = []
    for indicator in indicators:
        try:
            indicator.full_clean()
        except Exception as exc:  # ValidationError with a dict of messages
            problems.append(f"{indicator.code} {indicator.name}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}")
    if problems:
        raise TransitionError(
            _("以下指标不完整：%(list)s。Some indicators are incomplete.") % {"list": " / ".join(problems)},
            code="incomplete",
        )
    clash = Plan.objects.filter(year=plan.year, status=Plan.Status.CONFIRMED).exclude(pk=plan.pk).first()
    if clash:
        raise TransitionError(
            _("%(year)s 年已有已确认的工作要点“%(title)s”。A plan for this year is already confirmed.")
            % {"year": plan.year, "title": clash.title},
            code="duplicate_year",
        )


TRANSITIONS = {
    (Plan.Status.DRAFT, "confirm"): Rule(
        Plan.Status.CONFIRMED,
        allowed=permissions.can_confirm_plan,
        label=gettext_lazy("确认发布"),
        requires=("title", "year"),
        before=_check_ready,
    ),
    (Plan.Status.CONFIRMED, "reopen"): Rule(
        Plan.Status.DRAFT,
        allowed=permissions.can_reopen_plan,
        label=gettext_lazy("退回修改"),
        comment_required=True,
    ),
}
