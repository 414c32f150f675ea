from django.utils.translation import gettext_lazy as _

from core import views as generic
from core.xlsx import Column

from . import permissions, services
from .filters import DivisionFilterSet, OrganisationFilterSet, PersonFilterSet, RegionFilterSet
from .forms import OrganisationForm, PersonForm
from .models import Division, Organisation, Person, Region
from .tables import DivisionTable, OrganisationTable, PersonTable, RegionTable

ORGANISATION_COLUMNS = [
    Column(_("单位名称"), "name"),
    Column(_("统一社会信用代码"), "credit_code"),
    Column(_("单位类型"), "kind"),
    Column(_("区划代码"), "region", lambda o: o.region.code),
    Column(_("所属行业"), "industry"),
    Column(_("地址"), "address"),
    Column(_("联系电话"), "contact_phone"),
]
PERSON_COLUMNS = [
    Column(_("姓名"), "name"),
    Column(_("单位信用代码"), "organisation", lambda p: p.organisation.credit_code),
    Column(_("职称"), "title"),
    Column(_("学位"), "degree"),
    Column(_("学科领域"), "disciplines"),
    Column(_("联系电话"), "phone"),
    Column(_("电子邮箱"), "email"),
]
# The sheet people fill in has the ID number; the export shows only its mask.
PERSON_IMPORT_COLUMNS = [*PERSON_COLUMNS, Column(_("身份证号"), "id_number")]
PERSON_EXPORT_COLUMNS = [*PERSON_COLUMNS, Column(_("身份证号（掩码）"), "id_number_masked")]


class RegionListView(generic.ObjectListView):
    model = Region
    filterset_class = RegionFilterSet
    table_class = RegionTable
    export_columns = [Column(_("代码"), "code"), Column(_("名称"), "name"), Column(_("级别"), "level"),
                      Column(_("启用日期"), "valid_from"), Column(_("停用日期"), "valid_to")]
    per_page = 50


class RegionDetailView(generic.ObjectDetailView):
    model = Region
    fields = ["code", "name", "level", "parent", "valid_from", "valid_to", "successor"]


class DivisionListView(generic.ObjectListView):
    model = Division
    filterset_class = DivisionFilterSet
    table_class = DivisionTable
    export_columns = [Column(_("代码"), "code"), Column(_("名称"), "name"), Column(_("职责"), "duties")]


class DivisionDetailView(generic.ObjectDetailView):
    model = Division
    fields = ["code", "name", "duties"]


class OrganisationListView(generic.ObjectListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    table_class = OrganisationTable
    export_columns = ORGANISATION_COLUMNS
    can_view = staticmethod(permissions.can_view_directory)
    can_add = staticmethod(permissions.can_add_organisation)
    add_url_name = "directory:organisation_add"
    import_url_name = "directory:organisation_import"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")


class OrganisationDetailView(generic.ObjectDetailView):
    model = Organisation
    template_name = "directory/organisation_detail.html"
    fields = ["name", "credit_code", "kind", "region", "industry", "address", "contact_phone",
              "former_ministry_institute"]
    can_edit = staticmethod(permissions.can_edit_organisation)
    can_delete = staticmethod(permissions.can_delete)
    edit_url_name = "directory:organisation_edit"
    delete_url_name = "directory:organisation_delete"

    def extra_context(self, request, obj):
        return {"people": Person.objects.visible_to(request.user).filter(organisation=obj)[:50]}


class OrganisationEditView(generic.ObjectEditView):
    model = Organisation
    form_class = OrganisationForm
    can_add = staticmethod(permissions.can_add_organisation)
    can_edit = staticmethod(permissions.can_edit_organisation)
    save = staticmethod(services.save_organisation)


class OrganisationDeleteView(generic.ObjectDeleteView):
    model = Organisation
    can_delete = staticmethod(permissions.can_delete)
    delete = staticmethod(services.delete_organisation)
    success_url_name = "directory:organisation_list"


class OrganisationImportView(generic.ObjectImportView):
    columns = ORGANISATION_COLUMNS
    form_class = OrganisationForm
    can_import = staticmethod(permissions.can_import)
    save = staticmethod(services.save_organisation)
    unique = ("credit_code",)
    title = _("单位")
    list_url_name = "directory:organisation_list"


class PersonListView(generic.ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    table_class = PersonTable
    export_columns = PERSON_EXPORT_COLUMNS
    can_view = staticmethod(permissions.can_view_directory)
    can_add = staticmethod(permissions.can_add_person)
    add_url_name = "directory:person_add"
    import_url_name = "directory:person_import"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class PersonDetailView(generic.ObjectDetailView):
    model = Person
    fields = ["name", "organisation", "title", "degree", "disciplines", "phone", "email", "sex", "birth_date",
              "id_number_masked"]
    can_edit = staticmethod(permissions.can_edit_person)
    can_delete = staticmethod(permissions.can_delete)
    edit_url_name = "directory:person_edit"
    delete_url_name = "directory:person_delete"

    def get_fields(self, request, obj):
        fields = super().get_fields(request, obj)
        if permissions.can_see_full_id_number(request.user) and obj.id_number_encrypted:
            fields[-1] = (_("身份证号（完整）"), obj.id_number)
        return fields


class PersonEditView(generic.ObjectEditView):
    model = Person
    form_class = PersonForm
    can_add = staticmethod(permissions.can_add_person)
    can_edit = staticmethod(permissions.can_edit_person)
    save = staticmethod(services.save_person)


class PersonDeleteView(generic.ObjectDeleteView):
    model = Person
    can_delete = staticmethod(permissions.can_delete)
    delete = staticmethod(services.delete_person)
    success_url_name = "directory:person_list"


class PersonImportView(generic.ObjectImportView):
    columns = PERSON_IMPORT_COLUMNS
    form_class = PersonForm
    can_import = staticmethod(permissions.can_import)
    save = staticmethod(services.save_person)
    unique = ("id_number",)
    title = _("人员")
    list_url_name = "directory:person_list"
