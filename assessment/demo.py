"""Demo: the 2007 and 2008 assessments of Luoyang's 15 county-level units, filled, accepted,
computed and published (2008 compares with 2007); in 2008 嵩县's fiscal S&T share is below the
standard, so it fails a veto item. Every step goes through the services, as the users would.
"""

import datetime as dt
import secrets
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import services as account_services
from accounts.models import User
from accounts.roles import Role

from . import services
from .defaults import build_default_scheme
from .models import Assessment

YEAR = 2008
VETO_FAILS = {"410325": {"st_share": Decimal("0.82")}}  # 嵩县, 2008
EVIDENCE = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def seed(scale: str, rng, stdout=None) -> str:
    officer = User.objects.get(username="officer")
    leader = User.objects.get(username="leader")
    scheme_2008 = build_default_scheme(officer, YEAR)
    scheme_2007 = services.copy_scheme(officer, scheme_2008, YEAR - 1)
    scheme_2007.name = f"{YEAR - 1}年度县（市、区）科技进步考核方案"
    scheme_2007.save(update_fields=["name"])
    for scheme, overrides in ((scheme_2007, {}), (scheme_2008, VETO_FAILS)):
        assessment = services.create_assessment(officer, scheme, due_date=dt.date(scheme.year + 1, 1, 20))
        assessment = services.assessment_action(officer, assessment, "open")
        _fill_all(assessment, officer, overrides, rng)
        day = dt.date(scheme.year + 1, 1, 25)
        assessment = services.assessment_action(officer, assessment, "compute", snapshot_date=day)
        assessment = services.assessment_action(leader, assessment, "confirm", comment="同意")
        services.assessment_action(leader, assessment, "publish")
    # Next year's scheme, copied and still a draft: the officer edits it on the scheme pages.
    draft = services.copy_scheme(officer, scheme_2008, YEAR + 1)
    draft.name = f"{YEAR + 1}年度县（市、区）科技进步考核方案（征求意见稿）"
    draft.save(update_fields=["name"])
    results = Assessment.objects.get(scheme=scheme_2008).results
    return (f"assessment {YEAR}: {results.count()} counties, {results.filter(vetoed=True).count()} vetoed, published;"
            f" {YEAR + 1} scheme in draft")


def _fill_all(assessment, officer, overrides: dict, rng) -> None:
    for report in assessment.reports.select_related("region"):
        county = _county_user(report.region)
        values = {**_figures(rng), **overrides.get(report.region.code, {})}
        entries = {
            figure: (values[figure.code], "演示数据", SimpleUploadedFile(f"{figure.code}.pdf", EVIDENCE))
            for figure in assessment.scheme.figures.all()
        }
        services.save_values(county, report, entries, contact=f"{report.region.name}科技局")
        report = services.report_action(county, report, "submit")
        services.report_action(officer, report, "accept", comment="材料齐全")


def _figures(rng) -> dict:
    revenue = Decimal(str(round(rng.uniform(6, 16), 1)))
    return {
        "st_share": Decimal(str(round(rng.uniform(1.05, 2.4), 2))),
        "revenue_growth": revenue,
        "st_growth": revenue + Decimal(str(round(rng.uniform(0.5, 9), 1))),
        "st_body": Decimal(1),
        "rd_gdp": Decimal(str(round(rng.uniform(0.4, 1.9), 2))),
    }


def _county_user(region) -> User:
    """The demo county user (涧西区) or a named account for each other county office."""
    existing = User.objects.filter(role_assignments__role=Role.COUNTY, role_assignments__region=region).first()
    if existing:
        return existing
    user = account_services.create_user(None, f"county{region.code}", secrets.token_urlsafe(24),
                                        display_name=f"{region.name}科技局")
    user.set_unusable_password()  # a county office to act for in the demo; the admin issues a password
    user.save(update_fields=["password"])
    account_services.assign_role(None, user, Role.COUNTY, region=region)
    return User.objects.get(pk=user.pk)
