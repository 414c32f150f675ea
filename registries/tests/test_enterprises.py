"""Enterprise registers and incubator reports: roles on every page and endpoint, bad input, Excel."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from core.models import AuditEntry
from core.testing import assert_statuses, make_organisation
from registries import services, views
from registries.forms import (
    AllianceForm,
    EnterpriseReportForm,
    HighTechEnterpriseForm,
    HighTechProductForm,
    IncubatorReportForm,
)
from registries.models import (
    EnterpriseReport,
    HighTechEnterprise,
    IncubatorReport,
)

from .roles import expect

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def records(org_a, org_b, incubator_a):
    """One record of every register for org_a (inside the scoped users' reach) and org_b (outside)."""
    from .conftest import make_platform, make_records

    incubator_b = make_platform(org_b, "incubator", "recognised", dt.date(2005, 1, 1))
    made = {}
    for org, incubator, suffix in ((org_a, incubator_a, "a"), (org_b, incubator_b, "b")):
        made.update({f"{slug}_{suffix}": record for slug, record in make_records(org, incubator).items()})
    return made


SLUGS = ["hightech", "product", "alliance", "figures", "incubator"]
READ = expect(200, applicant=403, expert=403, public=403)
OUTSIDE = expect(200, county=404, org_admin=404, applicant=403, expert=403, public=403)
OFFICERS = {"admin": 200, "officer": 200}
# Who may open the add page: officers keep certifications, products and alliances; an org_admin
# files its own figures and incubator reports.
ADD = {
    "hightech": expect(403, **OFFICERS),
    "product": expect(403, **OFFICERS),
    "alliance": expect(403, **OFFICERS),
    "figures": expect(403, **OFFICERS, org_admin=200),
    "incubator": expect(403, **OFFICERS, org_admin=200),
}
EDIT_OWN = {
    "hightech": expect(403, **OFFICERS),
    "product": expect(403, **OFFICERS),
    "alliance": expect(403, **OFFICERS, org_admin=200),
    "figures": expect(403, **OFFICERS, org_admin=200),
    "incubator": expect(403, **OFFICERS, org_admin=200),
}
# Outside the scope: 404 for the scoped roles, whatever they could do inside it.
EDIT_OTHER = expect(403, **OFFICERS, county=404, org_admin=404, applicant=404)


@pytest.mark.parametrize("slug", SLUGS)
def test_list_and_detail_by_role(users, records, slug):
    assert_statuses(users, reverse(f"registries:{slug}_list"), READ)
    own, other = records[f"{slug}_a"], records[f"{slug}_b"]
    assert_statuses(users, reverse(f"registries:{slug}_detail", args=[own.pk]), READ)
    assert_statuses(
        users,
        reverse(f"registries:{slug}_detail", args=[other.pk]),
        {"admin": 200, "officer": 200, "county": 404, "org_admin": 404},
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_add_and_edit_by_role(users, records, slug):
    assert_statuses(users, reverse(f"registries:{slug}_add"), ADD[slug])
    own, other = records[f"{slug}_a"], records[f"{slug}_b"]
    assert_statuses(users, reverse(f"registries:{slug}_edit", args=[own.pk]), EDIT_OWN[slug])
    assert_statuses(
        users, reverse(f"registries:{slug}_edit", args=[other.pk]), {"officer": 200, "org_admin": 404, "county": 404}
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_list_shows_only_scope(users, records, slug):
    client = Client()
    client.force_login(users["county"])
    response = client.get(reverse(f"registries:{slug}_list"))
    assert response.context["table"].paginator.count == 1


@pytest.mark.parametrize("spec", views.REGISTRIES, ids=lambda s: s.slug)
def test_api_by_role(users, records, spec):
    url = f"/api/{spec.api_name or f'registries/{spec.slug}s'}/"
    assert_statuses(
        users, url, {"anonymous": 401, "admin": 200, "county": 200, "org_admin": 200, "expert": 403, "public": 403}
    )
    other = records.get(f"{spec.slug}_b")
    if other is not None:
        assert_statuses(users, f"{url}{other.pk}/", {"officer": 200, "county": 404, "org_admin": 404})


def test_api_org_admin_files_own_figures_only(users, org_a, org_b):
    client = Client()
    client.force_login(users["org_admin"])
    data = {
        "year": 2008,
        "month": 3,
        "total_revenue": "500000",
        "industrial_output": "400000",
        "high_tech_output": "0",
        "high_tech_added_value": "0",
        "rd_investment": "1000",
        "super_deduction": "500",
    }
    assert (
        client.post("/api/registries/enterprise-figures/", {**data, "organisation": org_a.credit_code}).status_code
        == 201
    )
    assert (
        client.post("/api/registries/enterprise-figures/", {**data, "organisation": org_b.credit_code}).status_code
        == 400
    )
    assert EnterpriseReport.objects.count() == 1
    assert AuditEntry.objects.filter(action="create").count() == 1


# --- bad input, nothing written ---------------------------------------------------------


def _invalid(form_class, data, field, user=None):
    form = form_class(data=data, user=user)
    assert not form.is_valid(), data
    assert field in form.errors, form.errors
    return form


def test_high_tech_enterprise_rules(users, org_a):
    university = make_organisation("410305", kind="university")
    base = {
        "organisation": org_a.credit_code,
        "field": "新材料技术",
        "status": "certified",
        "certificate_no": "GR200841000001",
        "certified_on": "2008-03-01",
        "valid_until": "",
    }
    form = HighTechEnterpriseForm(data=base)
    assert form.is_valid(), form.errors
    record = services.save_high_tech_enterprise(users["officer"], form)
    assert record.valid_until == dt.date(2011, 2, 28)  # three years by default
    _invalid(HighTechEnterpriseForm, {**base, "organisation": university.credit_code}, "organisation")
    _invalid(HighTechEnterpriseForm, {**base, "certificate_no": "GR200841000001"}, "__all__")  # duplicate
    _invalid(HighTechEnterpriseForm, {**base, "certificate_no": "", "certificate_no2": ""}, "__all__")
    _invalid(
        HighTechEnterpriseForm, {**base, "certificate_no": "X2", "certified_on": f"{NEXT_YEAR}-01-01"}, "certified_on"
    )
    _invalid(HighTechEnterpriseForm, {**base, "certificate_no": "X3", "valid_until": "2008-01-01"}, "valid_until")
    _invalid(HighTechEnterpriseForm, {**base, "certificate_no": "X4", "field": "航海"}, "field")
    assert HighTechEnterprise.objects.count() == 1


def test_product_and_alliance_rules(users, org_a, org_b):
    _invalid(
        HighTechProductForm,
        {
            "organisation": org_a.credit_code,
            "name": "产品",
            "field": "new_energy",
            "recognised_on": f"{NEXT_YEAR}-01-01",
        },
        "recognised_on",
    )
    form = AllianceForm(
        data={
            "name": "联盟",
            "lead": org_a.credit_code,
            "members": f"{org_b.credit_code};",
            "founded_on": "2008-02-01",
            "field": "",
        },
        user=users["officer"],
    )
    assert form.is_valid(), form.errors
    alliance = services.save_alliance(users["officer"], form)
    assert set(alliance.members.all()) == {org_a, org_b}  # the lead is a member too
    _invalid(AllianceForm, {"name": "联盟", "lead": org_a.credit_code, "founded_on": "2008-02-01"}, "name")
    _invalid(
        AllianceForm,
        {"name": "新联盟", "lead": org_a.credit_code, "founded_on": "2008-02-01", "members": "91410305XXXXXXXXXX"},
        "members",
    )


def test_enterprise_figures_rules(users, org_a):
    base = {
        "organisation": org_a.credit_code,
        "year": 2008,
        "month": 6,
        "total_revenue": "100",
        "industrial_output": "90",
        "high_tech_output": "100",
        "high_tech_added_value": "30",
        "rd_investment": "10",
        "super_deduction": "5",
    }
    assert EnterpriseReportForm(data=base).is_valid()
    _invalid(EnterpriseReportForm, {**base, "super_deduction": "11"}, "super_deduction")
    _invalid(EnterpriseReportForm, {**base, "high_tech_added_value": "101"}, "high_tech_added_value")
    _invalid(EnterpriseReportForm, {**base, "month": 13}, "month")
    _invalid(EnterpriseReportForm, {**base, "year": NEXT_YEAR}, "year")
    _invalid(EnterpriseReportForm, {**base, "total_revenue": "-1"}, "total_revenue")
    _invalid(EnterpriseReportForm, {**base, "industrial_output": "-1"}, "industrial_output")
    _invalid(EnterpriseReportForm, {**base, "industrial_output": "十亿"}, "industrial_output")


def test_incubator_report_rules(users, org_a, incubator_a, platform_a):
    base = {
        "platform": incubator_a.pk,
        "period_end": "2008-06-30",
        "area_m2": "12000",
        "tenants": 40,
        "admitted": 5,
        "graduated": 2,
    }
    form = IncubatorReportForm(data=base, user=users["org_admin"])
    assert form.is_valid(), form.errors
    services.save_incubator_report(users["org_admin"], form)
    _invalid(IncubatorReportForm, base, "__all__", users["org_admin"])  # same period twice
    _invalid(IncubatorReportForm, {**base, "platform": platform_a.pk}, "platform", users["org_admin"])  # not one
    _invalid(IncubatorReportForm, {**base, "period_end": f"{NEXT_YEAR}-01-01"}, "period_end")
    _invalid(IncubatorReportForm, {**base, "period_end": "2008-03-31", "tenants": -1}, "tenants")
    assert IncubatorReport.objects.count() == 1


# --- Excel ---------------------------------------------------------------------------


def upload(columns, rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append([str(c.header) for c in columns])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("sheet.xlsx", buffer.getvalue())


def test_high_tech_import_all_or_nothing(users, org_a, org_b):
    client = Client()
    client.force_login(users["officer"])
    columns = views.HIGH_TECH_ENTERPRISES.columns
    good = [org_a.credit_code, "新材料技术", "已认定", "GR1", "2008-03-01", None]
    bad = [org_b.credit_code, "新材料技术", "已认定", "GR2", "2099-03-01", None]
    response = client.post(reverse("registries:hightech_import"), {"file": upload(columns, [good, bad])})
    assert response.status_code == 400 and "第 3 行" in response.content.decode()
    assert not HighTechEnterprise.objects.exists()
    response = client.post(reverse("registries:hightech_import"), {"file": upload(columns, [good])})
    assert response.status_code == 302 and HighTechEnterprise.objects.count() == 1


def test_figures_export_in_yuan(users, records):
    client = Client()
    client.force_login(users["officer"])
    response = client.get(reverse("registries:figures_list"), {"export": "xlsx", "year": 2008})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][3] == 1000000  # exact yuan, as a number Excel can add up


def test_money_in_wan_on_the_page(users, records):
    client = Client()
    client.force_login(users["officer"])
    body = client.get(reverse("registries:figures_list")).content.decode()
    assert "技工贸总收入(万元)" in body and "100.00" in body


def test_negative_industrial_output_is_refused_and_nothing_written(users, org_a):
    client = Client()
    client.force_login(users["officer"])
    data = {"organisation": org_a.credit_code, "year": 2008, "month": 6, "industrial_output": "-5"}
    audits = AuditEntry.objects.count()
    response = client.post("/api/registries/enterprise-figures/", data)
    assert response.status_code == 400 and "industrial_output" in response.json()
    assert not EnterpriseReport.objects.exists() and AuditEntry.objects.count() == audits
