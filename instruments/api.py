"""API: the instrument registry (same form and service as the pages) with its bookings at
/api/instruments/{id}/bookings/ (GET a range, POST a request: 201, 409 overlap, 400 rules);
blackouts, training records, bookings (with their workflow actions) and usage as registries."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import FormBackedViewSet
from core.crud import register_api

from . import permissions, services
from .filters import InstrumentFilterSet
from .forms import InstrumentForm
from .models import Booking, Instrument
from .views import BLACKOUTS, BOOKINGS, LITERATURE, LITERATURE_USES, TRAININGS, USAGES

MAX_RANGE = dt.timedelta(days=366)


class InstrumentSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Instrument
        exclude = ["search_text"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not permissions.can_see_contacts(self.context["request"].user, instance):
            data.pop("operator_contact", None)
        return data


class SlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = ["id", "start", "end", "status"]


class InstrumentBookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = ["id", "instrument", "user", "organisation", "start", "end", "purpose", "self_use", "price_group",
                  "status"]
        read_only_fields = fields


def _moment(value, name: str) -> dt.datetime:
    try:
        parsed = parse_datetime(str(value or "").strip())
    except ValueError:  # well-formed but impossible, e.g. month 13
        parsed = None
    if parsed is None:
        message = _("请填写 ISO-8601 时间，如 2026-06-03T09:00+08:00。Give an ISO-8601 time.")
        raise exceptions.ValidationError({name: [message]})
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class InstrumentViewSet(FormBackedViewSet):
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    queryset_select_related = ("owner__region",)
    can_view = staticmethod(permissions.can_use_network)
    can_add = staticmethod(permissions.can_add)
    form_class = InstrumentForm
    save = staticmethod(services.save_instrument)
    delete = staticmethod(services.delete_instrument)

    @action(detail=True, methods=["get", "post"], serializer_class=InstrumentBookingSerializer)
    def bookings(self, request, pk=None):
        instrument = self.get_object()
        if request.method == "POST":
            return self._book(request, instrument)
        start = _moment(request.query_params.get("start") or timezone.now().isoformat(), "start")
        end = _moment(request.query_params.get("end") or (start + dt.timedelta(days=7)).isoformat(), "end")
        if not dt.timedelta(0) < end - start <= MAX_RANGE:
            raise exceptions.ValidationError({"end": [_("时间范围须在一年以内。The range must be within a year.")]})
        taken = Booking.objects.active().filter(instrument=instrument).overlapping(start, end).order_by("start")
        return Response(SlotSerializer(taken, many=True).data)

    def _book(self, request, instrument):
        data = request.data
        start, end = _moment(data.get("start"), "start"), _moment(data.get("end"), "end")
        purpose = str(data.get("purpose") or "").strip()
        if not purpose:
            raise exceptions.ValidationError({"purpose": [_("请填写用途。The purpose is required.")]})
        self_use = str(data.get("self_use", "")).lower() in {"1", "true", "yes", "on"}
        try:
            booking = services.request_booking(request.user, instrument, start, end, purpose[:500], self_use)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except services.BookingConflict as exc:
            return Response({"detail": exc.messages[0], "code": "overlap",
                             "conflict": SlotSerializer(exc.conflict).data}, status=status.HTTP_409_CONFLICT)
        except ValidationError as exc:
            return Response({"detail": exc.messages, "codes": [e.code for e in exc.error_list]},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response(InstrumentBookingSerializer(booking).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("instruments", InstrumentViewSet, basename="instruments-instrument")
    register_api(router, [BLACKOUTS, TRAININGS, BOOKINGS, USAGES, LITERATURE, LITERATURE_USES])
