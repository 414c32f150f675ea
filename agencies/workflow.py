"""The lifecycle of a service record as data (DESIGN.md rule 3):

recorded ─complain→ complained ─uphold→ upheld (credit event) | ─dismiss→ recorded
recorded | complained ─find_false→ false (the application it prepared was false: credit event)"""

from django.utils.translation import gettext_lazy

from core.workflow import Rule

from . import permissions
from .credit_events import on_complaint_upheld, on_false_application

SERVICE_TRANSITIONS = {
    ("recorded", "complain"): Rule(
        "complained", permissions.can_decide, gettext_lazy("登记投诉"), comment_required=True
    ),
    ("complained", "uphold"): Rule(
        "upheld", permissions.can_decide, gettext_lazy("投诉属实"), comment_required=True, after=on_complaint_upheld
    ),
    ("complained", "dismiss"): Rule("recorded", permissions.can_decide, gettext_lazy("投诉不成立")),
    (("recorded", "complained"), "find_false"): Rule(
        "false",
        permissions.can_decide,
        gettext_lazy("认定申报材料不实"),
        comment_required=True,
        after=on_false_application,
    ),
}
