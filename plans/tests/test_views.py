"""Every plans page for every role: who reaches it, who is refused (403), for whom it does not
exist (404); and what the pages do (import, review, confirm, report, export, print)."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core import services as core_services
from core.models import AuditEntry
from core.testing import BEIJING, assert_statuses, make_organisation
from core.xlsx import XLSX_MIME
from directory.models import Organisation
from outreach.models import CultivationEntry
from plans.models import Indicator, Milestone, Plan, ProgressReport, WorkItemNote

from .conftest import PLAN_TEXT, client_for, expect

pytestmark = pytest.mark.django_db
NON_READERS = {"org_admin": 200, "applicant": 200, "expert": 200, "public": 200}


# --- who reaches which page ------------------------------------------------------------------------


def test_dashboard_statuses(users, confirmed_plan):
    assert_statuses(users, reverse("plans:dashboard"), expect(200))


def test_non_readers_get_a_welcome_page_without_the_plan(users, confirmed_plan):
    for role in NON_READERS:
        body = client_for(users[role]).get("/").content.decode()
        assert 'id="welcome"' in body and "专利申请量" not in body


def test_dashboard_for_a_reader_shows_the_indicators(users, confirmed_plan):
    body = client_for(users["county"]).get("/").content.decode()
    assert confirmed_plan.title in body and "专利申请量" in body and 'id="indicator-table"' in body
    assert "echarts.min.js" in body and 'id="chart-data"' in body


def test_draft_plan_is_visible_only_to_those_who_prepare_it(users, draft_plan):
    url = reverse("plans:plan_detail", args=[draft_plan.pk])
    assert_statuses(users, url, expect(404, admin=200, leader=200, officer=200))
    assert_statuses(users, f"/?plan={draft_plan.pk}", expect(404, admin=200, leader=200, officer=200, **NON_READERS))
    body = client_for(users["county"]).get("/").content.decode()
    assert 'id="no-plan"' in body  # no confirmed plan yet: the empty state, not the draft


def test_plan_list_and_detail_statuses(users, confirmed_plan):
    readers = {"admin": 200, "leader": 200, "officer": 200, "county": 200, "supervisor": 200, "finance": 200}
    assert_statuses(users, reverse("plans:plan_list"), expect(403, **readers))
    assert_statuses(users, reverse("plans:plan_detail", args=[confirmed_plan.pk]), expect(404, **readers))


def test_import_page_statuses(users, hightech_officer):
    assert_statuses(users, reverse("plans:plan_import"), expect(403, admin=200, officer=200))
    assert client_for(hightech_officer).get(reverse("plans:plan_import")).status_code == 403


def test_review_page_statuses_for_a_draft(users, draft_plan):
    url = reverse("plans:plan_review", args=[draft_plan.pk])
    assert_statuses(users, url, expect(404, admin=200, officer=200, leader=403))


def test_review_page_is_closed_once_confirmed(users, confirmed_plan):
    confirmed = reverse("plans:plan_review", args=[confirmed_plan.pk])
    assert_statuses(users, confirmed, expect(404, admin=403, officer=403, leader=403, county=403, supervisor=403,
                                             finance=403))  # fmt: skip


def test_indicator_pages_statuses(users, confirmed_plan, manual_indicator):
    readers = {"admin": 200, "leader": 200, "officer": 200, "county": 200, "supervisor": 200, "finance": 200}
    assert_statuses(users, reverse("plans:indicator_detail", args=[manual_indicator.pk]), expect(404, **readers))
    edit = reverse("plans:indicator_edit", args=[manual_indicator.pk])
    assert_statuses(users, edit, expect(404, admin=200, officer=200, leader=403, county=403, supervisor=403,
                                        finance=403))  # fmt: skip


def test_work_item_pages_statuses(users, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    readers = {"admin": 200, "leader": 200, "officer": 200, "county": 200, "supervisor": 200, "finance": 200}
    assert_statuses(users, reverse("plans:work_item_list"), expect(403, **readers))
    assert_statuses(users, reverse("plans:work_item_detail", args=[item.pk]), expect(404, **readers))
    edit = reverse("plans:work_item_edit", args=[item.pk])
    assert_statuses(users, edit, expect(404, admin=200, officer=200, leader=403, county=403, supervisor=403,
                                        finance=403))  # fmt: skip


# --- import, review, confirm --------------------------------------------------------------------


def test_upload_a_gb18030_plan_opens_the_review_page(users):
    upload = SimpleUploadedFile("要点.txt", PLAN_TEXT.encode("gb18030"), content_type="text/plain")
    response = client_for(users["officer"]).post(reverse("plans:plan_import"), {"year": 2010, "file": upload})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:plan_review", args=[plan.pk])
    assert (plan.source_name, plan.indicators.count(), plan.work_items.count()) == ("要点.txt", 6, 3)
    page = client_for(users["officer"]).get(response.url).content.decode()
    assert "<mark>387家</mark>" in page and page.count('class="card mb-2 review-row') == 7  # 6 + one to add


@pytest.mark.parametrize(
    "data",
    [{"year": 2010}, {"year": 1700, "text": PLAN_TEXT}, {"year": 2010, "file": b"\x00\x01binary"}],
    ids=["no text", "bad year", "binary file"],
)
def test_bad_upload_is_refused_and_writes_nothing(users, data):
    if "file" in data:
        data["file"] = SimpleUploadedFile("x.txt", data["file"])
    response = client_for(users["officer"]).post(reverse("plans:plan_import"), data)
    assert response.status_code == 400 and not Plan.objects.exists()


def test_import_post_forbidden_for_the_leader(users):
    response = client_for(users["leader"]).post(reverse("plans:plan_import"), {"year": 2010, "text": PLAN_TEXT})
    assert response.status_code == 403 and not Plan.objects.exists()


def test_review_post_saves_and_invalid_post_shows_errors(users, draft_plan):
    from .test_services import _review_data

    client = client_for(users["officer"])
    url = reverse("plans:plan_review", args=[draft_plan.pk])
    bad = client.post(url, _review_data(draft_plan, **{"form-0-target_value": ""}))
    assert bad.status_code == 400 and "请填写目标值" in bad.content.decode()
    ok = client.post(url, _review_data(draft_plan, **{"form-0-name": "实施市级科技攻关项目"}))
    assert ok.status_code == 302
    assert draft_plan.indicators.filter(name="实施市级科技攻关项目").exists()
    assert client_for(users["leader"]).post(url, _review_data(draft_plan)).status_code == 403


def test_confirm_from_the_page(users, draft_plan):
    url = reverse("plans:plan_transition", args=[draft_plan.pk, "confirm"])
    assert client_for(users["leader"]).post(url).status_code == 403
    assert client_for(users["county"]).post(url).status_code == 404
    response = client_for(users["officer"]).post(url)
    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.status == "confirmed"
    again = client_for(users["officer"]).post(url, follow=True)
    assert "不能执行" in again.content.decode()
    assert (
        client_for(users["admin"]).post(reverse("plans:plan_transition", args=[draft_plan.pk, "explode"])).status_code
        == 403
    )


# --- indicator page: drill-down, reports ------------------------------------------------------------


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_report_from_the_indicator_page(users, hightech_officer, manual_indicator):
    url = reverse("plans:report_add", args=[manual_indicator.pk])
    assert client_for(users["leader"]).post(url, {"as_of": "2010-07-31", "value": "900"}).status_code == 403
    assert client_for(users["expert"]).post(url, {"as_of": "2010-07-31", "value": "900"}).status_code == 404
    bad = client_for(hightech_officer).post(url, {"as_of": "2011-01-01", "value": "900"})
    assert bad.status_code == 400 and "计划年度内" in bad.content.decode()
    assert not ProgressReport.objects.exists()
    ok = client_for(hightech_officer).post(url, {"as_of": "2010-07-31", "value": "900", "note": "7月"})
    assert ok.status_code == 302
    page = client_for(users["leader"]).get(reverse("plans:indicator_detail", args=[manual_indicator.pk]))
    assert 'id="report-table"' in page.content.decode() and "900" in page.content.decode()
    report = ProgressReport.objects.get()
    delete = reverse("plans:report_delete", args=[report.pk])
    assert client_for(users["leader"]).post(delete).status_code == 403
    assert client_for(hightech_officer).post(delete).status_code == 302
    assert not ProgressReport.objects.exists()


def test_indicator_page_drills_down_to_records(users, org_a, confirmed_plan):
    pilot = CultivationEntry.objects.create(organisation=org_a, roster="innovation_pilot",
                                            entered_on=dt.date(2008, 1, 2))
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key, indicator.unit = "outreach.innovation_pilots", "家"
    indicator.save()
    body = client_for(users["leader"]).get(reverse("plans:indicator_detail", args=[indicator.pk])).content.decode()
    assert 'id="drill-down"' in body and org_a.name in body and pilot.get_absolute_url() in body
    assert 'id="report-form"' not in body  # source-backed: nothing to report by hand


def test_drill_down_pages_keep_the_sources_order_and_scope(users, confirmed_plan):
    """The page finds its records' ids first, then the rows: the order, the count and the scope
    are the source's, and a page past the end shows the last one."""
    orgs = [make_organisation(name=f"企业{n:02d}") for n in range(55)]
    orgs.append(make_organisation(region_code="410381", name="企业99"))  # outside the county officer's region
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key, indicator.unit = "directory.enterprises", "家"
    indicator.save()
    url = reverse("plans:indicator_detail", args=[indicator.pk])
    first = client_for(users["leader"]).get(url).context["records"]
    second = client_for(users["leader"]).get(url + "?page=2").context["records"]
    by_name = list(Organisation.objects.filter(kind="enterprise").order_by("name"))
    assert first.paginator.count == len(by_name) and list(first) + list(second) == by_name
    assert list(client_for(users["leader"]).get(url + "?page=99").context["records"]) == list(second)
    county = client_for(users["county"]).get(url).context["records"]
    assert orgs[-1] not in list(county) and county.paginator.count < len(by_name)


def test_indicator_edit_post(users, hightech_officer, manual_indicator):
    url = reverse("plans:indicator_edit", args=[manual_indicator.pk])
    data = {
        "code": manual_indicator.code, "name": manual_indicator.name, "kind": "reach", "unit": "件",
        "target_value": "1700", "division": manual_indicator.division_id, "leader": users["leader"].pk,
        "schedule": "quarterly", "q1": "0.1", "q2": "0.4", "q3": "0.7", "q4": "1", "order": "2", "source_key": "",
    }  # fmt: skip
    response = client_for(hightech_officer).post(url, data)
    assert response.status_code == 302
    manual_indicator.refresh_from_db()
    assert (manual_indicator.target_value, manual_indicator.schedule) == (1700, "quarterly")
    assert AuditEntry.objects.filter(action="update", object_id=str(manual_indicator.pk)).exists()
    bad = client_for(hightech_officer).post(url, {**data, "unit": "万元", "source_key": "outreach.innovation_pilots"})
    assert bad.status_code == 400 and "不能换算" in bad.content.decode()
    unknown = client_for(hightech_officer).post(url, {**data, "source_key": "no.such.source"})
    assert unknown.status_code == 400 and "source_key" in unknown.context["form"].errors
    assert bad.context["form"].errors["source_key"], bad.context["form"].errors  # beside its field


def test_source_unit_rule_holds_without_the_form(users, manual_indicator):
    # Issue 10: the rule is Indicator.clean's, so a write that skips the form is refused too.
    changes = {"unit": "万元", "source_key": "outreach.innovation_pilots"}
    with pytest.raises(ValidationError) as refused:
        core_services.update(users["admin"], manual_indicator, changes)
    assert "不能换算" in refused.value.message_dict["source_key"][0]
    manual_indicator.refresh_from_db()
    assert manual_indicator.source_key == ""
    manual_indicator.refresh_from_db()
    assert (manual_indicator.unit, manual_indicator.source_key) == ("件", "")


# --- export and print ------------------------------------------------------------------------------


def test_excel_export_uses_the_same_filters(users, confirmed_plan):
    response = client_for(users["leader"]).get("/", {"export": "xlsx", "q": "专利"})
    assert response.status_code == 200 and response["Content-Type"] == XLSX_MIME
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "指标", "类型")
    assert [r[1] for r in rows[1:]] == ["专利申请量"]
    assert AuditEntry.objects.filter(action="export").exists()


def test_print_page_is_a4(users, confirmed_plan):
    body = client_for(users["leader"]).get("/", {"print": 1}).content.decode()
    assert "size: A4" in body and 'id="print-page"' in body and "专利申请量" in body


def test_filters_by_division_and_leader(users, confirmed_plan):
    target = confirmed_plan.indicators.get(unit="件")
    confirmed_plan.indicators.exclude(pk=target.pk).update(leader=None)
    body = client_for(users["admin"]).get("/", {"leader": users["leader"].pk}).content.decode()
    assert body.count('class="indicator-link"') == 1
    body = client_for(users["admin"]).get("/", {"division": target.division_id}).content.decode()
    assert body.count('class="indicator-link"') == confirmed_plan.indicators.count()


def test_leader_sees_my_indicators_first(users, confirmed_plan):
    last = confirmed_plan.indicators.order_by("-order").first()
    confirmed_plan.indicators.exclude(pk=last.pk).update(leader=None, division=None)
    body = client_for(users["leader"]).get("/").content.decode()
    order = [int(pk) for pk in re.findall(r'id="indicator-link-(\d+)"', body)]
    assert order[0] == last.pk and len(order) == confirmed_plan.indicators.count()


def test_overdue_milestones_are_flagged_on_the_dashboard(users, confirmed_plan):
    item = confirmed_plan.work_items.get(number=2)
    Milestone.objects.create(work_item=item, title="中期检查", due=dt.date(2010, 3, 1))
    body = client_for(users["leader"]).get("/", {"as_of": "2010-06-30"}).content.decode()
    assert 'id="overdue-milestones"' in body and "中期检查" in body


# --- work items -----------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_work_item_actions(users, hightech_officer, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    base = "plans:work_item_action"
    milestone_url = reverse(base, args=[item.pk, "milestone"])
    assert client_for(users["county"]).post(milestone_url, {"title": "x", "due": "2010-03-01"}).status_code == 403
    assert client_for(users["expert"]).post(milestone_url, {"title": "x", "due": "2010-03-01"}).status_code == 404
    client_for(hightech_officer).post(milestone_url, {"title": "启动", "due": "2010-03-01"})
    milestone = Milestone.objects.get()
    bad = client_for(hightech_officer).post(milestone_url, {"title": "", "due": "soon"}, follow=True)
    assert Milestone.objects.count() == 1 and "alert-danger" in bad.content.decode()
    client_for(hightech_officer).post(reverse(base, args=[item.pk, "done"]), {"milestone": milestone.pk})
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2010, 8, 1)
    client_for(users["leader"]).post(reverse(base, args=[item.pk, "note"]), {"noted_on": "2010-07-31", "text": "ok"})
    assert WorkItemNote.objects.get().text == "ok"
    assert client_for(users["admin"]).post(reverse(base, args=[item.pk, "bogus"])).status_code == 404


def test_nothing_here_is_reachable_for_a_plan_the_user_cannot_see(users, draft_plan):
    indicator = Indicator.objects.filter(plan=draft_plan).first()
    for url in [
        reverse("plans:indicator_detail", args=[indicator.pk]),
        reverse("plans:work_item_detail", args=[draft_plan.work_items.first().pk]),
    ]:
        assert client_for(users["county"]).get(url).status_code == 404


def test_plan_delete_page(users, draft_plan):
    url = reverse("plans:plan_delete", args=[draft_plan.pk])
    assert_statuses(users, url, expect(404, admin=200, officer=200, leader=403))
    assert client_for(users["leader"]).post(url).status_code == 403
    assert client_for(users["officer"]).post(url).status_code == 302
    assert not Plan.objects.exists()


def test_confirmed_plan_cannot_be_deleted_and_is_reopened_by_the_admin_only(users, confirmed_plan):
    assert client_for(users["admin"]).get(reverse("plans:plan_delete", args=[confirmed_plan.pk])).status_code == 403
    reopen = reverse("plans:plan_transition", args=[confirmed_plan.pk, "reopen"])
    assert client_for(users["officer"]).post(reopen, {"comment": "改"}).status_code == 403
    client_for(users["admin"]).post(reopen, {"comment": "指标调整"})
    confirmed_plan.refresh_from_db()
    assert confirmed_plan.status == "draft"


def test_work_item_edit_post(users, confirmed_plan):
    item = confirmed_plan.work_items.get(number=3)
    url = reverse("plans:work_item_edit", args=[item.pk])
    data = {"title": item.title, "division": item.division_id, "leader": users["leader"].pk}
    assert client_for(users["leader"]).post(url, data).status_code == 403
    assert client_for(users["officer"]).post(url, {**data, "leader": users["officer"].pk}).status_code == 400
    assert client_for(users["officer"]).post(url, {**data, "title": "强化政策保障"}).status_code == 302
    item.refresh_from_db()
    assert item.title == "强化政策保障"


def test_filter_choices_do_not_list_plans_the_user_cannot_see(users, draft_plan, rf):
    from plans.filters import IndicatorFilterSet, WorkItemFilterSet

    request = rf.get("/")
    request.user = users["county"]
    for filterset_class in (IndicatorFilterSet, WorkItemFilterSet):
        assert not filterset_class(request=request).filters["plan"].queryset.exists()
    request.user = users["officer"]
    assert list(IndicatorFilterSet(request=request).filters["plan"].queryset) == [draft_plan]
