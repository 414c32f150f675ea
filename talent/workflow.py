"""The talent lifecycles as data (DESIGN.md rule 3):

talent   supported ─complete→ completed | ─terminate→ terminated
report   submitted ─accept→ accepted | ─return→ returned ─resubmit→ submitted
"""

from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from . import permissions

_officer = permissions.can_manage

TALENT_TRANSITIONS = {
    ("supported", "complete"): Rule("completed", _officer, _("期满考核通过")),
    ("supported", "terminate"): Rule("terminated", _officer, _("终止资助"), comment_required=True),
}

REPORT_TRANSITIONS = {
    ("submitted", "accept"): Rule("accepted", _officer, _("审核通过")),
    ("submitted", "return"): Rule("returned", _officer, _("退回修改"), comment_required=True),
    ("returned", "resubmit"): Rule("submitted", permissions.can_resubmit, _("重新提交")),
}
