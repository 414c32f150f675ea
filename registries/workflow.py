"""The registries' lifecycles as data (DESIGN.md rule 3):

platform        cultivating ─start_building→ building ─accept→ recognised
                cultivating ─recognise→ recognised;  any but revoked ─revoke→ revoked
annual report   submitted ─pass→ passed | ─fail→ failed | ─return→ returned ─resubmit→ submitted

The yearly evaluation of a recognised platform is the officer's review of its annual report; a
platform without a passed evaluation for a year is flagged (`Platform.objects.flagged(year)`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from . import permissions
from .models import Platform


def _set_date(field: str):
    """A `before` hook: stamp the day of the step unless the officer gave one (`on=`)."""

    def hook(platform: Platform, actor, on=None, **kwargs) -> None:
        setattr(platform, field, on or getattr(platform, field) or timezone.localdate())

    return hook


def _revoke(platform: Platform, actor, on=None, **kwargs) -> None:
    platform.revoked_on = on or timezone.localdate()


_officer = permissions.can_review
PLATFORM_TRANSITIONS = {
    ("cultivating", "start_building"): Rule("building", _officer, _("批准建设"), before=_set_date("approved_on")),
    ("cultivating", "recognise"): Rule("recognised", _officer, _("直接认定"), before=_set_date("recognised_on")),
    ("building", "accept"): Rule("recognised", _officer, _("验收认定"), before=_set_date("recognised_on")),
    (("cultivating", "building", "recognised"), "revoke"): Rule(
        "revoked", _officer, _("撤销"), before=_revoke, comment_required=True
    ),
}

REPORT_TRANSITIONS = {
    ("submitted", "pass"): Rule("passed", _officer, _("评估合格")),
    ("submitted", "fail"): Rule("failed", _officer, _("评估不合格"), comment_required=True),
    ("submitted", "return"): Rule("returned", _officer, _("退回修改"), comment_required=True),
    ("returned", "resubmit"): Rule("submitted", permissions.can_resubmit, _("重新提交")),
}
