"""An applicant (PI) account sees its own subsidy claims, not its organisation's; the organisation's
administrator sees the organisation's (issue 9, finding 12)."""

import pytest
from django.urls import reverse

from core.testing import assert_statuses
from ip.models import SubsidyApplication
from registries.tests.roles import expect

from .conftest import make_patent

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(users, org_a, policy):
    def make(patent, **fields):
        return SubsidyApplication.objects.create(
            policy=policy, patent=patent, stage="application", amount=2000, **fields
        )

    return {
        "organisation": make(make_patent(org_a)),
        "own_patent": make(make_patent(person=users["applicant"].person)),
        "filed_by_pi": make(make_patent(org_a), submitted_by=users["applicant"]),
    }


def test_applicant_sees_only_own_claims(claims, users):
    visible = set(SubsidyApplication.objects.visible_to(users["applicant"]))
    assert visible == {claims["own_patent"], claims["filed_by_pi"]}
    assert set(SubsidyApplication.objects.visible_to(users["org_admin"])) >= {
        claims["organisation"],
        claims["filed_by_pi"],
    }


def test_organisation_claim_page_is_404_for_the_applicant(claims, users):
    url = reverse("ip:subsidy_detail", args=[claims["organisation"].pk])
    assert_statuses(users, url, expect(200, applicant=404, expert=403, public=403))
