"""A sheet of subsidy claims passes the same checks as one claim; the per-applicant cap is counted
across the rows of the sheet, and one refused row means no claim of the sheet is written."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from core.testing import sheet
from ip.models import SubsidyApplication

from .conftest import make_patent

pytestmark = pytest.mark.django_db
HEADER = ["资助年度", "专利申请号", "阶段"]


def post(user, rows):
    client = Client()
    client.force_login(user)
    return client.post(reverse("ip:subsidy_import"), {"file": sheet(HEADER, rows)})


def test_org_admin_imports_claims_within_the_cap(users, org_a, policy):
    first, second = make_patent(org_a), make_patent(org_a, grant=dt.date(2008, 5, 1))
    response = post(users["org_admin"], [[2008, f"ZL{first.number}", "申请资助"], [2008, second.number, "grant"]])
    assert response.status_code == 302, [str(e) for e in response.context["errors"]]
    assert SubsidyApplication.objects.filter(status="submitted").count() == 2


def test_cap_reached_inside_the_sheet_refuses_the_whole_sheet(users, org_a, policy):
    patents = [make_patent(org_a), make_patent(org_a, grant=dt.date(2008, 5, 1)), make_patent(org_a)]
    response = post(users["org_admin"], [[2008, patents[0].number, "application"],
                                         [2008, patents[1].number, "grant"],  # 2000 + 3000 = the cap
                                         [2008, patents[2].number, "application"]])  # over the cap
    assert response.status_code == 400
    errors = [str(e) for e in response.context["errors"]]
    assert len(errors) == 1 and "第 4 行" in errors[0]
    assert SubsidyApplication.objects.count() == 0


def test_malformed_number_is_named_with_its_row(users, org_a, policy):
    response = post(users["org_admin"], [[2008, make_patent(org_a).number, "application"],
                                         [2008, "200810012345.6", "application"]])
    assert response.status_code == 400
    assert any("第 3 行" in str(e) and "专利申请号" in str(e) for e in response.context["errors"])
    assert SubsidyApplication.objects.count() == 0
