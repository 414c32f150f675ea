"""The literature sharing platform: officers keep resources and yearly service records (page,
Excel, API), every network user finds resources, bad input writes nothing, the indicator source
counts the people served."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import AuditEntry
from core.testing import assert_statuses
from instruments import services
from instruments.forms import LiteratureResourceForm
from instruments.models import LiteratureResource, LiteratureUse
from plans import sources

from .test_import import client_for, workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(org_a, org_b):
    made = LiteratureResource.objects.create(name="中国学术期刊网络出版总库", provider=org_a, kind="journal",
                                             access_mode="ip", opened_on=dt.date(2005, 3, 1))
    made.covered.set([org_a, org_b])
    return made


def _resource_data(org, **changes) -> dict:
    data = {"name": "国家标准全文数据库", "provider": org.credit_code, "kind": "standard", "access_mode": "remote",
            "url": "https://std.example.cn/", "description": "", "covered": org.credit_code,
            "opened_on": "2007-01-15", "in_service": "on"}
    return {**data, **changes}


def test_officer_adds_resource_and_use_audited(users, org_a, org_b):
    officer = client_for(users["officer"])
    response = officer.post(reverse("instruments:literature_add"),
                            _resource_data(org_a, covered=f"{org_a.credit_code}，{org_b.credit_code}"))
    assert response.status_code == 302
    resource = LiteratureResource.objects.get(name="国家标准全文数据库")
    assert set(resource.covered.all()) == {org_a, org_b}
    assert AuditEntry.objects.filter(action="create", object_id=str(resource.pk)).exists()
    response = officer.post(reverse("instruments:literature_use_add"), {
        "resource": resource.name, "year": 2008, "users_served": 120, "searches": 900, "downloads": 400,
        "organisations_served": 12})
    assert response.status_code == 302
    assert LiteratureUse.objects.get(resource=resource).users_served == 120
    page = officer.get(resource.get_absolute_url()).content.decode()
    assert 'id="literature-uses"' in page and "120" in page and org_b.name in page


def test_roles(users, resource):
    use = LiteratureUse.objects.create(resource=resource, year=2008, users_served=10)
    anyone = {"anonymous": 302, "officer": 200, "applicant": 200, "public": 200, "county": 200, "expert": 403}
    assert_statuses(users, reverse("instruments:literature_list"), anyone)
    assert_statuses(users, resource.get_absolute_url(), anyone)
    readers = {"officer": 200, "leader": 200, "county": 200, "applicant": 403, "public": 403}
    assert_statuses(users, use.get_absolute_url(), readers)
    editors = {"officer": 200, "admin": 200, "leader": 403, "org_admin": 403, "county": 403, "applicant": 403}
    assert_statuses(users, reverse("instruments:literature_edit", args=[resource.pk]), editors)
    assert_statuses(users, reverse("instruments:literature_use_add"), editors)


@pytest.mark.parametrize("role", ["org_admin", "leader", "applicant"])
def test_others_may_not_write(users, resource, role):
    form = LiteratureResourceForm(_resource_data(resource.provider, name="新库"), user=users[role])
    assert form.is_valid(), form.errors
    with pytest.raises(PermissionDenied):
        services.save_literature(users[role], form)
    with pytest.raises(PermissionDenied):
        services.delete_literature(users[role], resource)
    assert LiteratureResource.objects.count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"provider": "91410300XXXXXXXXXX"}, "provider"),  # no such organisation
    ({"covered": "91410300XXXXXXXXXX"}, "covered"),
    ({"kind": "<script>x</script>"}, "kind"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"opened_on": "2999-01-01"}, "opened_on"),
    ({"name": "中国学术期刊网络出版总库"}, "name"),  # taken
])
def test_bad_resource_refused_nothing_written(users, resource, changes, field):
    response = client_for(users["officer"]).post(reverse("instruments:literature_add"),
                                              _resource_data(resource.provider, **changes))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert LiteratureResource.objects.count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"users_served": -1}, "users_served"),
    ({"year": 1999}, "year"),
    ({"year": 2999}, "year"),
    ({"year": timezone.localdate().year + 1}, "year"),  # a future year (core.models.YearlyRecord)
    ({"organisations_served": 50, "users_served": 10}, "organisations_served"),
    ({"resource": "不存在的库"}, "resource"),
    ({"year": 2007}, "__all__"),  # the year already has a record
])
def test_bad_use_refused_nothing_written(users, resource, changes, field):
    LiteratureUse.objects.create(resource=resource, year=2007, users_served=5)
    data = {"resource": resource.name, "year": 2008, "users_served": 10, "searches": 0, "downloads": 0,
            "organisations_served": 1, **changes}
    response = client_for(users["officer"]).post(reverse("instruments:literature_use_add"), data)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert LiteratureUse.objects.count() == 1


def test_resource_with_records_is_not_deleted(users, resource):
    LiteratureUse.objects.create(resource=resource, year=2008, users_served=5)
    client_for(users["officer"]).post(reverse("instruments:literature_delete", args=[resource.pk]))
    assert LiteratureResource.objects.filter(pk=resource.pk).exists()


def test_excel_export_round_trips_and_bad_sheet_imports_nothing(users, resource):
    officer = client_for(users["officer"])
    response = officer.get(reverse("instruments:literature_list") + "?export=xlsx")
    rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    header, row = rows
    row[header.index("资源名称")] = "万方数据知识服务平台"
    bad = list(row)
    bad[header.index("资源名称")] = "坏行"
    bad[header.index("访问方式")] = "飞鸽传书"
    response = officer.post(reverse("instruments:literature_import"), {"file": workbook_bytes([header, row, bad])})
    assert response.status_code == 400 and "飞鸽传书" in response.content.decode()
    assert LiteratureResource.objects.count() == 1
    response = officer.post(reverse("instruments:literature_import"), {"file": workbook_bytes([header, row])})
    assert response.status_code == 302
    copied = LiteratureResource.objects.get(name="万方数据知识服务平台")
    assert (copied.provider, copied.kind, set(copied.covered.all())) == (
        resource.provider, resource.kind, set(resource.covered.all()))


def test_api_lists_and_officer_creates(users, resource, org_a):
    officer = client_for(users["officer"])
    listed = officer.get("/api/literature-resources/").json()
    assert [r["name"] for r in listed["results"]] == [resource.name]
    response = officer.post("/api/literature-uses/", {
        "resource": resource.name, "year": 2008, "users_served": 30, "searches": 1, "downloads": 1,
        "organisations_served": 2}, content_type="application/json")
    assert response.status_code == 201, response.content
    refused = client_for(users["applicant"]).post("/api/literature-uses/", {
        "resource": resource.name, "year": 2007, "users_served": 3}, content_type="application/json")
    assert refused.status_code == 403 and LiteratureUse.objects.count() == 1


def test_indicator_source_counts_people_served(resource, org_a):
    later = LiteratureResource.objects.create(name="国家标准全文数据库", provider=org_a, kind="standard",
                                              access_mode="remote", opened_on=dt.date(2008, 9, 1))
    LiteratureUse.objects.create(resource=resource, year=2008, users_served=1000)
    LiteratureUse.objects.create(resource=later, year=2008, users_served=200)
    LiteratureUse.objects.create(resource=resource, year=2007, users_served=700)
    source = sources.get("instruments.literature_users")
    assert source.value(2008, dt.date(2008, 12, 31)) == Decimal(1200)
    assert source.value(2008, dt.date(2008, 6, 30)) == Decimal(1000)  # the later one not yet opened
    assert source.value(2007, dt.date(2007, 12, 31)) == Decimal(700)
    # read with the other aggregates in the dashboard's batch, it gives what it gives alone
    wanted = [(source.key, 2008, dt.date(2008, 6, 30)), (source.key, 2008, dt.date(2008, 12, 31))]
    assert sources.values(wanted) == {(k, y, d): source.value(y, d) for k, y, d in wanted}
