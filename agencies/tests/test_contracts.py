"""Technology contracts: scope, bad input, the all-or-nothing Excel import, the indicator sources,
and the move of the old agency platforms into this app."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from agencies import services, views
from agencies.forms import ContractForm
from agencies.indicator_sources import registered_amount
from agencies.models import Agency, AgencyEvaluation, TechContract
from core.testing import assert_statuses, make_organisation
from plans import sources
from registries.models import Platform, PlatformAnnualReport
from registries.tests.roles import expect

from .conftest import make_contract

pytestmark = pytest.mark.django_db
READ = expect(200, applicant=403, expert=403, public=403)


def contract_data(seller_org, buyer_org, **overrides):
    data = {"number": "20084103000099", "name": "高精度轴承技术转让合同", "kind": "技术转让",
            "buyer": buyer_org.credit_code, "seller": seller_org.credit_code, "amount": "300000",
            "technical_amount": "280000", "signed_on": "2008-04-01", "registered_on": "2008-04-15",
            "region": "410305", "agency": ""}
    return {**data, **overrides}


def _valid(form):
    assert form.is_valid(), form.errors
    return form


def test_contract_scope(users, org_a, org_b, buyer_a):
    own = make_contract(org_a, buyer_a)
    bought = make_contract(org_b, org_a, number="20084103000002", region=org_b.region)
    other = make_contract(org_b, make_organisation("410323"), number="20084103000003", region=org_b.region)
    assert_statuses(users, reverse("agencies:contract_list"), READ)
    assert_statuses(users, reverse("agencies:contract_detail", args=[own.pk]), READ)
    # The buyer's org_admin sees the contract it bought; the county only its region's.
    assert_statuses(users, reverse("agencies:contract_detail", args=[bought.pk]), {"org_admin": 200, "county": 404})
    assert_statuses(users, reverse("agencies:contract_detail", args=[other.pk]), {"org_admin": 404, "county": 404})
    assert_statuses(users, reverse("agencies:contract_edit", args=[own.pk]), {"org_admin": 200, "county": 403})
    assert_statuses(users, reverse("agencies:contract_edit", args=[bought.pk]), {"org_admin": 403})


def test_contract_rules(users, org_a, org_b, buyer_a):
    contract = services.save_contract(users["org_admin"], _valid(ContractForm(
        data=contract_data(org_a, buyer_a), user=users["org_admin"])))
    assert contract.kind == "transfer" and contract.amount == Decimal("300000")
    for overrides, field in [
        ({"amount": "-100"}, "amount"),
        ({"technical_amount": "400000"}, "__all__"),
        ({"registered_on": "2008-03-01"}, "__all__"),
        ({"registered_on": "2999-01-01"}, "registered_on"),
        ({"buyer": "91410300MA3X0000X0"}, "buyer"),  # malformed USCC
        ({"buyer": org_a.credit_code}, "buyer"),  # buying from itself
        ({"number": "20084103000099"}, "number"),  # already registered
        ({"kind": "技术入股"}, "kind"),
    ]:
        bad = ContractForm(data=contract_data(org_a, buyer_a, **overrides), user=users["officer"])
        assert not bad.is_valid() and field in bad.errors, (overrides, bad.errors)
    # An org_admin registers only contracts its organisation sold.
    foreign = ContractForm(data=contract_data(org_b, buyer_a, number="X-1"), user=users["org_admin"])
    assert not foreign.is_valid() and "seller" in foreign.errors
    assert TechContract.objects.count() == 1


def _sheet(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append([str(c.header) for c in views.CONTRACT_IMPORT])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("contracts.xlsx", buffer.getvalue())


def test_import_is_all_or_nothing_and_export_reads_back(users, org_a, buyer_a):
    good = ["20084103000101", "钼深加工技术开发合同", "技术开发", buyer_a.credit_code, org_a.credit_code,
            200000, 150000, "2008-02-01", "2008-02-10", "410305"]
    broken = ["20084103000102", "<script>x</script>", "技术服务", "BAD-USCC", org_a.credit_code,
              -5, 0, "2008-02-01", "2008-01-10", "410305"]
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("agencies:contract_import"), {"file": _sheet([good, broken])})
    assert response.status_code == 400 and "第 3 行" in response.content.decode()
    assert not TechContract.objects.exists()
    response = client.post(reverse("agencies:contract_import"), {"file": _sheet([good])})
    assert response.status_code in (200, 302) and TechContract.objects.get().name == "钼深加工技术开发合同"
    export = client.get(reverse("agencies:contract_list"), {"export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_indicator_sources(org_a, buyer_a):
    make_contract(org_a, buyer_a, amount=Decimal("500000"), technical_amount=Decimal("1"))
    make_contract(org_a, buyer_a, number="2", amount=Decimal("250000"), technical_amount=Decimal("1"),
                  signed_on=dt.date(2008, 11, 1), registered_on=dt.date(2008, 11, 20))
    make_contract(org_a, buyer_a, number="3", signed_on=dt.date(2007, 5, 1), registered_on=dt.date(2007, 5, 2))
    assert registered_amount(2008, dt.date(2008, 12, 31)) == Decimal("75.00")
    assert registered_amount(2008, dt.date(2008, 6, 30)) == Decimal("50.00")
    assert sources.find("agencies.contract_count").value(2008, dt.date(2008, 12, 31)) == 2
    # read with the other aggregates in the dashboard's batch, they give what each gives alone
    keys, days = ("agencies.contract_amount", "agencies.contract_count"), (dt.date(2008, 6, 30), dt.date(2008, 12, 31))
    wanted = [(key, 2008, day) for key in keys for day in days]
    assert sources.values(wanted) == {(k, y, d): sources.get(k).value(y, d) for k, y, d in wanted}


def test_agency_platforms_move_here(org_a):
    from importlib import import_module

    move = import_module("agencies.migrations.0001_initial").move
    rows = [Platform.objects.create(name="洛阳市科技服务中心", kind="agency", agency_type="ip_agency", host=org_a)
            for _i in range(3)]
    PlatformAnnualReport.objects.create(platform=rows[0], year=2007, summary="合格", status="passed")
    kept = Platform.objects.create(name="轴承重点实验室", kind="key_lab", host=org_a)
    move(apps, None)
    agency = Agency.objects.get()
    assert (agency.name, agency.kind, agency.organisation) == ("洛阳市科技服务中心", "ip_agency", org_a)
    assert AgencyEvaluation.objects.get().grade == "pass"
    assert list(Platform.objects.all()) == [kept]
