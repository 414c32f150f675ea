"""A broken rule is explained, never named by its constraint (issue 9, finding 13: the page said
`约束 “call_window_order” 是无效的`)."""

import datetime as dt

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation

from projects.models import Call, Program


def named_only_by_name(constraint) -> bool:
    """Constraints whose violation Django reports with their message (unconditional unique
    constraints on fields get Django's own "already exists" text)."""
    if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None:
        return False
    return constraint.violation_error_message == constraint.default_violation_error_message


def own_models():
    base = str(settings.BASE_DIR)
    return [m for m in apps.get_models() if m._meta.app_config.path.startswith(base) and ".venv" not in
            m._meta.app_config.path]


def test_every_constraint_has_a_message():
    bare = [f"{model._meta.label}.{c.name}" for model in own_models()
            for c in model._meta.constraints if named_only_by_name(c)]
    assert own_models(), "no project models found"
    assert not bare, f"constraints without violation_error_message: {bare}"


@pytest.mark.django_db
def test_call_closing_before_opening_is_explained(reference_data):
    now = timezone.now()
    call = Call(program=Program.objects.first(), year=2026, title="窗口颠倒",
                opens_at=now, closes_at=now - dt.timedelta(days=1))
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        call.validate_constraints()
    message = " ".join(caught.value.messages)
    assert "截止时间须晚于开始时间" in message and "call_window_order" not in message
