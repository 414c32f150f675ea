"""Every change to platforms and enterprise records: permission, validation, transaction, audit.

Two lifecycles are data (DESIGN.md rule 3):

platform        cultivating ─start_building→ building ─accept→ recognised
                cultivating ─recognise→ recognised;  any but revoked ─revoke→ revoked
annual report   submitted ─pass→ passed | ─fail→ failed | ─return→ returned ─resubmit→ submitted

The yearly evaluation of a recognised platform is the officer's review of its annual report; a
platform without a passed evaluation for a year is flagged (`Platform.objects.flagged(year)`).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import services as core_services
from core.crud import save_form
from core.permissions import require
from core.workflow import Rule, transition

from . import permissions
from .forms import (
    AllianceForm,
    EnterpriseReportForm,
    HighTechEnterpriseForm,
    HighTechProductForm,
    IncubatorReportForm,
    PlatformAnnualReportForm,
    PlatformForm,
)
from .models import (
    Alliance,
    EnterpriseReport,
    HighTechEnterprise,
    HighTechProduct,
    IncubatorReport,
    Platform,
    PlatformAnnualReport,
)

# --- platforms ---------------------------------------------------------------------


def save_platform(actor, form: PlatformForm, instance: Platform | None = None) -> Platform:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_platform)


def delete_platform(actor, platform: Platform) -> None:
    require(permissions.can_delete(actor, platform))
    core_services.delete(actor, platform)


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
    ("cultivating", "revoke"): Rule("revoked", _officer, _("撤销"), before=_revoke, comment_required=True),
    ("building", "revoke"): Rule("revoked", _officer, _("撤销"), before=_revoke, comment_required=True),
    ("recognised", "revoke"): Rule("revoked", _officer, _("撤销"), before=_revoke, comment_required=True),
}


def act_on_platform(actor, platform: Platform, action: str, comment: str = "", **data) -> Platform:
    return transition(platform, action, actor, PLATFORM_TRANSITIONS, comment=comment, **data)


# --- annual reports and their evaluation ---------------------------------------------------


def save_annual_report(
    actor, form: PlatformAnnualReportForm, instance: PlatformAnnualReport | None = None
) -> PlatformAnnualReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_annual_report)


REPORT_TRANSITIONS = {
    ("submitted", "pass"): Rule("passed", _officer, _("评估合格")),
    ("submitted", "fail"): Rule("failed", _officer, _("评估不合格"), comment_required=True),
    ("submitted", "return"): Rule("returned", _officer, _("退回修改"), comment_required=True),
    ("returned", "resubmit"): Rule("submitted", permissions.can_resubmit, _("重新提交")),
}


def act_on_annual_report(
    actor, report: PlatformAnnualReport, action: str, comment: str = "", **data
) -> PlatformAnnualReport:
    return transition(report, action, actor, REPORT_TRANSITIONS, comment=comment, **data)


# --- the other registers ---------------------------------------------------------------


def save_incubator_report(actor, form: IncubatorReportForm, instance: IncubatorReport | None = None) -> IncubatorReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_incubator_report)


def save_high_tech_enterprise(
    actor, form: HighTechEnterpriseForm, instance: HighTechEnterprise | None = None
) -> HighTechEnterprise:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage_object)


def save_high_tech_product(
    actor, form: HighTechProductForm, instance: HighTechProduct | None = None
) -> HighTechProduct:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage_object)


def save_alliance(actor, form: AllianceForm, instance: Alliance | None = None) -> Alliance:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_edit_alliance)


def save_enterprise_report(
    actor, form: EnterpriseReportForm, instance: EnterpriseReport | None = None
) -> EnterpriseReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_enterprise_report)


def delete_record(actor, obj) -> None:
    require(permissions.can_delete(actor, obj))
    core_services.delete(actor, obj)
