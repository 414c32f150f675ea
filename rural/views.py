"""Pages of the rural registers, declared as `Registry` specs (see core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of
from core.xlsx import Column

from . import filters, forms, permissions, services, workflow

ACTIONS = Registry(
    slug="action",
    form_class=forms.CountyActionForm,
    filterset_class=filters.CountyActionFilterSet,
    columns=[
        "name",
        Column(_("区划代码"), "region", code_of("region")),
        "level", "year", "funds", "households", "industry",
    ],
    table_fields=["name", "region", "level", "year", "funds", "households", "status"],
    detail_fields=[*forms.CountyActionForm.Meta.fields, "status"],
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
    transitions=workflow.ACTION_TRANSITIONS,
    apply_action=services.act_on_action,
    related_template="rural/_bases.html",
    extra_context=lambda request, action: {"bases": action.bases.order_by("name")},
)

BASES = Registry(
    slug="base",
    form_class=forms.DemonstrationBaseForm,
    filterset_class=filters.DemonstrationBaseFilterSet,
    columns=[
        "name",
        Column(_("区划代码"), "region", code_of("region")),
        Column(_("承建单位信用代码"), "operator", code_of("operator")),
        "industry", "area_mu", "households", "established_on",
    ],
    can_import=permissions.can_file_regional,
    table_fields=["name", "region", "industry", "area_mu", "households", "established_on"],
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
)

COMMISSIONERS = Registry(
    slug="commissioner",
    form_class=forms.CommissionerForm,
    filterset_class=filters.CommissionerFilterSet,
    columns=[
        Column(_("人员ID"), "person", lambda c: c.person_id),
        Column(_("区划代码"), "region", code_of("region")),
        "village",
        Column(_("服务企业信用代码"), "enterprise", code_of("enterprise")),
        "speciality", "appointed_on",
    ],
    can_import=permissions.can_file_regional,  # the counties send the lists of those they select
    table_fields=["person", "region", "village", "enterprise", "speciality", "appointed_on", "status"],
    detail_fields=[*forms.CommissionerForm.Meta.fields, "status"],
    can_add=permissions.can_file_regional,
    can_edit=permissions.can_edit_regional,
    save=services.save_regional,
    transitions=workflow.COMMISSIONER_TRANSITIONS,
    apply_action=services.act_on_commissioner,
    related_template="rural/_commissioner_related.html",
    extra_context=lambda request, commissioner: {
        "logs": commissioner.logs.order_by("-served_on")[:50],
        "evaluations": commissioner.evaluations.order_by("-year"),
    },
)

LOGS = Registry(
    slug="log",
    form_class=forms.ServiceLogForm,
    filterset_class=filters.ServiceLogFilterSet,
    columns=[
        Column(_("特派员ID"), "commissioner", lambda log: log.commissioner_id),
        "served_on", "place", "technologies", "trained", "households", "content",
    ],
    table_fields=["commissioner", "served_on", "place", "technologies", "trained", "households"],
    can_add=permissions.can_file_log,
    can_edit=permissions.can_edit_log,
    save=services.save_log,
    select_related=("commissioner__person",),
    api_name="rural/service-logs",
)

EVALUATIONS = Registry(
    slug="evaluation",
    form_class=forms.EvaluationForm,
    filterset_class=filters.EvaluationFilterSet,
    columns=[
        Column(_("特派员ID"), "commissioner", lambda e: e.commissioner_id),
        "year", "grade", "remarks",
    ],
    table_fields=["commissioner", "year", "grade"],
    kept_by=permissions.can_manage,
    save=services.save_managed,
    select_related=("commissioner__person",),
)

AIDS = Registry(
    slug="aid",
    form_class=forms.PovertyAidForm,
    filterset_class=filters.PovertyAidFilterSet,
    columns=[
        Column(_("区划代码"), "region", code_of("region")),
        "year", "helper", "measures", "funds", "villages",
    ],
    table_fields=["region", "year", "helper", "funds", "villages", "status", "lifted_on"],
    detail_fields=[*forms.PovertyAidForm.Meta.fields, "status", "lifted_on"],
    kept_by=permissions.can_manage,
    save=services.save_managed,
    transitions=workflow.AID_TRANSITIONS,
    apply_action=services.act_on_aid,
)

REGISTRIES = [ACTIONS, BASES, COMMISSIONERS, LOGS, EVALUATIONS, AIDS]
