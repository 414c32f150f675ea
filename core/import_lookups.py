"""The records an import's rows refer to (a region by its code, an organisation by its credit
code), fetched once for the whole sheet instead of one query per row and column.

`prefetch(form, records)` reads, for each single-choice model field of the form, every value the
sheet gives for it in a few `IN` queries on the field's own queryset (so the user's scope still
applies); `use(form, lookups)` makes that form's fields answer from them. A value that is not
found gives the field's own `invalid_choice` error, as the query would have.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

CHUNK = 2000  # values per IN (...): well under SQLite's and PostgreSQL's parameter limits

Lookup = tuple[models.Field, dict[Any, models.Model]]


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


def prefetch(form: forms.Form, records: list[dict]) -> dict[str, Lookup]:
    lookups = {}
    for name, field in _choice_fields(form).items():
        key_field = _key_field(field)
        values = {r.get(name) for r in records}
        keys = list(_keys(key_field, (v for v in values if v not in field.empty_values)))
        found = {}
        for start in range(0, len(keys), CHUNK):
            for obj in field.queryset.filter(**{f"{key_field.name}__in": keys[start : start + CHUNK]}):
                found[getattr(obj, key_field.attname)] = obj
        lookups[name] = (key_field, found)
    return lookups


def _to_python(field: forms.ModelChoiceField, lookup: Lookup) -> Callable[[Any], Any]:
    """ModelChoiceField.to_python answered from the prefetched records."""
    key_field, found = lookup

    def to_python(value):
        if value in field.empty_values:
            return None
        field.validate_no_null_characters(value)
        try:
            return found[key_field.to_python(value)]
        except (ValidationError, KeyError, TypeError):
            raise ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None

    return to_python


def use(form: forms.Form, lookups: dict[str, Lookup]) -> None:
    # Each form has its own copies of the fields: the override lives as long as this row's form.
    for name, lookup in lookups.items():
        field = form.fields[name]
        field.to_python = _to_python(field, lookup)
