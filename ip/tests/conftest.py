import datetime as dt
from decimal import Decimal

import pytest

from directory.models import Region
from ip import patent_numbers
from ip.models import Patent, SubsidyPolicy, SubsidyRate

_serial = iter(range(1, 10_000_000))


def make_patent(
    organisation=None,
    *,
    kind_digit: str = "1",
    filing=dt.date(2008, 3, 1),
    grant=None,
    lapse=None,
    person=None,
    region_code: str | None = None,
    **fields,
) -> Patent:
    """A patent straight in the database (fixtures are not user actions, so no audit)."""
    number = patent_numbers.make(filing.year, kind_digit, next(_serial))
    status = Patent.Status.LAPSED if lapse else Patent.Status.GRANTED if grant else Patent.Status.FILED
    if organisation is not None:
        region = organisation.region
    elif person is not None:
        region = person.organisation.region
    else:
        region = Region.objects.get(code=region_code or "410305")
    applicant = organisation or person
    return Patent.objects.create(
        number=number,
        title=fields.pop("title", "一种轴承检测装置"),
        kind=patent_numbers.KIND_BY_DIGIT[kind_digit],
        status=fields.pop("status", status),
        filing_date=filing,
        grant_date=grant,
        lapse_date=lapse,
        applicant_organisation=organisation,
        applicant_person=person,
        applicant_name=applicant.name if applicant else fields.pop("applicant_name", "王发明"),
        region=region,
        **fields,
    )


@pytest.fixture
def patent_a(org_a):
    return make_patent(org_a)


@pytest.fixture
def patent_b(org_b):
    return make_patent(org_b)


@pytest.fixture
def policy(db):
    policy = SubsidyPolicy.objects.create(
        year=2008, title="2008年专利资助", total_budget=Decimal("10000"), cap_per_applicant=Decimal("5000")
    )
    SubsidyRate.objects.create(policy=policy, kind="invention", stage="application", amount=Decimal("2000"))
    SubsidyRate.objects.create(policy=policy, kind="invention", stage="grant", amount=Decimal("3000"))
    SubsidyRate.objects.create(policy=policy, kind="utility_model", stage="grant", amount=Decimal("500"))
    return policy
