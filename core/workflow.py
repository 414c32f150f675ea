"""Workflows are data: a table of (state, action) → rule, and one function that applies it.

An app declares, for a model with a `status` field:

    TRANSITIONS = {
        ("draft", "submit"): Rule("submitted", allowed=is_applicant_of, requires=("title",)),
        (("draft", "submitted"), "withdraw"): Rule("withdrawn", allowed=is_applicant_of),
        ...
    }

A row's state may be a tuple of states when the same step leaves several of them alike.

and calls `transition(obj, "submit", actor, comment=...)`. The function locks the row, checks
the state and the rule's predicate, runs the rule's `before` hook (which may validate and set
fields), saves, writes the status-log row and the audit entry, and notifies — all in one
transaction. Two officers acting at once: the second finds the state already moved and is told so.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
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


def labelled(table: dict) -> dict:
    """The table with every row that names no label labelled as its action: for tables whose
    actions are `TextChoices` members, so a button reads as the action's choice label."""
    return {key: rule if rule.label else replace(rule, label=key[1].label) for key, rule in table.items()}


def rows(table: dict) -> Iterator[tuple[str, str, Rule]]:
    """(state, action, rule) for every state a row leaves: the table as a flat list."""
    for (states, action), rule in table.items():
        for state in states if isinstance(states, tuple) else (states,):
            yield state, action, rule


def find_rule(table: dict, state: str, action: str) -> Rule | None:
    rule = table.get((state, action))
    if rule is None:
        rule = next((r for s, a, r in rows(table) if s == state and a == action), None)
    return rule


def available_actions(obj: models.Model, table: dict, actor) -> list[tuple[str, Rule]]:
    """The actions `actor` may apply to `obj` now (the buttons to show)."""
    return [(action, rule) for state, action, rule in rows(table) if state == obj.status and rule.allowed(actor, obj)]


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
        rule = find_rule(table, state, action)
        if rule is None:
            valid = [action_label(table, state, a) for s, a, _rule in rows(table) if s == state]
            raise TransitionError(
                _("当前状态“%(state)s”不能执行“%(action)s”（可执行：%(valid)s）。"
                  "Action not allowed in the current state.")
                % {"state": _state_label(locked, state_field), "action": action_label(table, state, action),
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


def status_log(obj: models.Model):
    return StatusLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def status_history(obj: models.Model, table: dict | None = None, state_field: str = "status") -> list[StatusLog]:
    """The status log for people: each row gets `action_label`, `from_label` and `to_label`, the
    rule's label from `table` and the states' labels from the model's choices."""
    entries = list(status_log(obj))
    states = _state_labels(type(obj), state_field)
    for row in entries:
        row.action_label = action_label(table or {}, row.from_state, row.action)
        row.from_label = states.get(row.from_state, row.from_state)
        row.to_label = states.get(row.to_state, row.to_state)
    return entries


def action_label(table: dict, state: str, action: str) -> str:
    """The rule's label for `action` from `state` (an action may read differently per state)."""
    rule = find_rule(table, state, action) or next((r for _s, a, r in rows(table) if a == action), None)
    return str(rule.label) if rule is not None and rule.label else action


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
