"""Pages of events, agreements and cultivation lists, declared as `Registry` specs (core/crud.py)."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, code_of
from core.xlsx import Column

from . import filters, forms, permissions, services, workflow

EVENTS = Registry(
    slug="event",
    form_class=forms.EventForm,
    filterset_class=filters.EventFilterSet,
    columns=[
        "name", "kind",
        Column(_("区划代码"), "region", code_of("region")),
        "starts_on", "ends_on", "venues", "organisers", "programme", "participants", "reach",
    ],
    table_fields=["name", "kind", "region", "starts_on", "ends_on", "reach", "status"],
    detail_fields=[*forms.EventForm.Meta.fields, "status"],
    can_view=permissions.can_view_events,
    can_add=permissions.can_file_event,
    can_edit=permissions.can_edit_event,
    save=services.save_event,
    transitions=workflow.EVENT_TRANSITIONS,
    apply_action=services.act_on_event,
)

AGREEMENTS = Registry(
    slug="agreement",
    form_class=forms.AgreementForm,
    filterset_class=filters.AgreementFilterSet,
    columns=[
        "title", "kind", "partner", "country",
        Column(_("本地合作单位信用代码"), "local_party", code_of("local_party")),
        "signed_on", "ends_on", "content",
        Column(_("由此产生的项目"), "projects", lambda a: " ".join(p.number for p in a.projects.all())),
    ],
    can_import=permissions.can_manage,
    table_fields=["title", "kind", "partner", "country", "signed_on", "status"],
    detail_fields=["title", "kind", "partner", "country", "local_party", "signed_on", "ends_on", "content", "status"],
    kept_by=permissions.can_manage,
    save=services.save_managed,
    select_related=("local_party",),
    transitions=workflow.AGREEMENT_TRANSITIONS,
    apply_action=services.act_on_agreement,
    related_template="outreach/_projects.html",
    extra_context=lambda request, agreement: {
        "projects": agreement.projects.select_related("program").order_by("number"),
    },
)

CULTIVATION = Registry(
    slug="cultivation",
    form_class=forms.CultivationEntryForm,
    filterset_class=filters.CultivationEntryFilterSet,
    columns=[
        Column(_("企业信用代码"), "organisation", code_of("organisation")),
        "roster", "entered_on", "note",
    ],
    can_import=permissions.can_manage,  # the lists come from the province and the city government
    unique=("organisation", "roster"),
    table_fields=["organisation", "roster", "entered_on", "status", "graduated_on"],
    detail_fields=["organisation", "roster", "entered_on", "status", "graduated_on", "left_on", "note"],
    kept_by=permissions.can_manage,
    save=services.save_managed,
    transitions=workflow.CULTIVATION_TRANSITIONS,
    apply_action=services.act_on_entry,
)

REGISTRIES = [EVENTS, AGREEMENTS, CULTIVATION]
