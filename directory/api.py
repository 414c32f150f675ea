from rest_framework import serializers

from core.api import FormBackedViewSet, ScopedReadOnlyViewSet

from . import permissions, services
from .filters import DivisionFilterSet, OrganisationFilterSet, PersonFilterSet, RegionFilterSet
from .forms import OrganisationForm, PersonForm
from .models import Division, Organisation, Person, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "parent", "valid_from", "valid_to", "successor"]


class DivisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Division
        fields = ["id", "code", "name", "duties"]


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "credit_code", "kind", "region", "industry", "address", "contact_phone",
                  "former_ministry_institute", "created_at", "updated_at"]


class PersonSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="credit_code", read_only=True)
    id_number = serializers.CharField(source="id_number_masked", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "organisation", "title", "degree", "disciplines", "phone", "email", "sex",
                  "birth_date", "id_number"]


class RegionViewSet(ScopedReadOnlyViewSet):
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet


class DivisionViewSet(ScopedReadOnlyViewSet):
    serializer_class = DivisionSerializer
    filterset_class = DivisionFilterSet


class OrganisationViewSet(FormBackedViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    queryset_select_related = ("region",)
    can_view = staticmethod(permissions.can_view_directory)
    form_class = OrganisationForm
    save = staticmethod(services.save_organisation)
    delete = staticmethod(services.delete_organisation)


class PersonViewSet(FormBackedViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    queryset_select_related = ("organisation",)
    can_view = staticmethod(permissions.can_view_directory)
    form_class = PersonForm
    save = staticmethod(services.save_person)
    delete = staticmethod(services.delete_person)


def register(router) -> None:
    router.register("regions", RegionViewSet)
    router.register("divisions", DivisionViewSet)
    router.register("organisations", OrganisationViewSet)
    router.register("people", PersonViewSet)
