import datetime as dt
from decimal import Decimal

import pytest

from registries import models as m
from registries.models import Platform


def make_platform(
    host, kind=Platform.Kind.KEY_LAB, status=Platform.Status.CULTIVATING, recognised_on=None, **fields
) -> Platform:
    return Platform.objects.create(
        name=fields.pop("name", f"{host.name}{kind}"),
        kind=kind,
        host=host,
        status=status,
        recognised_on=recognised_on,
        **fields,
    )


@pytest.fixture
def platform_a(org_a):
    return make_platform(org_a)


@pytest.fixture
def platform_b(org_b):
    return make_platform(org_b)


@pytest.fixture
def incubator_a(org_a):
    return make_platform(org_a, Platform.Kind.INCUBATOR, Platform.Status.RECOGNISED, dt.date(2005, 1, 1))


def make_records(org, incubator: Platform) -> dict:
    """One record of each register an organisation files or holds: keyed by registry slug."""
    return {
        "hightech": m.HighTechEnterprise.objects.create(
            organisation=org,
            field="new_materials",
            status="certified",
            certificate_no=f"GR2008{org.pk}",
            certified_on=dt.date(2008, 3, 1),
            valid_until=dt.date(2011, 2, 28),
        ),
        "product": m.HighTechProduct.objects.create(
            organisation=org, name=f"产品{org.pk}", field="new_materials", recognised_on=dt.date(2008, 4, 1)
        ),
        "alliance": m.Alliance.objects.create(name=f"联盟{org.pk}", lead=org, founded_on=dt.date(2008, 1, 1)),
        "figures": m.EnterpriseReport.objects.create(
            organisation=org, year=2008, month=6, total_revenue=Decimal("1000000")
        ),
        "incubator": m.IncubatorReport.objects.create(
            platform=incubator, period_end=dt.date(2008, 6, 30), area_m2=Decimal("1000"), tenants=10
        ),
    }
