"""The API: scoped reads (404 outside scope, nothing for anonymous) and the county's submission."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from assessment import services
from assessment.models import CountyReport, ReportedValue

from .conftest import GOOD, pdf, submit_and_accept

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_gets_nothing(assessment):
    for url in ("/api/assessments/", "/api/assessment-reports/", "/api/assessment-results/"):
        assert _client().get(url).status_code in (401, 403)


def test_reports_are_scoped(assessment, users):
    own = assessment.reports.get(region__code="410305")
    other = assessment.reports.get(region__code="410323")
    data = _client(users["county"]).get("/api/assessment-reports/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["region_code"] for row in rows] == ["410305"]
    assert _client(users["county"]).get(f"/api/assessment-reports/{other.pk}/").status_code == 404
    assert _client(users["county"]).get(f"/api/assessment-reports/{own.pk}/").status_code == 200
    assert _client(users["org_admin"]).get(f"/api/assessment-reports/{own.pk}/").status_code == 404
    assert _client(users["supervisor"]).get(f"/api/assessment-reports/{other.pk}/").status_code == 200
    assert _client(users["public"]).get(f"/api/assessments/{assessment.pk}/").status_code == 404


def _payload(values, files=True):
    data = {}
    for code, value in values.items():
        data[f"v_{code}"] = value
        if files:
            data[f"f_{code}"] = pdf(f"{code}.pdf")
    return data


def test_county_submits_through_the_api(report, users):
    client = _client(users["county"])
    url = f"/api/assessment-reports/{report.pk}/"
    bad = client.post(url + "values/", _payload({**GOOD, "st_share": "-1"}), format="multipart")
    assert bad.status_code == 400 and not ReportedValue.objects.exists()
    no_evidence = client.post(url + "values/", _payload(GOOD, files=False), format="multipart")
    assert no_evidence.status_code == 400 and not ReportedValue.objects.exists()
    saved = client.post(url + "values/", _payload(GOOD), format="multipart")
    assert saved.status_code == 200 and len(saved.json()["values"]) == 5
    assert client.post(url + "action/submit/").json()["status"] == "submitted"
    assert client.post(url + "action/accept/").status_code == 403
    assert _client(users["officer"]).post(url + "action/return/", {"comment": ""}).status_code == 400
    accepted = _client(users["officer"]).post(url + "action/accept/")
    assert accepted.status_code == 200 and CountyReport.objects.get(pk=report.pk).status == "accepted"
    assert client.post(url + "values/", _payload(GOOD), format="multipart").status_code == 403


def test_other_county_cannot_submit_values(assessment, users):
    other = assessment.reports.get(region__code="410323")
    response = _client(users["county"]).post(f"/api/assessment-reports/{other.pk}/values/", _payload(GOOD),
                                             format="multipart")
    assert response.status_code == 404


def test_results_scoped_until_publication(assessment, users):
    submit_and_accept(assessment, users["officer"])
    assessment = services.assessment_action(users["officer"], assessment, "compute", snapshot_date=dt.date(2009, 1, 5))

    def count(role):
        data = _client(users[role]).get("/api/assessment-results/").json()
        return len(data["results"] if isinstance(data, dict) else data)

    assert (count("leader"), count("county"), count("public")) == (15, 1, 0)
    assessment = services.assessment_action(users["leader"], assessment, "confirm")
    services.assessment_action(users["leader"], assessment, "publish")
    assert (count("county"), count("public")) == (15, 15)
    row = _client(users["public"]).get("/api/assessment-results/?region=410305").json()
    rows = row["results"] if isinstance(row, dict) else row
    assert rows[0]["region_code"] == "410305" and len(rows[0]["indicators"]) == 15


