import datetime as dt

import pytest

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
