"""Every change to events, agreements and cultivation lists: permission, validation, transaction,
audit (core helpers); status changes through the `outreach.workflow` tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.services import save_form
from core.workflow import transition

from . import permissions
from .workflow import AGREEMENT_TRANSITIONS, CULTIVATION_TRANSITIONS, EVENT_TRANSITIONS

if TYPE_CHECKING:
    from django.forms import BaseForm

    from accounts.models import User


def save_event(actor: User, form: BaseForm, instance: models.Model | None = None) -> models.Model:
    # A county files the events held in its region (and sees only those): it must name one.
    if not actor.is_bureau_wide and form.instance.region_id is None:
        refused = ValidationError(_("县区须填写举办地区。A county names the region."), code="required")
        raise ValidationError({"region": refused})
    return save_form(actor, form, instance, permissions.can_file_event, permissions.can_edit_event)


def save_managed(actor: User, form: BaseForm, instance: models.Model | None = None) -> models.Model:
    """An agreement or a list entry: the officer's."""
    return save_form(actor, form, instance, permissions.can_manage, permissions.can_manage)


def act_on_event(actor: User, event, action: str, comment: str = "", **data) -> models.Model:
    return transition(event, action, actor, EVENT_TRANSITIONS, comment=comment, **data)


def act_on_agreement(actor: User, agreement, action: str, comment: str = "", **data) -> models.Model:
    return transition(agreement, action, actor, AGREEMENT_TRANSITIONS, comment=comment, **data)


def act_on_entry(actor: User, entry, action: str, comment: str = "", **data) -> models.Model:
    return transition(entry, action, actor, CULTIVATION_TRANSITIONS, comment=comment, **data)
