"""The rows of a chunk validated by one ModelForm whose fields they share, with Django's per-row
generic work worked out once per chunk.

For a form whose rows share its fields (`sheet_shares_fields`, see core.import_checks.row_forms),
what a ModelForm works out again for every row does not change from one row to the next: which
form fields are read and how, which model fields the form sets (`construct_instance`) and which
it leaves to the model's defaults, the validation exclusions (`_get_validation_exclusions`, twice
a row), the model's constraints left once those its clean() states are set aside, a new
instance's default values (`Model.__init__`). A `RowPlan` works them out from the chunk's template
form, and each row then does only what depends on its values. That was ~40 % of an import's CPU
(issue 16, BENCHMARKS.md).

Every rule still runs on every row, in Django's order and with Django's messages: each form
field's clean (once per distinct value of the sheet: its chunks share the first chunk's fields and
what they cleaned, `SheetValues`; core.import_checks does it per chunk for every form),
clean_<field>(), the form's clean(), the model fields' validators (once per distinct value),
the model's clean(), the constraints it does not state, and the unique checks (per chunk, by
core.import_checks.check_chunk). A form or model that overrides one of the steps the plan stands
in for is not planned: its rows take the general path.
"""

import inspect
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models, router
from django.db.models import signals
from django.db.models.base import ModelState
from django.db.models.fields import NOT_PROVIDED
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute, ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.forms.models import InlineForeignKeyField
from django.forms.widgets import ChoiceWidget

from . import import_checks
from .forms import StyledFormMixin

# The steps a plan stands in for, as Django (and StyledFormMixin) write them.
_FORM_STEPS = {
    "full_clean": (forms.BaseForm.full_clean,),
    "_clean_fields": (forms.BaseForm._clean_fields, StyledFormMixin._clean_fields),
    "_post_clean": (forms.BaseModelForm._post_clean,),
    "_get_validation_exclusions": (forms.BaseModelForm._get_validation_exclusions,),
    "validate_unique": (forms.BaseModelForm.validate_unique,),
}
_MODEL_STEPS = ("full_clean", "clean_fields", "validate_constraints", "get_constraints", "_get_unique_checks")
_UNSEEN = object()
# Descriptors that store a value in the instance's __dict__ and do nothing else when a new
# instance is given its defaults: a copy of those values is what Model.__init__ would set.
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


def plan_for(template: forms.Form, values: "SheetValues | None" = None) -> "RowPlan | None":
    """A plan for the rows of `template`'s chunk, or None where the form or its model does one
    of the planned steps its own way. `values`: the cleaned values of the sheet's chunks before,
    where they share the template's fields (core.import_checks.row_forms); else this chunk's own."""
    if not isinstance(template, forms.BaseModelForm) or template.empty_permitted:
        return None
    form_class, model = type(template), template._meta.model
    if any(getattr(form_class, name) not in own for name, own in _FORM_STEPS.items()):
        return None
    if any(getattr(model, name) is not getattr(models.Model, name) for name in _MODEL_STEPS):
        return None
    return RowPlan(template, values)


class SheetValues:
    """The values a sheet's rows cleaned, with their results (the cleaned value or the error), kept
    from chunk to chunk: per form field, and for the model's fields. A field whose values differ
    on every row (a number, a title) would keep them all: a store is emptied once it holds
    KEPT values, and each chunk starts with what is left."""

    KEPT = 20_000

    def __init__(self):
        self.form: dict[str, dict] = {}  # form field name -> {value: cleaned value or error}
        self.model: dict = {}  # see import_checks.clean_model_fields
        self.fields: dict = {}  # (form field, value) -> ..., see import_checks.field_value

    def for_chunk(self, names) -> "SheetValues":
        for store in (*self.form.values(), self.model, self.fields):
            if len(store) >= self.KEPT:
                store.clear()
        for name in names:
            self.form.setdefault(name, {})
        return self


class RowPlan:
    def __init__(self, template: forms.BaseModelForm, values: SheetValues | None = None):
        self.template = template
        model = template._meta.model
        self.model = model
        values = (values or SheetValues()).for_chunk(template.fields)
        self.cleaned = values.fields  # (field, value) -> cleaned value or error
        self.model_values = values.model  # the model fields' (see import_checks.clean_model_fields)
        self.values: dict[str, dict] = values.form
        self.reads = [(name, field, _reads_plainly(field), hasattr(template, f"clean_{name}"))
                      for name, field in template.fields.items()]
        self.keeps_times = isinstance(template, StyledFormMixin) and any(
            isinstance(field, forms.DateTimeField | forms.DateField | forms.TimeField)
            and template.initial.get(name) not in (None, "")
            for name, field in template.fields.items()
        )
        self.excluded, self.maybe_excluded = _exclusions(template)
        self.inline = {name for name, field in template.fields.items() if isinstance(field, InlineForeignKeyField)}
        self.sets = _model_fields_set(template)
        self.model_fields = [(f, key) for f, key in import_checks.model_fields_to_clean(model)
                             if f.name not in self.excluded]
        self.relations = [f for f in model._meta.concrete_fields
                          if f.is_relation and not f.remote_field.limit_choices_to]
        self.constraints = import_checks.constraints_left(model())
        self.new_instance = _instance_factory(model)
        self.unique: dict[frozenset, tuple] = {}

    def bind(self, record: dict) -> forms.BaseModelForm:
        """The row's form: what BaseForm/BaseModelForm.__init__ set from `data` and `instance`, the
        fields shared; its full_clean is the plan's."""
        form = object.__new__(type(self.template))
        form.__dict__.update(self.template.__dict__)
        form.data, form.is_bound, form._errors, form._bound_fields_cache = record, True, None, {}
        form.initial = dict(self.template.initial)
        form.instance = instance = self.new_instance()
        instance.clean_fields = partial(self._clean_model_fields, instance)
        instance.get_constraints = self._constraints
        form.import_plan = self
        form.full_clean = partial(self.full_clean, form)
        return form

    def full_clean(self, form: forms.BaseModelForm) -> None:
        """BaseForm.full_clean for a bound form that may not be empty."""
        form._errors = forms.utils.ErrorDict(renderer=form.renderer)
        form.cleaned_data = {}
        self._clean_fields(form)
        form._clean_form()
        self._post_clean(form)

    def _clean_fields(self, form: forms.BaseModelForm) -> None:
        data, cleaned_data, once, values = form.data, form.cleaned_data, import_checks.cleaned_once, self.values
        for name, field, plainly, own_clean in self.reads:
            try:
                if not plainly:
                    cleaned_data[name] = import_checks.field_value(form, name, field, self.cleaned)
                elif isinstance(value := data.get(name), str | None):  # once per distinct value
                    known = values[name].get(value, _UNSEEN)  # a value cleaned before, without a call
                    if known is _UNSEEN or isinstance(known, ValidationError):
                        known = once(values[name], value, field.clean, value)
                    cleaned_data[name] = known
                else:
                    cleaned_data[name] = field.clean(value)
                if own_clean:
                    cleaned_data[name] = getattr(form, f"clean_{name}")()
            except ValidationError as exc:
                form.add_error(name, exc)
        if self.keeps_times:
            form.keep_unchanged_times()

    def _post_clean(self, form: forms.BaseModelForm) -> None:
        """BaseModelForm._post_clean; the unique checks are left to check_chunk."""
        exclude = form.plan_exclusions = self.exclusions(form)
        exclude = exclude | self.inline
        try:
            self._construct(form)
        except ValidationError as exc:
            form._update_errors(exc)
        try:
            form.instance.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as exc:
            form._update_errors(exc)

    def exclusions(self, form: forms.BaseModelForm) -> set[str]:
        """What form._get_validation_exclusions() returns for this row."""
        exclude = set(self.excluded)
        errors, cleaned_data = form._errors, form.cleaned_data
        for name, empty_values, records_never_empty in self.maybe_excluded:
            if name in errors:
                exclude.add(name)
            elif empty_values is not None:
                value = cleaned_data.get(name)
                # A record (a chosen organisation) is never among a form's empty values: not compared
                # with each of them (Model.__eq__ five times a row and field).
                if not (records_never_empty and isinstance(value, models.Model)) and value in empty_values:
                    exclude.add(name)
        return exclude

    def unique_checks(self, form: forms.BaseModelForm) -> tuple:
        """instance._get_unique_checks(exclude=the row's exclusions): the same for most rows. A
        row without errors excludes what it excluded before its model was cleaned."""
        exclude = frozenset(self.exclusions(form) if form._errors else form.plan_exclusions)
        if exclude not in self.unique:
            self.unique[exclude] = form.instance._get_unique_checks(exclude=exclude)
        return self.unique[exclude]

    def _construct(self, form: forms.BaseModelForm) -> None:
        """construct_instance(form, form.instance, opts.fields, opts.exclude)."""
        instance, cleaned_data = form.instance, form.cleaned_data
        values = instance.__dict__
        for name, model_field, has_default, how in self.sets:
            if name not in cleaned_data:
                continue
            value = cleaned_data[name]
            if has_default:
                field = form.fields[name]
                if field.widget.value_omitted_from_data(form.data, form.files, form.add_prefix(name)) and (
                        value in field.empty_values):
                    continue  # the model's default stays
            if how is _PLAIN:
                values[name] = value
            elif how is None or not _set_relation(instance, how, value):
                model_field.save_form_data(instance, value)

    def _clean_model_fields(self, instance: models.Model, exclude: set | None = None) -> None:
        """Model.clean_fields over the form's model fields; a foreign key to a record just read is
        not looked up again (core.import_checks.defer)."""
        exclude = (exclude or set()) | import_checks.loaded_relations(instance, self.relations)
        import_checks.clean_model_fields(instance, exclude, self.model_values, self.model_fields)

    def _constraints(self) -> list:
        return self.constraints


def _reads_plainly(field: forms.Field) -> bool:
    """The field's value is data.get(name), cleaned by field.clean (no prefix, a plain widget: an
    input, or a select of one choice, whose value_from_datadict is data.get(name) too)."""
    reads = type(field.widget).value_from_datadict
    return (
        not field.disabled
        and type(field)._clean_bound_field is forms.Field._clean_bound_field
        and (reads is forms.Widget.value_from_datadict
             or (reads is ChoiceWidget.value_from_datadict and not field.widget.allow_multiple_selected))
    )


def _exclusions(template: forms.BaseModelForm) -> tuple[set[str], list[tuple[str, list | None, bool]]]:
    """_get_validation_exclusions split in two: the model fields excluded for every row, and the
    fields excluded on a row where the form refused them or, for a form field that is not
    required, left them empty (with its empty values, and whether no record is among them)."""
    opts, excluded, maybe = template._meta, set(), []
    for model_field in template._meta.model._meta.fields:
        name = model_field.name
        if (name not in template.fields or (opts.fields and name not in opts.fields)
                or (opts.exclude and name in opts.exclude)):
            excluded.add(name)
            continue
        form_field = template.fields[name]
        # a field the model lets be blank is excluded only where the form refused it
        empty = None if model_field.blank or form_field.required else list(form_field.empty_values)
        maybe.append((name, empty, not any(isinstance(e, models.Model) for e in empty or ())))
    return excluded, maybe


def _model_fields_set(template: forms.BaseModelForm) -> list[tuple[str, models.Field, bool, Any]]:
    """The model fields construct_instance may set, FileFields last (as Django orders them), each
    with how its value is set (`_setting`)."""
    opts, model = template._meta, template._meta.model
    settable = [
        f for f in model._meta.fields
        if f.editable and not isinstance(f, models.AutoField)
        and (opts.fields is None or f.name in opts.fields) and not (opts.exclude and f.name in opts.exclude)
    ]
    settable.sort(key=lambda f: isinstance(f, models.FileField))
    return [(f.name, f, f.has_default(), _setting(model, f)) for f in settable]


# How a row's value is given to its new instance, for what construct_instance does with
# field.save_form_data(instance, value), which is setattr(instance, field.name, value):
_PLAIN = "plain"  # stored in the instance's __dict__ (Django's plain descriptor stores it so)


class _Relation(NamedTuple):
    """A ForeignKey set as its descriptor (ForwardManyToOneDescriptor.__set__) sets it where no
    database router is configured: the key, the record cached, both records' databases."""

    attname: str
    cache_name: str
    model: type
    target_attname: str


def _setting(model: type[models.Model], field: models.Field) -> "str | _Relation | None":
    """_PLAIN, a _Relation, or None where the field's own save_form_data must run (a field or a
    descriptor of its own, a model with its own __setattr__, a database router)."""
    if type(field).save_form_data is not models.Field.save_form_data or model.__setattr__ is not object.__setattr__:
        return None
    descriptor = type(inspect.getattr_static(model, field.name, None))
    if descriptor is DeferredAttribute and field.attname == field.name:
        return _PLAIN
    if (descriptor is ForwardManyToOneDescriptor and type(field) is models.ForeignKey
            and len(field.related_fields) == 1 and not router.routers
            and type(inspect.getattr_static(model, field.attname, None)) is ForeignKeyDeferredAttribute):
        return _Relation(field.attname, field.cache_name, field.remote_field.model._meta.concrete_model,
                         field.target_field.attname)
    return None


def _set_relation(instance: models.Model, relation: _Relation, value: Any) -> bool:
    """setattr(instance, <the foreign key>, value) as Django's descriptor does it, for an instance
    that has not cached the relation yet (a row's new instance); False, with nothing done, where
    the descriptor itself must run (a record of another class, of another database: its error)."""
    state = instance._state
    cache = state.fields_cache
    if relation.cache_name in cache:
        return False
    if value is None:
        instance.__dict__[relation.attname] = None
        cache[relation.cache_name] = None
        return True
    if not isinstance(value, relation.model):
        return False
    theirs = value._state.db
    if state.db is None:
        state.db = theirs or DEFAULT_DB_ALIAS
    if theirs is None:
        value._state.db = state.db
    elif theirs != state.db:
        return False  # router.allow_relation refuses it: the descriptor raises its ValueError
    instance.__dict__[relation.attname] = getattr(value, relation.target_attname)
    cache[relation.cache_name] = value
    return True


def _instance_factory(model: type[models.Model]) -> Callable[[], models.Model]:
    """A maker of new instances as `model()` makes them, without Model.__init__'s walk over every
    field: the defaults of a template instance copied, a callable or database default computed
    per instance. `model` itself where __init__ does more (its own __init__, init signals, a
    field whose descriptor does something when set)."""
    fields = model._meta.concrete_fields
    if (model.__init__ is not models.Model.__init__ or signals.pre_init.has_listeners(model)
            or signals.post_init.has_listeners(model)
            or not all(type(inspect.getattr_static(model, f.attname, None)) in _PLAIN_DESCRIPTORS
                       for f in fields)):
        return model
    defaults = {k: v for k, v in model().__dict__.items() if k != "_state"}
    computed = [f for f in fields if (f.has_default() and callable(f.default))
                or (not f.has_default() and f.db_default is not NOT_PROVIDED)]

    def new() -> models.Model:
        instance = object.__new__(model)
        instance._state = ModelState()
        instance.__dict__.update(defaults)
        for field in computed:
            instance.__dict__[field.attname] = field.get_default()
        return instance

    return new
