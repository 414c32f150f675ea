"""Read API. Invitations are serialised without applicant identity: experts use the API too."""

from rest_framework import serializers

from core.api import ScopedReadOnlyViewSet

from . import permissions as perms
from .filters import ExpertFilterSet, InvitationFilterSet, RoundFilterSet
from .models import Expert, Invitation, ReviewRound


class ExpertSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    disciplines = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Expert
        fields = ["id", "name", "tier", "status", "keywords", "disciplines", "yearly_cap", "valid_until"]


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewRound
        fields = [
            "id",
            "title",
            "year",
            "mode",
            "blind",
            "status",
            "reviewers_per_item",
            "expert_cap",
            "starts_on",
            "due_at",
            "method",
            "funding_count",
        ]


class InvitationSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="item.code", read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "round", "item", "status", "declared_at", "submitted_at", "total"]


class ExpertViewSet(ScopedReadOnlyViewSet):
    serializer_class = ExpertSerializer
    filterset_class = ExpertFilterSet
    queryset_select_related = ("person",)
    can_view = staticmethod(perms.can_view_reviews)


class RoundViewSet(ScopedReadOnlyViewSet):
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    can_view = staticmethod(perms.can_view_reviews)


class InvitationViewSet(ScopedReadOnlyViewSet):
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilterSet
    queryset_select_related = ("item",)
    can_view = staticmethod(lambda user: perms.is_expert(user) or perms.can_view_reviews(user))


def register(router) -> None:
    router.register("experts", ExpertViewSet)
    router.register("review-rounds", RoundViewSet)
    router.register("review-invitations", InvitationViewSet)
