"""Every change to the directory goes through here: permission, validation, transaction, audit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import services as core_services
from core.permissions import require

from . import permissions
from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person

if TYPE_CHECKING:
    from django.forms import BaseForm

    from accounts.models import User


def save_organisation(actor: User, form: OrganisationForm, instance: Organisation | None = None) -> Organisation:
    if instance is None:
        require(permissions.can_add_organisation(actor))
        return core_services.create(actor, form.save(commit=False))
    require(permissions.can_edit_organisation(actor, instance))
    return core_services.update(actor, instance, _changes(form))


def save_person(actor: User, form: PersonForm, instance: Person | None = None) -> Person:
    id_number = form.cleaned_data.get("id_number", "")
    if instance is None:
        require(permissions.can_add_person(actor))
        person = form.save(commit=False)
        person.set_id_number(id_number)
        return core_services.create(actor, person)
    require(permissions.can_edit_person(actor, instance))
    changes = _changes(form)
    if id_number:
        scratch = Person()
        scratch.set_id_number(id_number)
        changes.update({f: getattr(scratch, f) for f in (
            "id_number_encrypted", "id_number_index", "id_number_masked", "birth_date", "sex")})
    return core_services.update(actor, instance, changes)


def delete_organisation(actor: User, organisation: Organisation) -> None:
    require(permissions.can_delete(actor, organisation))
    if organisation.people.exists():
        raise ValidationError(_("该单位下仍有人员，不能删除。Remove its people first."))
    core_services.delete(actor, organisation)


def delete_person(actor: User, person: Person) -> None:
    require(permissions.can_delete(actor, person))
    core_services.delete(actor, person)


def _changes(form: BaseForm) -> dict:
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
