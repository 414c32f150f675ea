"""Project.region, the copy of the undertaker's region that county lists match on: it follows
every way a project gets or changes its organisation, and a county sees exactly its region."""

import importlib

import pytest
from django.apps import apps

from accounts.roles import Role
from core.testing import make_organisation, make_user
from directory import services as directory_services
from directory.forms import OrganisationForm
from directory.models import Region
from projects import queries, services
from projects.forms import HistoricalProjectForm
from projects.models import Project
from projects.workflow import State

from .helpers import make_call, make_project


def _region_code(project: Project) -> str:
    return Project.objects.select_related("region").get(pk=project.pk).region.code


def _move(actor, organisation, region_code: str) -> None:
    """The directory's own edit path: the organisation page's form and service."""
    data = {f: getattr(organisation, f) for f in OrganisationForm._meta.fields if f != "region"}
    form = OrganisationForm({**data, "region": region_code}, instance=organisation, user=actor)
    assert form.is_valid(), form.errors
    directory_services.save_organisation(actor, form, organisation)


def test_a_new_project_takes_its_organisations_region(users, org_a, org_b):
    assert _region_code(make_project(users[Role.APPLICANT], org_a)) == "410305"
    assert _region_code(make_project(users[Role.APPLICANT], org_b)) == "410323"


def test_an_application_gets_the_region_of_the_applicants_organisation(users, org_a):
    call = make_call()
    project = services.create_application(users[Role.APPLICANT], call, {"title": "轴承寿命预测", "field": ""})
    assert project.region_id == org_a.region_id == Project.objects.get(pk=project.pk).region_id


def test_an_imported_project_gets_its_organisations_region(users, org_b):
    form = HistoricalProjectForm({
        "number": "2005-GG-001", "title": "轴承钢热处理", "program": "科技攻关", "year": 2005,
        "applicant_org": org_b.credit_code, "pi_name": "王工", "status": "closed", "approved_funding": "100000",
    })
    assert form.is_valid(), form.errors
    project = services.import_historical(users[Role.ADMIN], form)
    assert _region_code(project) == "410323"


def test_changing_the_organisation_moves_the_region(users, org_a, org_b):
    project = make_project(users[Role.APPLICANT], org_a)
    project.applicant_org = org_b
    project.save(update_fields=["applicant_org"])
    assert _region_code(project) == "410323"
    project = Project.objects.get(pk=project.pk)
    project.applicant_org_id = org_a.pk
    project.save()
    assert _region_code(project) == "410305"


def test_an_organisation_moving_region_takes_its_projects_along(users, org_a, org_b):
    county = users[Role.COUNTY]  # 涧西区 410305
    moved = make_project(users[Role.APPLICANT], org_a)
    other = make_project(users[Role.APPLICANT], org_b)
    _move(users[Role.ADMIN], org_a, "410323")
    assert _region_code(moved) == "410323" and _region_code(other) == "410323"
    assert not Project.objects.visible_to(county).filter(pk=moved.pk).exists()
    xinan = make_user(Role.COUNTY, region=Region.objects.get(code="410323"))
    assert set(Project.objects.visible_to(xinan)) == {moved, other}
    _move(users[Role.ADMIN], org_a, "410305")
    assert list(Project.objects.visible_to(county)) == [moved]


def test_a_region_renumbered_keeps_its_projects_in_scope(users, org_a):
    # The scope matches region ids found by code at query time, so a code change needs no copy.
    project = make_project(users[Role.APPLICANT], org_a)
    Region.objects.filter(code="410305").update(code="410399")
    county = make_user(Role.COUNTY, region=Region.objects.get(code="410399"))
    assert list(Project.objects.visible_to(county)) == [project]


@pytest.mark.parametrize("code", ["410305", "410323", "410300"])
def test_a_county_sees_exactly_its_regions_projects(users, org_a, code):
    people = users[Role.APPLICANT]
    orgs = [org_a, *(make_organisation(c) for c in ("410323", "410302", "410371", "410305"))]
    made = [make_project(people, org, status=state) for org in orgs for state in (State.SUBMITTED, State.ENDORSED)]
    county = make_user(Role.COUNTY, region=Region.objects.get(code=code))
    prefix = code[:4] if code.endswith("00") else code
    expected = {p.pk for p in made if p.applicant_org.region.code.startswith(prefix)}
    assert expected and {p.pk for p in Project.objects.visible_to(county)} == expected
    queue = {p.pk for p in queries.work_queue(county)}
    assert queue == {p.pk for p in made if p.pk in expected and p.status == State.ENDORSED}


def test_the_migration_fills_every_projects_region(users, org_a, org_b):
    projects = [make_project(users[Role.APPLICANT], org) for org in (org_a, org_b)]
    Project.objects.update(region=None)
    migration = importlib.import_module("projects.migrations.0012_project_region")
    migration.fill_region(apps, None)
    assert [_region_code(p) for p in projects] == ["410305", "410323"]
