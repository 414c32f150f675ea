"""Pages of the agency registers, declared as `Registry` specs (list, detail, edit, import, API)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of, model_columns
from core.xlsx import Column

from . import permissions, services, workflow
from .filters import AgencyFilterSet, AgencyServiceFilterSet, ContractFilterSet, EvaluationFilterSet
from .forms import AgencyEvaluationForm, AgencyForm, AgencyServiceForm, ContractForm
from .models import TechContract

AGENCIES = Registry(
    slug="agency",
    api_name="agencies/agencies",
    form_class=AgencyForm,
    filterset_class=AgencyFilterSet,
    columns=[
        "name", "kind", "level",
        Column(_("法人单位信用代码"), "organisation", code_of("organisation")),
        "qualification", "qualification_no", "valid_from", "valid_until", "contact", "description",
    ],
    table_fields=["name", "kind", "level", "organisation", "qualification", "valid_until"],
    can_add=permissions.can_manage,
    can_edit=permissions.can_edit_agency,
    save=services.save_agency,
    can_import=permissions.can_manage,
)

SERVICES = Registry(
    slug="service",
    form_class=AgencyServiceForm,
    filterset_class=AgencyServiceFilterSet,
    columns=[
        Column(_("中介机构"), "agency__name"),
        "kind",
        Column(_("服务对象信用代码"), "client", code_of("client")),
        Column(_("代理申报的项目"), "project", lambda s: s.project.number if s.project_id else ""),
        "title", "rendered_on", "fee", "status",
    ],
    table_fields=["title", "agency", "kind", "client", "rendered_on", "fee", "status"],
    detail_fields=[*AgencyServiceForm.Meta.fields, "status"],
    can_add=permissions.can_add_service,
    can_edit=permissions.can_edit_service,
    save=services.save_service,
    select_related=("agency", "client", "project"),
    transitions=workflow.SERVICE_TRANSITIONS,
    apply_action=services.act_on_service,
)

EVALUATIONS = Registry(
    slug="evaluation",
    form_class=AgencyEvaluationForm,
    filterset_class=EvaluationFilterSet,
    columns=[
        Column(_("中介机构"), "agency__name"),
        "year", "score", "grade", "comment",
    ],
    table_fields=["agency", "year", "score", "grade"],
    detail_fields=["agency", "year", "score", "grade", "comment"],
    kept_by=permissions.can_manage,
    save=services.save_evaluation,
)

CONTRACT_IMPORT = model_columns(
    TechContract,
    "number", "name", "kind",
    Column(_("买方信用代码"), "buyer", code_of("buyer")),
    Column(_("卖方信用代码"), "seller", code_of("seller")),
    "amount", "technical_amount", "signed_on", "registered_on",
    Column(_("登记地区代码"), "region", lambda c: c.region.code),
)
CONTRACTS = Registry(
    slug="contract",
    api_name="agencies/contracts",
    form_class=ContractForm,
    filterset_class=ContractFilterSet,
    columns=[*CONTRACT_IMPORT, Column(_("登记机构"), "agency__name")],
    import_columns=CONTRACT_IMPORT,
    unique=("number",),
    table_fields=["number", "name", "kind", "seller", "buyer", "amount", "technical_amount", "registered_on"],
    can_add=permissions.can_add_contract,
    can_edit=permissions.can_edit_contract,
    save=services.save_contract,
    can_import=permissions.can_manage,
    select_related=("buyer", "seller", "region"),
    title=_("技术合同登记"),
)

REGISTRIES = [AGENCIES, SERVICES, EVALUATIONS, CONTRACTS]
