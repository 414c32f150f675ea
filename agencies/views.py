"""Pages of the agency registers, declared as `Registry` specs (list, detail, edit, import, API)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry
from core.xlsx import Column

from . import permissions, services, workflow
from .filters import AgencyFilterSet, AgencyServiceFilterSet, ContractFilterSet, EvaluationFilterSet
from .forms import AgencyEvaluationForm, AgencyForm, AgencyServiceForm, ContractForm
from .models import Agency, AgencyEvaluation, AgencyService, TechContract


def _credit_code(attr: str):
    """Export an organisation by its credit code: what the import reads back."""
    return lambda obj: getattr(getattr(obj, attr), "credit_code", "")


AGENCY_FIELDS = [
    "name", "kind", "level", "organisation", "qualification", "qualification_no",
    "valid_from", "valid_until", "contact", "description",
]
AGENCIES = Registry(
    app="agencies",
    slug="agency",
    api_name="agencies/agencies",
    model=Agency,
    form_class=AgencyForm,
    filterset_class=AgencyFilterSet,
    columns=[
        Column(_("机构名称"), "name"),
        Column(_("机构类型"), "kind"),
        Column(_("级别"), "level"),
        Column(_("法人单位信用代码"), "organisation", _credit_code("organisation")),
        Column(_("资质"), "qualification"),
        Column(_("资质证书编号"), "qualification_no"),
        Column(_("资质有效期起"), "valid_from"),
        Column(_("资质有效期至"), "valid_until"),
        Column(_("联系人"), "contact"),
        Column(_("业务范围"), "description"),
    ],
    table_fields=["name", "kind", "level", "organisation", "qualification", "valid_until"],
    detail_fields=AGENCY_FIELDS,
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_edit_agency,
    save=services.save_agency,
    can_import=permissions.can_manage,
    select_related=("organisation",),
    title=_("科技中介机构"),
)

SERVICES = Registry(
    app="agencies",
    slug="service",
    api_name="agencies/services",
    model=AgencyService,
    form_class=AgencyServiceForm,
    filterset_class=AgencyServiceFilterSet,
    columns=[
        Column(_("中介机构"), "agency__name"),
        Column(_("服务类型"), "kind"),
        Column(_("服务对象信用代码"), "client", _credit_code("client")),
        Column(_("代理申报的项目"), "project", lambda s: s.project.number if s.project_id else ""),
        Column(_("服务内容"), "title"),
        Column(_("服务日期"), "rendered_on"),
        Column(_("服务费(元)"), "fee"),
        Column(_("状态"), "status"),
    ],
    table_fields=["title", "agency", "kind", "client", "rendered_on", "fee", "status"],
    detail_fields=["agency", "kind", "client", "project", "title", "rendered_on", "fee", "status"],
    can_view=permissions.can_view,
    can_add=permissions.can_add_service,
    can_edit=permissions.can_edit_service,
    save=services.save_service,
    select_related=("agency", "client", "project"),
    transitions=workflow.SERVICE_TRANSITIONS,
    apply_action=services.act_on_service,
    title=_("中介服务记录"),
)

EVALUATIONS = Registry(
    app="agencies",
    slug="evaluation",
    api_name="agencies/evaluations",
    model=AgencyEvaluation,
    form_class=AgencyEvaluationForm,
    filterset_class=EvaluationFilterSet,
    columns=[
        Column(_("中介机构"), "agency__name"),
        Column(_("年度"), "year"),
        Column(_("评价得分"), "score"),
        Column(_("评价等级"), "grade"),
        Column(_("评价意见"), "comment"),
    ],
    table_fields=["agency", "year", "score", "grade"],
    detail_fields=["agency", "year", "score", "grade", "comment"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage_object,
    save=services.save_evaluation,
    select_related=("agency",),
    title=_("中介机构年度评价"),
)

CONTRACT_IMPORT = [
    Column(_("登记编号"), "number"),
    Column(_("合同名称"), "name"),
    Column(_("合同类型"), "kind"),
    Column(_("买方信用代码"), "buyer", _credit_code("buyer")),
    Column(_("卖方信用代码"), "seller", _credit_code("seller")),
    Column(_("合同金额(元)"), "amount"),
    Column(_("技术交易额(元)"), "technical_amount"),
    Column(_("签订日期"), "signed_on"),
    Column(_("登记日期"), "registered_on"),
    Column(_("登记地区代码"), "region", lambda c: c.region.code),
]
CONTRACTS = Registry(
    app="agencies",
    slug="contract",
    api_name="agencies/contracts",
    model=TechContract,
    form_class=ContractForm,
    filterset_class=ContractFilterSet,
    columns=[*CONTRACT_IMPORT, Column(_("登记机构"), "agency__name")],
    import_columns=CONTRACT_IMPORT,
    unique=("number",),
    table_fields=["number", "name", "kind", "seller", "buyer", "amount", "technical_amount", "registered_on"],
    detail_fields=[
        "number", "name", "kind", "buyer", "seller", "amount", "technical_amount",
        "signed_on", "registered_on", "region", "agency",
    ],
    can_view=permissions.can_view,
    can_add=permissions.can_add_contract,
    can_edit=permissions.can_edit_contract,
    save=services.save_contract,
    can_import=permissions.can_manage,
    select_related=("buyer", "seller", "region"),
    title=_("技术合同登记"),
)

REGISTRIES = [AGENCIES, SERVICES, EVALUATIONS, CONTRACTS]
