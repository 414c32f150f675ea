"""The records an import's rows refer to (a region by its code, an organisation by its credit
code), fetched a chunk of rows at a time instead of one query per row and column.

`prefetch(form, records, lookups)` reads, for each single-choice model field of the form, the
values the chunk gives for it that no chunk before gave, in a few `IN` queries on the field's own
queryset (so the user's scope still applies); `use(form, lookups)` makes that form's fields answer
from them. A value that is not
found gives the field's own `invalid_choice` error, as the query would have.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

CHUNK = 2000  # values per IN (...): well under SQLite's and PostgreSQL's parameter limits

Lookup = tuple[models.Field, dict[Any, models.Model | None]]  # None: no such record


def _choice_fields(form: forms.Form) -> dict[str, forms.ModelChoiceField]:
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
    }


def _key_field(field: forms.ModelChoiceField) -> models.Field:
    opts = field.queryset.model._meta
    return opts.get_field(field.to_field_name) if field.to_field_name else opts.pk


def _keys(key_field: models.Field, values: Iterable[Any]) -> set[Any]:
    keys = set()
    for value in values:
        try:
            keys.add(key_field.to_python(value))
        except ValidationError:
            continue  # cannot match anything: the row gets invalid_choice
    return keys


def prefetch(form: forms.Form, records: list[dict], lookups: dict[str, Lookup] | None = None) -> dict[str, Lookup]:
    """The records `records` refer to, per choice field of `form`; `lookups` (of the sheet's rows
    before these) is extended with the values new here, and returned."""
    lookups = {} if lookups is None else lookups
    for name, field in _choice_fields(form).items():
        key_field = _key_field(field)
        found = lookups.setdefault(name, (key_field, {}))[1]
        values = {r.get(name) for r in records}
        keys = [k for k in _keys(key_field, (v for v in values if v not in field.empty_values)) if k not in found]
        for start in range(0, len(keys), CHUNK):
            for obj in field.queryset.filter(**{f"{key_field.name}__in": keys[start : start + CHUNK]}):
                found[getattr(obj, key_field.attname)] = obj
        for key in keys:
            found.setdefault(key, None)  # asked and not found: not asked again
    return lookups


def _to_python(field: forms.ModelChoiceField, lookup: Lookup) -> Callable[[Any], Any]:
    """ModelChoiceField.to_python answered from the prefetched records."""
    key_field, found = lookup

    def to_python(value):
        if value in field.empty_values:
            return None
        field.validate_no_null_characters(value)
        try:
            record = found.get(key_field.to_python(value))
        except (ValidationError, TypeError):
            record = None
        if record is None:
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return record

    return to_python


def use(form: forms.Form, lookups: dict[str, Lookup]) -> None:
    # Each form has its own copies of the fields: the override lives as long as this row's form.
    for name, lookup in lookups.items():
        field = form.fields[name]
        field.to_python = _to_python(field, lookup)
