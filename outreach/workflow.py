"""The lifecycles of outreach as data (DESIGN.md rule 3):

event        draft ─publish→ published ─unpublish→ draft   (published: on the public portal)
agreement    negotiating ─sign→ in_force ─complete→ completed;  negotiating/in_force ─terminate→ terminated
cultivation  cultivating ─graduate→ graduated | ─withdraw→ withdrawn;  withdrawn ─readmit→ cultivating
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from . import permissions

_officer = permissions.can_manage


def _stamp(field: str):
    """A `before` hook: the day of the step unless the officer gave one (`on=`)."""

    def hook(obj, actor, on=None, **kwargs) -> None:
        setattr(obj, field, on or getattr(obj, field) or timezone.localdate())

    return hook


def _readmit(entry, actor, **kwargs) -> None:
    entry.left_on = None


EVENT_TRANSITIONS = {
    ("draft", "publish"): Rule("published", permissions.can_edit_event, _("发布")),
    ("published", "unpublish"): Rule("draft", permissions.can_edit_event, _("撤回发布"), comment_required=True),
}

AGREEMENT_TRANSITIONS = {
    ("negotiating", "sign"): Rule("in_force", _officer, _("签约"), before=_stamp("signed_on")),
    ("in_force", "complete"): Rule("completed", _officer, _("完成")),
    (("negotiating", "in_force"), "terminate"): Rule("terminated", _officer, _("终止"), comment_required=True),
}

CULTIVATION_TRANSITIONS = {
    ("cultivating", "graduate"): Rule("graduated", _officer, _("认定或上市"), before=_stamp("graduated_on")),
    ("cultivating", "withdraw"): Rule(
        "withdrawn", _officer, _("退出名单"), before=_stamp("left_on"), comment_required=True
    ),
    ("withdrawn", "readmit"): Rule("cultivating", _officer, _("重新入选"), before=_readmit),
}
