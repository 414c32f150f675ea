"""Pages of the directory, declared as `core.crud.Registry` specs."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of, model_columns
from core.views import always
from core.xlsx import Column

from . import permissions, services
from .filters import DivisionFilterSet, OrganisationFilterSet, PersonFilterSet, RegionFilterSet
from .forms import OrganisationForm, PersonForm
from .models import Organisation, Person
from .tables import DivisionTable, PersonTable, RegionTable

ORGANISATION_COLUMNS = model_columns(
    Organisation,
    "name", "credit_code", "kind",
    Column(_("区划代码"), "region", code_of("region")),
    "industry", "address", "contact_phone",
)
PERSON_COLUMNS = model_columns(
    Person,
    "name",
    Column(_("单位信用代码"), "organisation", code_of("organisation")),
    "title", "degree", "disciplines", "phone", "email",
)
# The sheet people fill in has the ID number; the export shows only its mask.
PERSON_IMPORT_COLUMNS = [*PERSON_COLUMNS, Column(_("身份证号"), "id_number")]
PERSON_EXPORT_COLUMNS = [*PERSON_COLUMNS, Column(_("身份证号（掩码）"), "id_number_masked")]




def _person_rows(request, person: Person, rows: list) -> list:
    # The ID number is masked (last row) except for who may see it whole.
    if permissions.can_see_full_id_number(request.user) and person.id_number_encrypted:
        rows[-1] = (_("身份证号（完整）"), person.id_number)
    return rows


def _organisation_context(request, organisation: Organisation) -> dict:
    return {"people": Person.objects.visible_to(request.user).filter(organisation=organisation)[:50]}


REGIONS = Registry(
    slug="region",
    url_segment="regions",
    filterset_class=RegionFilterSet,
    table_class=RegionTable,
    per_page=50,
    columns=[Column(_("代码"), "code"), "name", "level", "valid_from", "valid_to"],
    detail_fields=["code", "name", "level", "parent", "valid_from", "valid_to", "successor"],
    can_view=always,
)

DIVISIONS = Registry(
    slug="division",
    url_segment="divisions",
    filterset_class=DivisionFilterSet,
    table_class=DivisionTable,
    columns=["code", "name", "duties"],
    detail_fields=["code", "name", "duties"],
    can_view=always,
)

# A record is seen by whom it is visible to (a PI: their own organisation); the lists and
# imports are for the directory's readers.
ORGANISATIONS = Registry(
    slug="organisation",
    url_segment="organisations",
    form_class=OrganisationForm,
    filterset_class=OrganisationFilterSet,
    table_fields=["name", "credit_code", "kind", "region", "industry"],
    columns=ORGANISATION_COLUMNS,
    can_view=always,
    can_list=permissions.can_view_directory,
    can_add=permissions.can_add_organisation,
    can_edit=permissions.can_edit_organisation,
    save=services.save_organisation,
    can_delete=permissions.can_delete,
    delete=services.delete_organisation,
    can_import=permissions.can_import,
    unique=("credit_code",),
    detail_template="directory/organisation_detail.html",
    extra_context=_organisation_context,
)

PEOPLE = Registry(
    slug="person",
    url_segment="people",
    form_class=PersonForm,
    filterset_class=PersonFilterSet,
    table_class=PersonTable,
    columns=PERSON_EXPORT_COLUMNS,
    import_columns=PERSON_IMPORT_COLUMNS,
    detail_fields=["name", "organisation", "title", "degree", "disciplines", "phone", "email", "sex", "birth_date",
                   "id_number_masked"],
    detail_rows=_person_rows,
    can_view=always,
    can_list=permissions.can_view_directory,
    can_add=permissions.can_add_person,
    can_edit=permissions.can_edit_person,
    save=services.save_person,
    can_delete=permissions.can_delete,
    delete=services.delete_person,
    can_import=permissions.can_import,
    unique=("id_number",),
    select_related=("organisation",),
)

DIRECTORY = [REGIONS, DIVISIONS, ORGANISATIONS, PEOPLE]
