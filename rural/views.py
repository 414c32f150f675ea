"""Pages of the rural registers, declared as `Registry` specs (see core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry
from core.xlsx import Column
from registries.views import credit_code

from . import filters, forms, permissions, services, workflow
from .models import Commissioner, CountyAction, DemonstrationBase, Evaluation, PovertyAid, ServiceLog


def region_code(obj) -> str:
    return obj.region.code


ACTIONS = Registry(
    app="rural",
    slug="action",
    model=CountyAction,
    form_class=forms.CountyActionForm,
    filterset_class=filters.CountyActionFilterSet,
    columns=[
        Column(_("行动名称"), "name"),
        Column(_("区划代码"), "region", region_code),
        Column(_("级别"), "level"),
        Column(_("立项年度"), "year"),
        Column(_("专项资金(元)"), "funds"),
        Column(_("带动农户数"), "households"),
        Column(_("主导产业"), "industry"),
    ],
    table_fields=["name", "region", "level", "year", "funds", "households", "status"],
    detail_fields=["name", "region", "level", "year", "funds", "households", "industry", "status"],
    can_view=permissions.can_view,
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
    select_related=("region",),
    transitions=workflow.ACTION_TRANSITIONS,
    apply_action=services.act_on_action,
    extra_context=lambda request, action: {
        "related_template": "rural/_bases.html",
        "bases": action.bases.order_by("name"),
    },
)

BASES = Registry(
    app="rural",
    slug="base",
    model=DemonstrationBase,
    form_class=forms.DemonstrationBaseForm,
    filterset_class=filters.DemonstrationBaseFilterSet,
    columns=[
        Column(_("基地名称"), "name"),
        Column(_("区划代码"), "region", region_code),
        Column(_("承建单位信用代码"), "operator", credit_code("operator")),
        Column(_("示范产业"), "industry"),
        Column(_("示范面积(亩)"), "area_mu"),
        Column(_("辐射农户数"), "households"),
        Column(_("建立日期"), "established_on"),
    ],
    can_import=permissions.can_file_regional,
    table_fields=["name", "region", "industry", "area_mu", "households", "established_on"],
    detail_fields=["name", "region", "action", "operator", "industry", "area_mu", "households", "established_on"],
    can_view=permissions.can_view,
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
    select_related=("region",),
)

COMMISSIONERS = Registry(
    app="rural",
    slug="commissioner",
    model=Commissioner,
    form_class=forms.CommissionerForm,
    filterset_class=filters.CommissionerFilterSet,
    columns=[
        Column(_("人员ID"), "person", lambda c: c.person_id),
        Column(_("区划代码"), "region", region_code),
        Column(_("服务乡村"), "village"),
        Column(_("服务企业信用代码"), "enterprise", credit_code("enterprise")),
        Column(_("专业特长"), "speciality"),
        Column(_("选派日期"), "appointed_on"),
    ],
    can_import=permissions.can_file_regional,  # the counties send the lists of those they select
    table_fields=["person", "region", "village", "enterprise", "speciality", "appointed_on", "status"],
    detail_fields=["person", "region", "village", "enterprise", "speciality", "appointed_on", "status"],
    can_view=permissions.can_view,
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
    select_related=("person", "region", "enterprise"),
    transitions=workflow.COMMISSIONER_TRANSITIONS,
    apply_action=services.act_on_commissioner,
    extra_context=lambda request, commissioner: {
        "related_template": "rural/_commissioner_related.html",
        "logs": commissioner.logs.order_by("-served_on")[:50],
        "evaluations": commissioner.evaluations.order_by("-year"),
    },
)

LOGS = Registry(
    app="rural",
    slug="log",
    model=ServiceLog,
    form_class=forms.ServiceLogForm,
    filterset_class=filters.ServiceLogFilterSet,
    columns=[
        Column(_("特派员ID"), "commissioner", lambda log: log.commissioner_id),
        Column(_("服务日期"), "served_on"),
        Column(_("服务地点"), "place"),
        Column(_("推广技术"), "technologies"),
        Column(_("培训人次"), "trained"),
        Column(_("服务农户数"), "households"),
        Column(_("服务内容"), "content"),
    ],
    table_fields=["commissioner", "served_on", "place", "technologies", "trained", "households"],
    detail_fields=["commissioner", "served_on", "place", "technologies", "trained", "households", "content"],
    can_view=permissions.can_view,
    can_add=permissions.can_file_log,
    can_edit=permissions.can_edit_log,
    save=services.save_log,
    select_related=("commissioner__person",),
    api_name="rural/service-logs",
)

EVALUATIONS = Registry(
    app="rural",
    slug="evaluation",
    model=Evaluation,
    form_class=forms.EvaluationForm,
    filterset_class=filters.EvaluationFilterSet,
    columns=[
        Column(_("特派员ID"), "commissioner", lambda e: e.commissioner_id),
        Column(_("年度"), "year"),
        Column(_("等次"), "grade"),
        Column(_("评价意见"), "remarks"),
    ],
    table_fields=["commissioner", "year", "grade"],
    detail_fields=["commissioner", "year", "grade", "remarks"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_managed,
    select_related=("commissioner__person",),
)

AIDS = Registry(
    app="rural",
    slug="aid",
    model=PovertyAid,
    form_class=forms.PovertyAidForm,
    filterset_class=filters.PovertyAidFilterSet,
    columns=[
        Column(_("区划代码"), "region", region_code),
        Column(_("年度"), "year"),
        Column(_("帮扶单位"), "helper"),
        Column(_("帮扶措施"), "measures"),
        Column(_("帮扶资金(元)"), "funds"),
        Column(_("包村数"), "villages"),
    ],
    table_fields=["region", "year", "helper", "funds", "villages", "status", "lifted_on"],
    detail_fields=["region", "year", "helper", "measures", "funds", "villages", "status", "lifted_on"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_managed,
    select_related=("region",),
    transitions=workflow.AID_TRANSITIONS,
    apply_action=services.act_on_aid,
)

REGISTRIES = [ACTIONS, BASES, COMMISSIONERS, LOGS, EVALUATIONS, AIDS]
