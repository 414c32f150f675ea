import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from assessment import services
from assessment.defaults import build_default_scheme
from assessment.models import CountyReport
from core.testing import make_user
from directory.models import Region

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A county that passes every veto item: share 1.5 ≥ 1.0, growth 12 ≥ 8, body set up.
GOOD = {"st_share": "1.5", "st_growth": "12", "revenue_growth": "8", "st_body": "1", "rd_gdp": "1.2"}


def pdf(name: str = "evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def county_user(code: str):
    return make_user(Role.COUNTY, f"county-{code}", region=Region.objects.get(code=code))


def fill(report: CountyReport, values: dict | None = None, user=None):
    """Fill every figure of `report` (GOOD overridden by `values`) with a PDF as evidence."""
    values = {**GOOD, **(values or {})}
    user = user or county_user(report.region.code)
    entries = {f: (Decimal(values[f.code]), "", pdf()) for f in report.assessment.scheme.figures.all()}
    return services.save_values(user, report, entries)


def submit_and_accept(assessment, officer, overrides: dict | None = None) -> None:
    """Every county fills (with `overrides[code]`), submits, and the officer accepts."""
    for report in assessment.reports.select_related("region"):
        user = county_user(report.region.code) if report.region.code != "410305" else None
        user = user or _existing_county()
        fill(report, (overrides or {}).get(report.region.code), user)
        report = services.report_action(user, report, "submit")
        services.report_action(officer, report, "accept")


def _existing_county():
    from accounts.models import User

    return User.objects.get(username="t-county")


@pytest.fixture
def scheme(users):
    return build_default_scheme(None, 2008)


@pytest.fixture
def assessment(scheme, users):
    created = services.create_assessment(users["officer"], scheme, due_date=dt.date(2009, 1, 31))
    return services.assessment_action(users["officer"], created, "open")


@pytest.fixture
def report(assessment):
    return assessment.reports.get(region__code="410305")
