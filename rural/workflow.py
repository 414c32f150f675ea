"""The rural lifecycles as data (DESIGN.md rule 3):

county action   approved ─start→ implementing ─accept→ accepted
commissioner    active ─withdraw→ withdrawn ─reappoint→ active
poverty aid     helping ─lift→ lifted | ─fail→ not_lifted
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from . import permissions

_officer = permissions.can_manage
_county_or_officer = permissions.can_edit_regional


def _stamp_lifted(aid, actor, on=None, **kwargs) -> None:
    aid.lifted_on = on or timezone.localdate()


ACTION_TRANSITIONS = {
    ("approved", "start"): Rule("implementing", _county_or_officer, _("启动实施")),
    ("implementing", "accept"): Rule("accepted", _officer, _("验收")),
}

COMMISSIONER_TRANSITIONS = {
    ("active", "withdraw"): Rule("withdrawn", _county_or_officer, _("撤回"), comment_required=True),
    ("withdrawn", "reappoint"): Rule("active", _officer, _("重新选派")),
}

AID_TRANSITIONS = {
    ("helping", "lift"): Rule("lifted", _officer, _("认定脱贫"), before=_stamp_lifted),
    ("helping", "fail"): Rule("not_lifted", _officer, _("未脱贫"), comment_required=True),
}
