from rest_framework import serializers

from core.api import FormBackedViewSet

from . import permissions, services
from .filters import CreditEventFilterSet
from .forms import ManualEventForm
from .models import CreditEvent


class CreditEventSerializer(serializers.ModelSerializer):
    subject_type = serializers.CharField(source="subject_type.model", read_only=True)

    class Meta:
        model = CreditEvent
        fields = [
            "id", "subject_type", "subject_id", "subject_repr", *CreditEvent.facts,
            "recorded_at", "decided_at", "decision_note",
        ]


class CreditEventViewSet(FormBackedViewSet):
    """Read: scoped ledger. Create: an officer's manual event (same form and service as the page)."""

    http_method_names = ["get", "post", "head", "options"]
    serializer_class = CreditEventSerializer
    filterset_class = CreditEventFilterSet
    can_view = staticmethod(permissions.can_view_ledger)
    form_class = ManualEventForm
    save = staticmethod(services.save_manual_event)


def register(router) -> None:
    router.register("credit-events", CreditEventViewSet)
