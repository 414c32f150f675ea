"""Pages of events, agreements and cultivation lists, declared as `Registry` specs (core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry
from core.xlsx import Column
from registries.views import credit_code

from . import filters, forms, permissions, services, workflow
from .models import Agreement, CultivationEntry, Event

EVENTS = Registry(
    app="outreach",
    slug="event",
    model=Event,
    form_class=forms.EventForm,
    filterset_class=filters.EventFilterSet,
    columns=[
        Column(_("活动名称"), "name"),
        Column(_("活动类别"), "kind"),
        Column(_("区划代码"), "region", lambda e: e.region.code if e.region else ""),
        Column(_("开始日期"), "starts_on"),
        Column(_("结束日期"), "ends_on"),
        Column(_("活动场所"), "venues"),
        Column(_("主办承办单位"), "organisers"),
        Column(_("活动内容"), "programme"),
        Column(_("参与单位数"), "participants"),
        Column(_("受众人次"), "reach"),
    ],
    table_fields=["name", "kind", "region", "starts_on", "ends_on", "reach", "status"],
    detail_fields=[
        "name",
        "kind",
        "region",
        "starts_on",
        "ends_on",
        "venues",
        "organisers",
        "programme",
        "participants",
        "reach",
        "status",
    ],
    can_view=permissions.can_view_events,
    can_add=permissions.can_file_event,
    can_edit=permissions.can_edit_event,
    save=services.save_event,
    select_related=("region",),
    transitions=workflow.EVENT_TRANSITIONS,
    apply_action=services.act_on_event,
)

AGREEMENTS = Registry(
    app="outreach",
    slug="agreement",
    model=Agreement,
    form_class=forms.AgreementForm,
    filterset_class=filters.AgreementFilterSet,
    columns=[
        Column(_("协议名称"), "title"),
        Column(_("合作类别"), "kind"),
        Column(_("合作方"), "partner"),
        Column(_("国家或地区"), "country"),
        Column(_("本地合作单位信用代码"), "local_party", credit_code("local_party")),
        Column(_("签约日期"), "signed_on"),
        Column(_("协议期满"), "ends_on"),
        Column(_("合作内容"), "content"),
        Column(_("由此产生的项目"), "projects", lambda a: " ".join(p.number for p in a.projects.all())),
    ],
    can_import=permissions.can_manage,
    table_fields=["title", "kind", "partner", "country", "signed_on", "status"],
    detail_fields=["title", "kind", "partner", "country", "local_party", "signed_on", "ends_on", "content", "status"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_managed,
    select_related=("local_party",),
    transitions=workflow.AGREEMENT_TRANSITIONS,
    apply_action=services.act_on_agreement,
    extra_context=lambda request, agreement: {
        "related_template": "outreach/_projects.html",
        "projects": agreement.projects.select_related("program").order_by("number"),
    },
)

CULTIVATION = Registry(
    app="outreach",
    slug="cultivation",
    model=CultivationEntry,
    form_class=forms.CultivationEntryForm,
    filterset_class=filters.CultivationEntryFilterSet,
    columns=[
        Column(_("企业信用代码"), "organisation", credit_code("organisation")),
        Column(_("名单"), "roster"),
        Column(_("入选日期"), "entered_on"),
        Column(_("备注"), "note"),
    ],
    can_import=permissions.can_manage,  # the lists come from the province and the city government
    unique=("organisation", "roster"),
    table_fields=["organisation", "roster", "entered_on", "status", "graduated_on"],
    detail_fields=["organisation", "roster", "entered_on", "status", "graduated_on", "left_on", "note"],
    can_view=permissions.can_view,
    can_add=permissions.can_manage,
    can_edit=permissions.can_manage,
    save=services.save_managed,
    select_related=("organisation",),
    transitions=workflow.CULTIVATION_TRANSITIONS,
    apply_action=services.act_on_entry,
)

REGISTRIES = [EVENTS, AGREEMENTS, CULTIVATION]
