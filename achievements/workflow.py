"""The transfer (转化) of an achievement as data (DESIGN.md rule 3):

registered ─license→ licensed ─sell→ sold | ─invest→ invested
registered ─sell→ sold;  registered ─invest→ invested

Each step names its counterpart (受让方) first; the day of the transfer is recorded, and it is what
the indicator "achievements transferred in the year" counts."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.workflow import Rule

from . import permissions


def _record_day(achievement, actor, **kwargs) -> None:
    achievement.transferred_on = achievement.transferred_on or timezone.localdate()
    achievement.open_for_transfer = False


TRANSFER_TRANSITIONS = {
    ("registered", "license"): Rule(
        "licensed", permissions.can_transfer, gettext_lazy("许可实施"), requires=("transferee",), before=_record_day
    ),
    (("registered", "licensed"), "sell"): Rule(
        "sold", permissions.can_transfer, gettext_lazy("转让"), requires=("transferee",), before=_record_day
    ),
    (("registered", "licensed"), "invest"): Rule(
        "invested", permissions.can_transfer, gettext_lazy("作价入股"), requires=("transferee",), before=_record_day
    ),
}
