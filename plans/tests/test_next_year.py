"""New year from last year: a draft for year + 1 carrying divisions, leaders, source links and the
work items' structure, never the figures; and an import for a new year inheriting last year's."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEntry
from core.workflow import TransitionError
from directory.models import Division
from plans import services
from plans.models import Indicator, Milestone, Plan

from .conftest import PLAN_TEXT, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(confirmed_plan):
    """The confirmed 2010 plan with a source link, a quarterly schedule and two milestones."""
    confirmed_plan.indicators.filter(unit="件").update(source_key="ip.patent_applications")
    item = confirmed_plan.work_items.get(number=1)
    Milestone.objects.create(work_item=item, title="中期检查", due=dt.date(2010, 6, 30), done_on=dt.date(2010, 6, 28))
    Milestone.objects.create(work_item=item, title="年度总结", due=dt.date(2010, 12, 20))
    return confirmed_plan


def test_copy_carries_assignments_links_and_structure_but_not_the_figures(users, last_year):
    new = services.copy_to_next_year(users["officer"], last_year)
    assert (new.year, new.status) == (2011, Plan.Status.DRAFT)
    old_rows = list(
        last_year.indicators.values_list("code", "name", "kind", "unit", "division", "leader", "source_key")
    )
    assert (
        list(new.indicators.values_list("code", "name", "kind", "unit", "division", "leader", "source_key")) == old_rows
    )
    assert not new.indicators.exclude(target_value=None).exists()
    assert not new.indicators.exclude(target_min=None).exists() and not new.indicators.exclude(baseline=None).exists()
    deadline = new.indicators.get(kind="deadline")
    assert deadline.deadline == last_year.indicators.get(kind="deadline").deadline.replace(year=2011)
    assert list(new.work_items.values_list("number", "title", "division", "leader")) == list(
        last_year.work_items.values_list("number", "title", "division", "leader")
    )
    copied = Milestone.objects.filter(work_item__plan=new).order_by("due")
    assert [(m.title, m.due, m.done_on) for m in copied] == [
        ("中期检查", dt.date(2011, 6, 30), None),
        ("年度总结", dt.date(2011, 12, 20), None),
    ]
    entry = AuditEntry.objects.get(action="copy_plan")
    assert entry.user == users["officer"] and entry.after["from_year"] == 2010
    assert entry.after["indicators"] == last_year.indicators.count() and entry.after["milestones"] == 2


def test_the_copy_cannot_be_confirmed_until_the_new_figures_are_in(users, last_year):
    new = services.copy_to_next_year(users["officer"], last_year)
    with pytest.raises(TransitionError, match="不完整"):
        services.confirm_plan(users["officer"], new)


def test_refused_when_a_plan_for_next_year_exists_and_nothing_is_written(users, last_year):
    services.import_plan(users["admin"], year=2011, text=PLAN_TEXT)
    count = Indicator.objects.count()
    with pytest.raises(ValidationError, match=r"2011 年已有工作要点.*already exists"):
        services.copy_to_next_year(users["officer"], last_year)
    assert Plan.objects.filter(year=2011).count() == 1 and Indicator.objects.count() == count
    assert not AuditEntry.objects.filter(action="copy_plan").exists()


def test_only_those_who_prepare_plans_may_copy(users, last_year, hightech_officer):
    for user in (users["leader"], users["county"], hightech_officer):
        with pytest.raises(PermissionDenied):
            services.copy_to_next_year(user, last_year)
    assert not Plan.objects.filter(year=2011).exists()


def test_page_button_copies_and_lands_on_the_new_draft_then_refuses_a_second_time(users, last_year):
    client = client_for(users["officer"])
    page = client.get(last_year.get_absolute_url()).content.decode()
    assert 'id="copy-next-year"' in page and "2011" in page
    response = client.post(reverse("plans:plan_next_year", args=[last_year.pk]))
    new = Plan.objects.get(year=2011)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert 'id="copy-next-year"' not in client.get(last_year.get_absolute_url()).content.decode()
    response = client.post(reverse("plans:plan_next_year", args=[last_year.pk]), follow=True)
    assert "already exists" in response.content.decode() and Plan.objects.filter(year=2011).count() == 1


def test_the_button_is_not_shown_to_a_reader_and_the_post_is_forbidden(users, last_year):
    client = client_for(users["leader"])
    assert 'id="copy-next-year"' not in client.get(last_year.get_absolute_url()).content.decode()
    assert client.post(reverse("plans:plan_next_year", args=[last_year.pk])).status_code == 403


def test_importing_next_years_text_inherits_divisions_leaders_and_links_by_name(users, last_year):
    hightech = Division.objects.get(code="hightech")
    new = services.import_plan(users["admin"], year=2011, text=PLAN_TEXT.replace("2010", "2011"))
    patents = new.indicators.get(unit="件")
    assert (patents.division, patents.leader, patents.source_key) == (
        hightech,
        users["leader"],
        "ip.patent_applications",
    )
    assert not new.indicators.filter(division__isnull=True).exists()
    assert set(new.work_items.values_list("division", flat=True)) == {hightech.pk}


def test_an_import_without_a_plan_the_year_before_inherits_nothing(users, last_year):
    new = services.import_plan(users["admin"], year=2013, text=PLAN_TEXT)
    assert not new.indicators.exclude(division=None).exists() and not new.work_items.exclude(leader=None).exists()
