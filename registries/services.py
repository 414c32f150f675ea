"""Every change to platforms and enterprise records: permission, validation, transaction, audit.
The two lifecycles (platform, annual report) are the tables of `registries.workflow`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core import services as core_services
from core.permissions import require
from core.services import save_form
from core.workflow import transition

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
from .workflow import PLATFORM_TRANSITIONS, REPORT_TRANSITIONS

if TYPE_CHECKING:
    from django.db.models import Model

    from accounts.models import User

# --- platforms ---------------------------------------------------------------------


def save_platform(actor: User, form: PlatformForm, instance: Platform | None = None) -> Platform:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_platform)


def delete_platform(actor: User, platform: Platform) -> None:
    require(permissions.can_delete(actor, platform))
    core_services.delete(actor, platform)


def act_on_platform(actor: User, platform: Platform, action: str, comment: str = "", **data: Any) -> Platform:
    return transition(platform, action, actor, PLATFORM_TRANSITIONS, comment=comment, **data)


# --- annual reports and their evaluation ---------------------------------------------------


def save_annual_report(
    actor: User, form: PlatformAnnualReportForm, instance: PlatformAnnualReport | None = None
) -> PlatformAnnualReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_annual_report)


def act_on_annual_report(
    actor: User, report: PlatformAnnualReport, action: str, comment: str = "", **data: Any
) -> PlatformAnnualReport:
    return transition(report, action, actor, REPORT_TRANSITIONS, comment=comment, **data)


# --- the other registers ---------------------------------------------------------------


def save_incubator_report(
    actor: User, form: IncubatorReportForm, instance: IncubatorReport | None = None,
) -> IncubatorReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_incubator_report)


def save_high_tech_enterprise(
    actor: User, form: HighTechEnterpriseForm, instance: HighTechEnterprise | None = None
) -> HighTechEnterprise:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def save_high_tech_product(
    actor: User, form: HighTechProductForm, instance: HighTechProduct | None = None
) -> HighTechProduct:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def save_alliance(actor: User, form: AllianceForm, instance: Alliance | None = None) -> Alliance:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_edit_alliance)


def save_enterprise_report(
    actor: User, form: EnterpriseReportForm, instance: EnterpriseReport | None = None
) -> EnterpriseReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_enterprise_report)


def delete_record(actor: User, obj: Model) -> None:
    require(permissions.can_delete(actor, obj))
    core_services.delete(actor, obj)
