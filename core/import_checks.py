"""Sheet-level validation for Excel imports: the checks an edit form makes with one query per row,
made once per chunk of rows instead, with the same outcome and the same messages.

An edit page validates one record: its ModelForm asks the database, for that record, whether
the unique fields are taken (`validate_unique`), whether each CheckConstraint holds (Django
evaluates the condition with a query) and whether each foreign key exists. For an import of
100,000 rows that is hundreds of thousands of queries. `defer(form)` turns those per-row checks
off for one row's form, and `check_chunk(forms)` makes them for all the rows of a chunk:

- unique fields and unique_together: one `IN` query per check and chunk, the model's own
  `unique_error_message` added to the rows that clash (as `ModelForm.validate_unique` does, after
  the form's other errors);
- CheckConstraints that the model's clean() states in Python (the model lists them in
  `constraints_in_clean`) are not evaluated again in SQL; any other constraint is still checked
  row by row, as before;
- a foreign key whose value is a record just read from the database (the prefetched choices of
  `core.import_lookups`, or a record reached from one) is not looked up again.

A form whose class sets `sheet_shares_fields = True` (its __init__ sets its fields up from the
sheet's keyword arguments only, never from the row's data nor from a chunk's `sheet_prefetch`) is
built once per chunk and copied for each row (`row_forms`): building a ModelForm deep-copies every
field and queryset, which was a third of the import's time. With a plan (core.import_plan), the
first chunk's fields serve every chunk, and a value is cleaned once per sheet.

Every row form cleans its fields without building a BoundField per field (`_clean_fields`), and
a field's `clean` runs once per distinct value in a chunk (the cleaned value or the error is
reused): the columns of a sheet repeat (status, dates, counties, applicants). The model's
`clean_fields` does the same for its built-in fields (`_clean_model_fields`). The rules are the
fields' own; only Django's per-row bookkeeping around them is skipped.

A form whose class defines `sheet_prefetch(records) -> dict` gets that dict as extra keyword
arguments for the rows of each chunk: the form's own per-row queries (a duplicate check in
`clean_<field>`) can answer from it.
"""

import copy
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models, router
from django.db.models import Q
from django.db.models.expressions import DatabaseDefault

from . import import_lookups, import_plan
from .forms import StyledFormMixin


def row_forms(form_class: type[forms.Form], kwargs: dict, lookups: dict,
              sheet: dict | None = None) -> Callable[[dict], forms.Form]:
    """A builder of the chunk's row forms, bound to a row's record, prefetched choices in use.

    `sheet` (a dict kept by the import across its chunks) lets the chunks of a form that shares
    its fields share them too, with the values they cleaned: the first chunk's fields serve every
    chunk (their __init__ sets them from the sheet's keyword arguments, not from a chunk's
    `sheet_prefetch` ones), so a value is cleaned once per sheet rather than once per chunk (an
    applicant met once in each chunk was cleaned in every one; core.import_plan.SheetValues)."""
    cleaned: dict = {}  # (field, value) -> the cleaned value or the ValidationError, for this chunk
    if not getattr(form_class, "sheet_shares_fields", False):

        def build(record: dict) -> forms.Form:
            form = form_class(data=record, **kwargs)
            import_lookups.use(form, lookups)
            _clean_fields_once(form, cleaned)
            return form

        return build
    template = form_class(**kwargs)
    if sheet is not None and "fields" in sheet:
        template.fields = sheet["fields"]  # the prefetched choices in use already
    else:
        import_lookups.use(template, lookups)
    values = None if sheet is None else sheet.setdefault("values", import_plan.SheetValues())
    plan = import_plan.plan_for(template, values)
    if plan is not None:
        if sheet is not None:
            sheet.setdefault("fields", template.fields)
        return plan.bind

    def bind(record: dict) -> forms.Form:
        # What BaseForm/BaseModelForm.__init__ set from `data` and `instance`; the fields are shared.
        form = copy.copy(template)
        form.data, form.is_bound, form._errors, form._bound_fields_cache = record, True, None, {}
        form.initial = dict(template.initial)
        form.instance = form._meta.model()
        _clean_fields_once(form, cleaned)
        return form

    return bind


# Forms whose _clean_fields is Django's own (or StyledFormMixin's, which adds a step for a value
# that has an initial one): any other override is left to run as written.
_PLAIN_CLEAN_FIELDS = (forms.BaseForm._clean_fields, StyledFormMixin._clean_fields)


def _clean_fields_once(form: forms.Form, cleaned: dict) -> None:
    if type(form)._clean_fields in _PLAIN_CLEAN_FIELDS:
        form._clean_fields = lambda: _clean_fields(form, cleaned)
    instance = getattr(form, "instance", None)
    if instance is not None and type(instance).clean_fields is models.Model.clean_fields:
        instance.clean_fields = lambda exclude=None: clean_model_fields(instance, exclude or set(), cleaned)


def _clean_fields(form: forms.Form, cleaned: dict) -> None:
    """BaseForm._clean_fields without a BoundField per field (a tenth of an import's time), each
    field's clean() once per distinct value of the chunk; clean_<field>() still runs per row."""
    for name, field in form.fields.items():
        try:
            form.cleaned_data[name] = field_value(form, name, field, cleaned)
            clean_name = getattr(form, f"clean_{name}", None)
            if clean_name is not None:
                form.cleaned_data[name] = clean_name()
        except ValidationError as exc:
            form.add_error(name, exc)
    if isinstance(form, StyledFormMixin):
        form.keep_unchanged_times()


def field_value(form: forms.Form, name: str, field: forms.Field, cleaned: dict) -> Any:
    """The form field's cleaned value on this row (once per distinct value of the chunk)."""
    if field.disabled or type(field)._clean_bound_field is not forms.Field._clean_bound_field:
        return field._clean_bound_field(form[name])  # initial values, files: Django's own path
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    if not isinstance(value, str | None):
        return field.clean(value)
    return cleaned_once(cleaned, (field, value), field.clean, value)


def cleaned_once(cache: dict, key: Any, clean: Callable, *args: Any) -> Any:
    """clean(*args), once per key of `cache`: its value, or its error raised again, a copy of its
    own for each row (a form adds the row's column to the error it is given). A key holding an
    unhashable value is cleaned each time."""
    try:
        known = cache.get(key, _UNSEEN)
    except TypeError:
        return clean(*args)
    if known is _UNSEEN:
        try:
            known = cache[key] = clean(*args)
        except ValidationError as exc:
            known = cache[key] = exc
    if isinstance(known, ValidationError):
        raise copy.deepcopy(known)
    return known


def clean_model_fields(instance: models.Model, exclude: set, cleaned: dict, fields: list | None = None) -> None:
    """Model.clean_fields over `fields` (of model_fields_to_clean; all by default), with a built-in
    field's clean() once per distinct value of the chunk (its validators see the value alone); a
    relation or a field of our own is cleaned per row."""
    errors = {}
    for field, key in model_fields_to_clean(type(instance)) if fields is None else fields:
        if field.name in exclude:
            continue
        raw_value = getattr(instance, field.attname)
        if (field.blank and raw_value in field.empty_values) or isinstance(raw_value, DatabaseDefault):
            continue
        try:
            setattr(instance, field.attname, _model_field_value(instance, field, key, raw_value, cleaned))
        except ValidationError as exc:
            errors[field.name] = exc.error_list
    if errors:
        raise ValidationError(errors)


@functools.cache
def model_fields_to_clean(model: type[models.Model]) -> list[tuple[models.Field, str | None]]:
    """The fields Model.clean_fields cleans, each with the key of its values among a chunk's cleaned
    values (a model Field hashes slowly; a string keeps its hash), or None for a relation or a field
    class of our own."""
    return [
        (field, None if field.is_relation or not type(field).__module__.startswith("django.db.models.")
         else f"{model._meta.label}.{field.attname}")
        for field in model._meta.fields if not field.generated
    ]


def _model_field_value(instance: models.Model, field: models.Field, key: str | None, raw_value: Any,
                       cleaned: dict) -> Any:
    if key is None:
        return field.clean(raw_value, instance)
    key = (key, type(raw_value), raw_value)
    try:
        known = cleaned.get(key, _UNSEEN)  # a value cleaned before, without a call
    except TypeError:  # unhashable: cleaned_once cleans it
        known = _UNSEEN
    if known is _UNSEEN or isinstance(known, ValidationError):
        return cleaned_once(cleaned, key, field.clean, raw_value, instance)
    return known


_UNSEEN = object()


def is_model_form(form: forms.Form) -> bool:
    return isinstance(form, forms.BaseModelForm)


def defer(form: forms.BaseModelForm) -> None:
    """Make this row's form skip its per-row unique, constraint and foreign-key queries (a form
    of a core.import_plan plan skips them already)."""
    if getattr(form, "import_plan", None) is not None:
        return
    instance = form.instance
    form.validate_unique = lambda: None  # check_chunk does it for the whole chunk
    get_constraints = instance.get_constraints
    instance.get_constraints = lambda: constraints_left(instance, get_constraints)
    clean_fields = instance.clean_fields
    instance.clean_fields = lambda exclude=None: clean_fields(exclude=set(exclude or ()) | loaded_relations(instance))


def constraints_left(instance: models.Model, get_constraints: Callable | None = None) -> list:
    """instance.get_constraints() but for the CheckConstraints its clean() states (the model lists
    them in `constraints_in_clean`): they are not evaluated again in SQL."""
    covered = set(getattr(type(instance), "constraints_in_clean", ()))
    return [
        (model_class, [c for c in constraints if c.name not in covered])
        for model_class, constraints in (get_constraints or instance.get_constraints)()
    ]


def loaded_relations(instance: models.Model, fields: Iterable[models.Field] | None = None) -> set[str]:
    """Foreign keys (among `fields`) whose value is a record read from the database: it exists, no
    query needed. A key with limit_choices_to is still checked (that is a rule beyond existence)."""
    names = set()
    for field in instance._meta.concrete_fields if fields is None else fields:
        if not field.is_relation or field.remote_field.limit_choices_to or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        key = getattr(instance, field.attname)
        if related is not None and not related._state.adding and getattr(related, field.target_field.attname) == key:
            names.add(field.name)
    return names


def check_chunk(forms_: Iterable[forms.BaseModelForm]) -> None:
    """The deferred unique checks of a chunk's forms, one query per check; errors go on the forms."""
    pending: dict[tuple[type, tuple[str, ...]], list[tuple[forms.BaseModelForm, tuple]]] = defaultdict(list)
    for form in forms_:
        instance = form.instance
        plan = getattr(form, "import_plan", None)
        if plan is not None:
            unique_checks, date_checks = plan.unique_checks(form)
        else:
            unique_checks, date_checks = instance._get_unique_checks(exclude=form._get_validation_exclusions())
        if date_checks:  # unique_for_date: rare, kept row by row
            _add_errors(form, instance._perform_date_checks(date_checks))
        for model_class, names in unique_checks:
            values = _lookup_values(instance, model_class, names)
            if values is not None:
                pending[(model_class, names)].append((form, values))
    for (model_class, names), rows in pending.items():
        taken = _existing(model_class, names, [values for _form, values in rows])
        for form, values in rows:
            if values in taken and (form.instance._state.adding or taken[values] != form.instance.pk):
                key = names[0] if len(names) == 1 else NON_FIELD_ERRORS
                _add_errors(form, {key: [form.instance.unique_error_message(model_class, names)]})


def _lookup_values(instance: models.Model, model_class: type, names: tuple[str, ...]) -> tuple | None:
    """The values Model._perform_unique_checks would look up, or None where it makes no query."""
    values = []
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, field.attname)
        if value is None or (value == "" and _empty_is_null(instance)):
            return None  # Django skips the check when any value is missing (it cannot clash)
        if field in model_class._meta.pk_fields and not instance._state.adding:
            return None
        values.append(value)
    return tuple(values)


def _empty_is_null(instance: models.Model) -> bool:
    return connections[router.db_for_read(type(instance))].features.interprets_empty_strings_as_nulls


def _existing(model_class: type, names: tuple[str, ...], wanted: list[tuple]) -> dict[tuple, Any]:
    """{values: pk} of the records that already hold any of `wanted`, in one query."""
    attnames = [model_class._meta.get_field(n).attname for n in names]
    if len(names) == 1:
        condition = Q(**{f"{names[0]}__in": {v[0] for v in wanted}})
    else:
        condition = Q()
        for values in set(wanted):
            condition |= Q(**dict(zip(names, values, strict=True)))
    rows = model_class._default_manager.filter(condition).values_list("pk", *attnames)
    return {tuple(row[1:]): row[0] for row in rows}


def _add_errors(form: forms.BaseModelForm, errors: dict) -> None:
    if errors:
        form._update_errors(ValidationError(errors))
