"""Every change to rural S&T records: permission, validation, transaction, audit (core helpers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from core.services import save_form
from core.workflow import transition

from . import permissions
from .models import Commissioner, CountyAction, PovertyAid
from .workflow import ACTION_TRANSITIONS, AID_TRANSITIONS, COMMISSIONER_TRANSITIONS

if TYPE_CHECKING:
    from django.forms import BaseForm

    from accounts.models import User


def save_regional(actor: User, form: BaseForm, instance: models.Model | None = None) -> models.Model:
    """A county action, demonstration base or commissioner: the county files its own region's."""
    return save_form(actor, form, instance, permissions.can_file_regional, permissions.can_edit_regional)


def save_log(actor: User, form: BaseForm, instance: models.Model | None = None) -> models.Model:
    return save_form(actor, form, instance, permissions.can_file_log, permissions.can_edit_log)


def save_managed(actor: User, form: BaseForm, instance: models.Model | None = None) -> models.Model:
    """An evaluation or a poverty-aid record: the officer's."""
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def act_on_action(actor: User, action: CountyAction, name: str, comment: str = "", **data) -> CountyAction:
    return transition(action, name, actor, ACTION_TRANSITIONS, comment=comment, **data)


def act_on_commissioner(actor: User, commissioner: Commissioner, name: str, comment: str = "", **data) -> Commissioner:
    return transition(commissioner, name, actor, COMMISSIONER_TRANSITIONS, comment=comment, **data)


def act_on_aid(actor: User, aid: PovertyAid, name: str, comment: str = "", **data) -> PovertyAid:
    return transition(aid, name, actor, AID_TRANSITIONS, comment=comment, **data)
