"""What a `Registry` spec, `record_paths` and `navigation.section` fill in by themselves (issue 10):
each default is what the specs used to spell out, so a spec only says what differs."""

from django.urls import URLPattern

from core.crud import Registry, never, record_paths
from core.navigation import NavItem, section
from core.views import always
from core.xlsx import Column
from directory.filters import OrganisationFilterSet
from directory.forms import OrganisationForm
from directory.models import Organisation
from directory.permissions import can_view_directory


def _spec(**kwargs) -> Registry:
    return Registry(
        slug="organisation", model=Organisation, form_class=OrganisationForm,
        filterset_class=OrganisationFilterSet, can_view=always, **kwargs,
    )


def test_a_spec_takes_its_app_columns_and_detail_fields_from_model_and_form():
    code = Column("代码", "region", lambda o: o.region.code)
    spec = _spec(columns=["name", code], import_columns=["credit_code"])
    assert spec.app == "directory"
    assert spec.name("list") == "directory:organisation_list"
    assert spec.columns == [Column(Organisation._meta.get_field("name").verbose_name, "name"), code]
    assert spec.import_columns == [Column(Organisation._meta.get_field("credit_code").verbose_name, "credit_code")]
    assert spec.detail_fields == list(OrganisationForm._meta.fields)


def test_what_a_spec_states_wins_over_the_defaults():
    spec = _spec(columns=[], app="elsewhere", detail_fields=["name"], title="单位名录")
    assert (spec.app, spec.detail_fields, spec.import_columns, spec.list_title) == (
        "elsewhere", ["name"], None, "单位名录"
    )


def test_a_spec_in_the_menu_is_its_list_for_whom_may_open_the_list():
    assert _spec(columns=[]).nav_entry() == (
        Organisation._meta.verbose_name_plural, "directory:organisation_list", always
    )
    listed = _spec(columns=[], can_list=can_view_directory, title="单位")
    assert listed.nav_entry() == ("单位", "directory:organisation_list", can_view_directory)


def test_a_section_numbers_its_items_in_order():
    items = section("名录", 200, [("甲", "a:one", never), _spec(columns=[], title="单位")], step=10)
    assert items == [
        NavItem("甲", "a:one", never, "名录", 200),
        NavItem("单位", "directory:organisation_list", always, "名录", 210),
    ]


def test_record_paths_name_only_the_pages_given():
    view = type("View", (), {"as_view": classmethod(lambda cls: lambda request: None)})
    paths = record_paths("things", "thing", index=view, detail=view, action=view)
    assert all(isinstance(p, URLPattern) for p in paths)
    assert [(str(p.pattern), p.name) for p in paths] == [
        ("things/", "thing_list"),
        ("things/<int:pk>/", "thing_detail"),
        ("things/<int:pk>/action/", "thing_action"),
    ]
    assert [str(p.pattern) for p in record_paths("", "thing", index=view, add=view)] == ["", "add/"]


def test_a_spec_derives_model_reader_list_fields_and_joins():
    from ip.filters import RegionPopulationFilterSet
    from ip.forms import RegionPopulationForm
    from ip.models import RegionPopulation
    from ip.permissions import can_manage, can_view

    code = Column("区划代码", "region", lambda p: p.region.code)
    spec = Registry(slug="population", filterset_class=RegionPopulationFilterSet, columns=[code, "year"],
                    form_class=RegionPopulationForm, kept_by=can_manage)
    assert spec.model is RegionPopulation
    assert spec.app == "ip"
    assert spec.can_view is can_view  # the app's readers
    assert spec.table_fields == ["region", "year"]
    assert spec.select_related == ("region",)  # the list shows the region: one join, not a query a row
    assert spec.can_add is spec.can_edit is spec.can_delete is can_manage
    assert spec.can_import is never  # an import is opened only by saying who may import
    narrower = Registry(slug="population", filterset_class=RegionPopulationFilterSet, columns=["year"],
                        form_class=RegionPopulationForm, kept_by=can_manage, can_delete=never)
    assert (narrower.can_add, narrower.can_delete) == (can_manage, never)
    organisations = _spec(columns=["name"], table_fields=["name", "kind", "region"], select_related=())
    assert organisations.select_related == ()
    assert organisations.can_view is always
