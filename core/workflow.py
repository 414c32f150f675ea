"""Workflows are data: a table of (state, action) → rule, and one function that applies it.

An app declares, for a model with a `status` field:

    TRANSITIONS = {
        ("draft", "submit"): Rule("submitted", allowed=is_applicant_of, requires=("title",)),
        ...
    }

and calls `transition(obj, "submit", actor, comment=...)`. The function locks the row, checks
the state and the rule's predicate, runs the rule's `before` hook (which may validate and set
fields), saves, writes the status-log row and the audit entry, and notifies — all in one
transaction. Two officers acting at once: the second finds the state already moved and is told so.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import audit
from .models import StatusLog


@dataclass(frozen=True)
class Rule:
    to_state: str
    allowed: Callable[[Any, Any], bool]
    label: str = ""
    requires: tuple[str, ...] = ()
    before: Callable[..., None] | None = None
    after: Callable[..., None] | None = None
    notify: Callable[[Any], Iterable[Any]] | None = None
    comment_required: bool = False
    extra: dict = field(default_factory=dict)


class TransitionError(ValidationError):
    pass


def available_actions(obj: models.Model, table: dict, actor) -> list[tuple[str, Rule]]:
    return [
        (action, rule)
        for (state, action), rule in table.items()
        if state == obj.status and rule.allowed(actor, obj)
    ]


def transition(
    obj: models.Model,
    action: str,
    actor,
    table: dict,
    *,
    comment: str = "",
    state_field: str = "status",
    **data: Any,
) -> models.Model:
    """Apply `action` to `obj` under `table`; returns the fresh, saved object."""
    model = type(obj)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=obj.pk)
        state = getattr(locked, state_field)
        rule = table.get((state, action))
        if rule is None:
            labels = action_labels(table)
            valid = [labels.get(a, a) for (s, a) in table if s == state]
            raise TransitionError(
                _("当前状态“%(state)s”不能执行“%(action)s”（可执行：%(valid)s）。"
                  "Action not allowed in the current state.")
                % {"state": _state_label(locked, state_field), "action": labels.get(action, action),
                   "valid": "、".join(valid) or "—"},
                code="bad_state",
            )
        if not rule.allowed(actor, locked):
            raise PermissionDenied(_("您无权执行此操作。You are not allowed to do this."))
        if rule.comment_required and not comment.strip():
            raise TransitionError(_("请填写意见或理由。A comment is required."), code="comment_required")
        missing = [f for f in rule.requires if getattr(locked, f) in (None, "", [])]
        if missing:
            labels = "、".join(str(model._meta.get_field(f).verbose_name) for f in missing)
            raise TransitionError(
                _("请先填写：%(fields)s。Required fields are missing.") % {"fields": labels}, code="missing"
            )
        before = audit.snapshot(locked)
        if rule.before:
            rule.before(locked, actor, comment=comment, **data)
        setattr(locked, state_field, rule.to_state)
        locked.save()
        StatusLog.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(locked.pk),
            from_state=state,
            action=action,
            to_state=rule.to_state,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            comment=comment,
        )
        old, new = audit.diff(before, audit.snapshot(locked))
        audit.record(actor, f"transition:{action}", locked, before=old, after=new, note=comment)
        if rule.after:
            rule.after(locked, actor, comment=comment, **data)
        if rule.notify:
            from .notifications import notify_all

            text = _("%(obj)s：%(action)s → %(state)s") % {
                "obj": locked,
                "action": rule.label or action,
                "state": _state_label(locked, state_field),
            }
            notify_all(rule.notify(locked) or (), text, _link(locked))
    return locked


def status_log(obj: models.Model, table: dict | None = None, state_field: str = "status") -> list[StatusLog]:
    """The object's status changes, each with `action_label`, `from_label` and `to_label` for
    people: the rule's label from `table` and the states' labels from the model's choices."""
    rows = list(StatusLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor"))
    states = _state_labels(type(obj), state_field)
    actions = action_labels(table or {})
    for row in rows:
        row.action_label = actions.get(row.action, row.action)
        row.from_label = states.get(row.from_state, row.from_state)
        row.to_label = states.get(row.to_state, row.to_state)
    return rows


def action_labels(table: dict) -> dict[str, str]:
    return {action: str(rule.label) for (_state, action), rule in table.items() if rule.label}


def _state_labels(model: type[models.Model], state_field: str) -> dict[str, str]:
    try:
        model_field = model._meta.get_field(state_field)
    except FieldDoesNotExist:
        return {}
    return {str(value): str(label) for value, label in model_field.flatchoices}


def _state_label(obj: models.Model, state_field: str) -> str:
    display = getattr(obj, f"get_{state_field}_display", None)
    return str(display()) if display else str(getattr(obj, state_field))


def _link(obj: models.Model) -> str:
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else ""
