"""Every change to talent records: permission, validation, transaction, audit (core helpers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.services import save_form
from core.workflow import transition

from . import permissions
from .models import Programme, Talent, TalentReport
from .workflow import REPORT_TRANSITIONS, TALENT_TRANSITIONS

if TYPE_CHECKING:
    from accounts.models import User


def save_programme(actor: User, form, instance: Programme | None = None) -> Programme:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def save_talent(actor: User, form, instance: Talent | None = None) -> Talent:
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def act_on_talent(actor: User, talent: Talent, action: str, comment: str = "", **data) -> Talent:
    return transition(talent, action, actor, TALENT_TRANSITIONS, comment=comment, **data)


def save_report(actor: User, form, instance: TalentReport | None = None) -> TalentReport:
    return save_form(actor, form, instance, permissions.can_file, permissions.can_edit_report)


def act_on_report(actor: User, report: TalentReport, action: str, comment: str = "", **data) -> TalentReport:
    return transition(report, action, actor, REPORT_TRANSITIONS, comment=comment, **data)
