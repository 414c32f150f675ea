"""Checks shared by the review services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.permissions import require

from .. import permissions as perms
from ..models import ReviewRound

if TYPE_CHECKING:
    from accounts.models import User


def manager_only(user: User) -> None:
    require(perms.can_manage(user))


def require_draft(review_round: ReviewRound) -> None:
    if review_round.status != ReviewRound.Status.DRAFT:
        raise ValidationError(_("只有准备中的批次可以调整评审对象和专家。The round is no longer in preparation."))
