import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Division, Person, Region


class RegionTable(tables.Table):
    code = tables.Column(linkify=True)
    name = tables.Column(linkify=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "valid_from", "valid_to", "successor"]
        attrs = {"class": "table table-sm table-hover"}


class DivisionTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Division
        fields = ["code", "name", "duties"]
        attrs = {"class": "table table-sm table-hover"}


class PersonTable(tables.Table):
    name = tables.Column(linkify=True)
    id_number_masked = tables.Column(verbose_name=_("身份证号"), attrs={"td": {"class": "masked"}})

    class Meta:
        model = Person
        fields = ["name", "organisation", "title", "degree", "id_number_masked"]
        attrs = {"class": "table table-sm table-hover", "id": "person-table"}
