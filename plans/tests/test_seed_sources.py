"""The seed's targets that were manual (issue 11 "Sources still missing"): each new source counts
the right records, and the targets with no record to count say why on their page."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from core.testing import make_organisation
from plans import demo, sources
from plans.models import Plan
from projects.models import Outcome
from projects.tests.helpers import make_call, make_project
from projects.workflow import State
from registries.models import EnterpriseReport

from .conftest import client_for

pytestmark = pytest.mark.django_db
END = dt.date(2008, 12, 31)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def _project(users, org, approved: dt.date, program: str = "gongguan", field: str = "装备制造(盾构机、节能环保设备)"):
    return make_project(
        users[Role.APPLICANT], org, call=make_call(program, year=2008), status=State.IN_PROGRESS, year=2008,
        field=field, approved_at=_aware(approved),
    )  # fmt: skip


def _outcome(project, kind: str, day: dt.date) -> None:
    outcome = Outcome.objects.create(project=project, kind=kind, title=f"{kind}成果")
    Outcome.objects.filter(pk=outcome.pk).update(recorded_at=_aware(day))


def test_equipment_key_problems_count_only_the_equipment_fields_projects(users, org_a):
    equipment = _project(users, org_a, dt.date(2008, 3, 1))
    aluminium = _project(users, org_a, dt.date(2008, 3, 1), field="铝加工")
    other_program = _project(users, org_a, dt.date(2008, 3, 1), program="gaoxin")  # same field, not 攻关
    Outcome.objects.filter(project__in=[equipment, aluminium, other_program]).delete()
    _outcome(equipment, Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 5, 1))
    _outcome(equipment, Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 9, 1))
    _outcome(equipment, Outcome.Kind.VARIETY, dt.date(2008, 9, 1))
    _outcome(aluminium, Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 5, 1))
    _outcome(other_program, Outcome.Kind.KEY_TECHNOLOGY, dt.date(2008, 5, 1))
    source = sources.get("projects.equipment_key_technologies")
    assert source.value(2008, dt.date(2008, 6, 30)) == 1 and source.value(2008, END) == 2
    assert source.records(2008, END).count() == 2
    assert sources.get("projects.key_technologies").value(2008, END) == 4  # every field and program, as before


def test_new_varieties_count_variety_outcomes_of_the_year(users, org_a):
    project = _project(users, org_a, dt.date(2008, 2, 1), program="nongye", field="农作物新品种选育")
    Outcome.objects.filter(project=project).delete()
    _outcome(project, Outcome.Kind.VARIETY, dt.date(2008, 8, 1))
    _outcome(project, Outcome.Kind.VARIETY, dt.date(2009, 1, 5))
    _outcome(project, Outcome.Kind.PAPER, dt.date(2008, 8, 1))
    assert sources.get("projects.new_varieties").value(2008, END) == 1


def test_bearing_and_energy_saving_fields_are_counted_together(users, org_a):
    for field in ("轴承及加工装备", "节能环保", "铝加工"):
        _project(users, org_a, dt.date(2008, 4, 1), field=field)
    assert sources.get("projects.bearing_energy_saving").value(2008, END) == 2


def test_first_half_is_met_only_after_june_with_nothing_arranged_later(users, org_a):
    source = sources.get("projects.arranged_first_half")
    _project(users, org_a, dt.date(2008, 5, 15))
    assert source.value(2008, dt.date(2008, 6, 1)) == 0  # not yet due
    assert source.value(2008, dt.date(2008, 7, 1)) == 1
    late = _project(users, org_a, dt.date(2008, 8, 1))
    assert source.value(2008, dt.date(2008, 7, 31)) == 1 and source.value(2008, END) == 0
    assert list(source.records(2008, END)) == [late]


def test_zone_revenue_sums_the_high_tech_zones_enterprises_in_yi(db):
    in_zone, outside = make_organisation("410371"), make_organisation("410305")
    EnterpriseReport.objects.create(organisation=in_zone, year=2008, month=6, total_revenue=Decimal("3e10"))
    EnterpriseReport.objects.create(organisation=in_zone, year=2008, month=12, total_revenue=Decimal("6.3e10"))
    EnterpriseReport.objects.create(organisation=outside, year=2008, month=12, total_revenue=Decimal("9e10"))
    source = sources.get("registries.zone_revenue")
    assert source.value(2008, dt.date(2008, 7, 15)) == Decimal("300.00")
    assert source.value(2008, END) == Decimal("630.00")


def test_demo_adds_holdings_and_labs_by_hand_and_says_why_the_rest_is_manual(users):
    demo.seed("small", random.Random("plans:small"))
    plan = Plan.objects.get(year=2008)
    codes = dict(plan.indicators.values_list("code", "source_key"))
    holdings = plan.indicators.get(code="01-2b")
    assert (holdings.name, holdings.kind, holdings.target_value) == ("发明专利拥有量", "growth_rate", 20)
    labs = plan.indicators.get(code="12-1b")
    assert (labs.unit, labs.target_value, labs.excerpt) == ("家", 16, "对现有在建的16家市级重点实验室加强监督和指导")
    assert plan.indicators.get(code="12-1c").target_value == 3
    for code, note in demo.NO_RECORD.items():
        indicator = plan.indicators.get(code=code)
        assert indicator.source_note == note and codes[code] == ""
    page = client_for(users["leader"]).get(plan.indicators.get(code="03-5").get_absolute_url()).content.decode()
    assert demo.NO_RECORD["03-5"] in page and 'id="source-note"' in page
    key = plan.indicators.get(code="13-1b")  # §13: every key enterprise has an R&D institution
    assert (key.kind, key.unit, key.target_value, key.section) == ("reach", "%", 100, 13)
    postdoc = plan.indicators.get(code="13-1c")  # §13: the three named enterprises' postdoc workstations
    assert (postdoc.unit, postdoc.target_value) == ("个", 3) and "惠中兽药" in postdoc.excerpt
    assert demo.ADDED[-1]["source_key"] == "registries.postdoc_stations"
    assert demo.CURATED_SOURCES["04-9"] == "registries.zone_industrial_output" and "04-9" not in demo.NO_RECORD


def test_labs_under_construction_and_provincial_labs_are_counted_as_they_stand_on_the_day(db):
    from core.models import Level
    from registries.models import Platform

    host = make_organisation("410305")

    def lab(level, status, approved, recognised=None, revoked=None):
        Platform.objects.create(
            name=f"{level}{approved}", kind=Platform.Kind.KEY_LAB, level=level, host=host, status=status,
            approved_on=approved, recognised_on=recognised, revoked_on=revoked,
        )  # fmt: skip

    building = Platform.Status.BUILDING
    lab(Level.CITY, building, dt.date(2007, 3, 1))
    lab(Level.CITY, Platform.Status.RECOGNISED, dt.date(2007, 3, 1), recognised=dt.date(2008, 9, 1))
    lab(Level.CITY, building, dt.date(2008, 10, 1))
    lab(Level.CITY, Platform.Status.REVOKED, dt.date(2007, 3, 1), revoked=dt.date(2008, 2, 1))
    lab(Level.PROVINCIAL, Platform.Status.RECOGNISED, dt.date(2006, 1, 1), recognised=dt.date(2007, 1, 1))
    lab(Level.PROVINCIAL, building, dt.date(2008, 4, 1))
    municipal, provincial = sources.get("registries.municipal_labs_building"), sources.get("registries.provincial_labs")
    assert municipal.value(2008, dt.date(2008, 6, 30)) == 2  # the recognised-in-September one still building
    assert municipal.value(2008, END) == 2  # it was recognised, a new one started
    assert provincial.value(2008, dt.date(2008, 3, 1)) == 1 and provincial.value(2008, END) == 2
