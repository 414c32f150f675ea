"""Registry pages (lists, details, edits, Excel import/export, API) declared as `Registry` specs;
the booking, calendar, search, statistics and statement pages are in pages.py."""

from django.utils.translation import gettext_lazy as _

from core.crud import Registry, model_columns, never
from core.workflow import available_actions
from core.xlsx import Column

from . import permissions, services
from .filters import (
    BlackoutFilterSet,
    BookingFilterSet,
    InstrumentFilterSet,
    LiteratureFilterSet,
    LiteratureUseFilterSet,
    TrainingFilterSet,
    UsageFilterSet,
)
from .forms import BlackoutForm, BookingForm, InstrumentForm, LiteratureResourceForm, LiteratureUseForm, TrainingForm
from .models import Booking, Instrument, LiteratureResource, LiteratureUse
from .photos import PhotoForm
from .workflow import TRANSITIONS


def _owner_code(instrument) -> str:
    return instrument.owner.credit_code


INSTRUMENT_COLUMNS = model_columns(
    Instrument,
    Column(_("所属单位(统一社会信用代码)"), "owner", _owner_code),
    "name", "model_number", "manufacturer", "category", "original_value", "purchase_date", "location", "status",
    "specifications", "operator_contact", "in_network", "slot_minutes", "min_notice_hours", "max_hours",
    "approval_required", "training_required", "fee_internal", "fee_other_org", "fee_city_enterprise", "fee_outside",
)


def _instrument_context(request, instrument: Instrument) -> dict:
    return {
        "show_contacts": permissions.can_see_contacts(request.user, instrument),
        "can_book": permissions.can_book(request.user, instrument),
        "can_manage": permissions.can_manage(request.user, instrument),
        "blackouts": instrument.blackouts.order_by("-start")[:10],
        "photos": services.photos_of(instrument),
        "photo_form": PhotoForm() if permissions.can_manage(request.user, instrument) else None,
    }


INSTRUMENTS = Registry(
    slug="instrument",
    form_class=InstrumentForm,
    filterset_class=InstrumentFilterSet,
    columns=INSTRUMENT_COLUMNS,
    table_fields=["name", "model_number", "owner", "category", "original_value", "status", "in_network"],
    # Operator contacts are shown by the related template, only to whom may see them.
    detail_fields=[
        "name", "model_number", "manufacturer", "category", "owner", "original_value", "purchase_date",
        "location", "status", "in_network", "specifications", "slot_minutes", "min_notice_hours", "max_hours",
        "approval_required", "training_required", "fee_internal", "fee_other_org", "fee_city_enterprise",
        "fee_outside",
    ],
    can_add=permissions.can_add,
    can_edit=permissions.can_manage,
    save=services.save_instrument,
    can_delete=permissions.can_manage,
    delete=services.delete_instrument,
    can_import=permissions.can_import,
    related_template="instruments/_instrument_related.html",
    extra_context=_instrument_context,
)

BLACKOUTS = Registry(
    slug="blackout",
    form_class=BlackoutForm,
    filterset_class=BlackoutFilterSet,
    columns=[Column(_("仪器"), "instrument__name"), "start", "end", "reason"],
    table_fields=["reason", "instrument", "start", "end"],
    can_add=permissions.can_add,
    can_edit=permissions.can_edit_child,
    save=services.save_blackout,
    can_delete=permissions.can_delete_child,
    delete=services.delete_child,
    api_name="instrument-blackouts",
)

TRAININGS = Registry(
    slug="training",
    form_class=TrainingForm,
    filterset_class=TrainingFilterSet,
    columns=[Column(_("仪器"), "instrument__name"), Column(_("用户名"), "user__username"),
             "trained_on", "valid_until"],
    table_fields=["user", "instrument", "trained_on", "valid_until"],
    can_add=permissions.can_add,
    can_edit=permissions.can_edit_child,
    save=services.save_training,
    can_delete=permissions.can_delete_child,
    delete=services.delete_child,
    api_name="instrument-trainings",
)


def _booking_context(request, booking: Booking) -> dict:
    # Recording use needs its figures, so it has its own form (pages.UsageView), not a bare button.
    actions = [(name, rule) for name, rule in available_actions(booking, TRANSITIONS, request.user)
               if name != "record_use"]
    can_record = any(name == "record_use" for name, _rule in available_actions(booking, TRANSITIONS, request.user))
    return {"actions": actions, "can_record_use": can_record,
            "usage": getattr(booking, "usage", None) if booking.status == Booking.Status.USED else None}


BOOKINGS = Registry(
    slug="booking",
    form_class=BookingForm,
    filterset_class=BookingFilterSet,
    columns=[Column(_("仪器"), "instrument__name"), Column(_("预约人"), "user__username"),
             Column(_("用户单位"), "organisation__name"), "start", "end", "purpose", "price_group", "status"],
    table_fields=["instrument", "user", "organisation", "start", "end", "price_group", "status"],
    detail_fields=["instrument", "user", "organisation", "start", "end", "purpose", "self_use", "price_group",
                   "status"],
    can_view=permissions.can_use_network,
    save=never,
    api_name="instrument-bookings",
    transitions=TRANSITIONS,
    apply_action=services.act,
    related_template="instruments/_booking_related.html",
    extra_context=_booking_context,
)

USAGES = Registry(
    slug="usage",
    form_class=BookingForm,
    filterset_class=UsageFilterSet,
    columns=[Column(_("仪器"), "booking__instrument__name"), Column(_("用户单位"), "booking__organisation__name"),
             Column(_("开始时间"), "booking__start"), "hours", "samples", "operator", "rate", "fee"],
    table_fields=["booking", "hours", "samples", "operator", "rate", "fee"],
    detail_fields=["booking", "hours", "samples", "operator", "rate", "fee"],
    save=never,
    select_related=("booking__instrument",),
    api_name="instrument-usage",
)



def _provider_code(resource: LiteratureResource) -> str:
    return resource.provider.credit_code


def _resource_name(use: LiteratureUse) -> str:
    return use.resource.name


def _covered_codes(resource: LiteratureResource) -> str:
    return " ".join(o.credit_code for o in resource.covered.order_by("credit_code"))


# The platform is the bureau's: officers add, edit, import and delete; the service checks it again.
KEPT_BY_OFFICERS = {
    "kept_by": permissions.can_manage_literature, "save": services.save_literature,
    "delete": services.delete_literature, "can_import": permissions.can_manage_literature,
}

LITERATURE = Registry(
    slug="literature",
    form_class=LiteratureResourceForm,
    filterset_class=LiteratureFilterSet,
    columns=["name", Column(_("提供单位(统一社会信用代码)"), "provider", _provider_code), "kind", "access_mode", "url",
             "description", Column(_("覆盖单位(统一社会信用代码)"), "covered", _covered_codes), "opened_on",
             "in_service"],
    table_fields=["name", "kind", "provider", "access_mode", "opened_on", "in_service"],
    detail_fields=["name", "kind", "provider", "access_mode", "url", "description", "opened_on", "in_service"],
    can_view=permissions.can_view_literature,
    **KEPT_BY_OFFICERS,
    unique=("name",),
    related_template="instruments/_literature_related.html",
    extra_context=lambda request, resource: {
        "covered": resource.covered.order_by("name"),
        "uses": resource.uses.order_by("-year"),
    },
    api_name="literature-resources",
)

LITERATURE_USES = Registry(
    slug="literature_use",
    form_class=LiteratureUseForm,
    filterset_class=LiteratureUseFilterSet,
    columns=[Column(_("文献资源(名称)"), "resource", _resource_name), "year", "users_served", "searches",
             "downloads", "organisations_served"],
    **KEPT_BY_OFFICERS,
    api_name="literature-uses",
)

REGISTRIES = [INSTRUMENTS, BLACKOUTS, TRAININGS, BOOKINGS, USAGES, LITERATURE, LITERATURE_USES]
