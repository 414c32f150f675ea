"""Excel import of the reports organisations send in: all-or-nothing, each bad row named, and an
org_admin can only import for its own organisation's platforms."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEntry
from core.testing import sheet
from registries.models import IncubatorReport, Platform, PlatformAnnualReport

from .conftest import make_platform

pytestmark = pytest.mark.django_db

INCUBATOR_HEADER = ["孵化器ID", "统计截止日", "孵化面积(m²)", "在孵企业数", "本期新入孵", "本期毕业"]
REPORT_HEADER = ["平台ID", "年度", "年度工作总结", "研发投入(元)", "研发人员数"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_imports_incubator_reports(users, incubator_a):
    response = client_for(users["officer"]).post(reverse("registries:incubator_import"), {"file": sheet(
        INCUBATOR_HEADER, [[incubator_a.pk, "2008-06-30", 52000, 120, 20, 5],
                           [incubator_a.pk, "2008-12-31", 56000, 131, 18, 7]])})
    assert response.status_code == 302
    assert list(IncubatorReport.objects.order_by("period_end").values_list("tenants", flat=True)) == [120, 131]
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_one_bad_row_imports_nothing_and_is_named(users, incubator_a, platform_a):
    audit_before = AuditEntry.objects.count()
    response = client_for(users["officer"]).post(reverse("registries:incubator_import"), {"file": sheet(
        INCUBATOR_HEADER, [[incubator_a.pk, "2008-06-30", 52000, 120, 20, 5],
                           [platform_a.pk, "2008-12-31", 56000, 131, 18, 7],  # a key lab, not an incubator
                           [incubator_a.pk, "2008-09-30", -5, 125, 3, 1]])})
    assert response.status_code == 400
    errors = [str(e) for e in response.context["errors"]]
    assert any("第 3 行" in e and "孵化器ID" in e for e in errors)
    assert any("第 4 行" in e and "孵化面积" in e for e in errors)
    assert IncubatorReport.objects.count() == 0 and AuditEntry.objects.count() == audit_before


def test_org_admin_imports_only_for_its_own_platforms(users, org_b):
    own = make_platform(users["org_admin"].role_assignments.get().organisation, Platform.Kind.ENGINEERING_CENTRE,
                        Platform.Status.RECOGNISED)
    foreign = make_platform(org_b, Platform.Kind.ENGINEERING_CENTRE, Platform.Status.RECOGNISED)
    client = client_for(users["org_admin"])
    refused = client.post(reverse("registries:report_import"), {"file": sheet(
        REPORT_HEADER, [[own.pk, 2008, "年度总结", 1200000, 30], [foreign.pk, 2008, "别人的平台", 100, 1]])})
    assert refused.status_code == 400 and PlatformAnnualReport.objects.count() == 0
    assert any("第 3 行" in str(e) for e in refused.context["errors"])
    accepted = client.post(reverse("registries:report_import"), {"file": sheet(
        REPORT_HEADER, [[own.pk, 2008, "年度总结", 1200000, 30]])})
    assert accepted.status_code == 302
    assert PlatformAnnualReport.objects.get().platform == own


def test_roles_that_may_not_file_cannot_import(users, incubator_a):
    for role in ("county", "expert", "applicant", "public", "supervisor"):
        response = client_for(users[role]).post(reverse("registries:incubator_import"), {"file": sheet(
            INCUBATOR_HEADER, [[incubator_a.pk, "2008-06-30", 52000, 120, 20, 5]])})
        assert response.status_code == 403, role
    assert IncubatorReport.objects.count() == 0


def test_an_export_can_be_imported_back(users, incubator_a):
    IncubatorReport.objects.create(platform=incubator_a, period_end="2008-06-30", area_m2=52000, tenants=120,
                                   admitted=20, graduated=5)
    client = client_for(users["officer"])
    exported = client.get(reverse("registries:incubator_list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "孵化器ID" and rows[1][0] == incubator_a.pk
    IncubatorReport.objects.all().delete()
    header = [h for h in rows[0] if h in INCUBATOR_HEADER]
    keep = [rows[0].index(h) for h in header]
    response = client.post(reverse("registries:incubator_import"),
                           {"file": sheet(header, [[rows[1][i] for i in keep]])})
    assert response.status_code == 302 and IncubatorReport.objects.get().tenants == 120


ALLIANCE_HEADER = ["联盟名称", "牵头单位信用代码", "成员单位信用代码", "成立日期", "产业领域"]


def test_alliance_import_with_members_and_an_unknown_member(users, org_a, org_b):
    from registries.models import Alliance

    client = client_for(users["officer"])
    bad = client.post(reverse("registries:alliance_import"), {"file": sheet(ALLIANCE_HEADER, [
        ["洛阳轴承产业技术创新战略联盟", org_a.credit_code, f"{org_b.credit_code}", "2008-04-01", "轴承"],
        ["洛阳钼钨产业联盟", org_a.credit_code, "91410300MA00000000", "2008-05-01", "钼钨"]])})
    assert bad.status_code == 400 and Alliance.objects.count() == 0
    assert any("第 3 行" in str(e) and "成员单位信用代码" in str(e) for e in bad.context["errors"])
    good = client.post(reverse("registries:alliance_import"), {"file": sheet(ALLIANCE_HEADER, [
        ["洛阳轴承产业技术创新战略联盟", org_a.credit_code, f"{org_b.credit_code}", "2008-04-01", "轴承"]])})
    assert good.status_code == 302
    alliance = Alliance.objects.get()
    assert alliance.lead == org_a and set(alliance.members.all()) == {org_a, org_b}  # the lead is a member too
