import datetime as dt
from decimal import Decimal

import pytest

from agencies.models import Agency, AgencyService, TechContract
from core.testing import make_organisation


def make_agency(org, **fields) -> Agency:
    values = {"name": "洛阳市科技情报研究所科技查新站", "kind": Agency.Kind.NOVELTY_SEARCH, "organisation": org,
              "valid_from": dt.date(2005, 1, 1), "valid_until": dt.date(2030, 12, 31)}
    return Agency.objects.create(**{**values, **fields})


def make_service(agency, client, **fields) -> AgencyService:
    values = {"kind": "novelty_search", "title": "轴承检测技术查新", "rendered_on": dt.date(2008, 5, 1),
              "fee": Decimal("800")}
    return AgencyService.objects.create(agency=agency, client=client, **{**values, **fields})


def make_contract(seller, buyer, number="20084103000001", **fields) -> TechContract:
    values = {"name": "盾构机液压系统技术开发合同", "kind": "development", "amount": Decimal("500000"),
              "technical_amount": Decimal("450000"), "signed_on": dt.date(2008, 3, 1),
              "registered_on": dt.date(2008, 3, 20), "region": seller.region}
    return TechContract.objects.create(number=number, seller=seller, buyer=buyer, **{**values, **fields})


@pytest.fixture
def agency_a(org_a):
    return make_agency(org_a)


@pytest.fixture
def agency_b(org_b):
    return make_agency(org_b, name="新安县生产力促进中心", kind=Agency.Kind.PRODUCTIVITY)


@pytest.fixture
def buyer_a(reference_data):
    return make_organisation("410305", name="洛阳测试丙重工有限公司")
