"""Role tests for every page and endpoint: anonymous, no permission, permitted, out of scope."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from assessment import services
from assessment.models import CountyReport, ReportedValue
from core.models import AuditEntry
from core.testing import assert_statuses

from .conftest import GOOD, fill, pdf, submit_and_accept

pytestmark = pytest.mark.django_db
BUREAU = ["admin", "leader", "officer", "supervisor", "finance"]
OUTSIDERS = ["org_admin", "applicant", "expert", "public"]


def _all(status, roles):
    return dict.fromkeys(roles, status)


def test_list_and_schemes_need_login(assessment, users, scheme):
    expected = {"anonymous": 302, **_all(200, [*BUREAU, *OUTSIDERS, "county"])}
    assert_statuses(users, reverse("assessment:assessment_list"), expected)
    assert_statuses(users, reverse("assessment:scheme_list"), expected)
    assert_statuses(users, reverse("assessment:scheme_detail", args=[scheme.pk]), expected)


def test_create_page_for_officers_only(users, scheme):
    url = reverse("assessment:assessment_add")
    assert_statuses(users, url, {"anonymous": 302, "admin": 200, "officer": 200, "leader": 403, "county": 403,
                                 "public": 403})
    client = Client()
    client.force_login(users["officer"])
    response = client.post(url, {"scheme": scheme.pk, "title": "", "due_date": "2009-01-31"})
    assert response.status_code == 302
    assert scheme.assessment.reports.count() == 15


def test_detail_scope_before_publication(assessment, users):
    url = assessment.get_absolute_url()
    assert_statuses(users, url, {"anonymous": 302, **_all(200, [*BUREAU, "county"]), **_all(404, OUTSIDERS)})


def test_county_sees_only_its_own_report_on_the_detail_page(assessment, users):
    client = Client()
    client.force_login(users["county"])
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "涧西区" in html and "新安县" not in html


def test_report_pages(assessment, users):
    own = assessment.reports.get(region__code="410305")
    other = assessment.reports.get(region__code="410323")
    assert_statuses(users, reverse("assessment:report_list"),
                    {"anonymous": 302, **_all(200, [*BUREAU, "county"]), **_all(403, OUTSIDERS)})
    assert_statuses(users, own.get_absolute_url(),
                    {"anonymous": 302, **_all(200, [*BUREAU, "county"]), **_all(404, OUTSIDERS)})
    assert_statuses(users, other.get_absolute_url(), {"county": 404, "officer": 200})
    edit = reverse("assessment:report_edit", args=[own.pk])
    assert_statuses(users, edit, {"anonymous": 302, "county": 200, "officer": 403, "leader": 403, "org_admin": 404})
    assert_statuses(users, reverse("assessment:report_edit", args=[other.pk]), {"county": 404})


def _post_values(client, report, values, files=True):
    data = {"contact": "王科长"}
    for code, value in values.items():
        data[f"v_{code}"] = value
        data[f"n_{code}"] = ""
        if files:
            data[f"f_{code}"] = pdf(f"{code}.pdf")
    return client.post(reverse("assessment:report_edit", args=[report.pk]), data)


def test_county_fills_in_the_form_and_bad_input_writes_nothing(report, users):
    client = Client()
    client.force_login(users["county"])
    response = _post_values(client, report, {**GOOD, "st_share": "120"})
    assert response.status_code == 400 and "100%" in response.content.decode()
    response = _post_values(client, report, GOOD, files=False)
    assert response.status_code == 400 and "佐证" in response.content.decode()
    response = _post_values(client, report, {**GOOD, "st_share": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert not ReportedValue.objects.exists()
    response = _post_values(client, report, GOOD)
    assert response.status_code == 302
    assert ReportedValue.objects.filter(report=report).count() == 5


def test_edit_form_posted_back_unchanged_changes_nothing(report, users):
    fill(report, user=users["county"])
    client = Client()
    client.force_login(users["county"])
    page = client.get(reverse("assessment:report_edit", args=[report.pk]))
    form = page.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update({field.html_name: field.value() if field.value() is not None else ""
                 for field in form if not field.html_name.startswith("f_")})
    before = list(ReportedValue.objects.values_list("figure__code", "value", "note"))
    audits = AuditEntry.objects.count()
    assert client.post(reverse("assessment:report_edit", args=[report.pk]), data).status_code == 302
    assert list(ReportedValue.objects.values_list("figure__code", "value", "note")) == before
    assert AuditEntry.objects.count() == audits


def test_report_actions_through_the_page(report, users):
    fill(report, user=users["county"])
    submit = reverse("assessment:report_action", args=[report.pk, "submit"])
    assert_statuses(users, submit, {"anonymous": 302, "org_admin": 404, "officer": 403}, method="post")
    assert_statuses(users, submit, {"county": 302}, method="post")
    assert CountyReport.objects.get(pk=report.pk).status == "submitted"
    accept = reverse("assessment:report_action", args=[report.pk, "accept"])
    assert_statuses(users, accept, {"county": 403, "officer": 302}, method="post")
    assert CountyReport.objects.get(pk=report.pk).status == "accepted"


def test_return_without_reason_shows_an_error(report, users):
    fill(report, user=users["county"])
    services.report_action(users["county"], report, "submit")
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("assessment:report_action", args=[report.pk, "return"]), {"comment": ""},
                           follow=True)
    assert "意见" in response.content.decode() or "理由" in response.content.decode()
    assert CountyReport.objects.get(pk=report.pk).status == "submitted"


def test_evidence_download_scope(assessment, users):
    own = fill(assessment.reports.get(region__code="410305"), user=users["county"])
    other = fill(assessment.reports.get(region__code="410323"))
    own_file = services.evidence_of(own.values.first()).get()
    other_file = services.evidence_of(other.values.first()).get()
    assert_statuses(users, reverse("assessment:evidence", args=[own_file.pk]),
                    {"anonymous": 302, "county": 200, "officer": 200, "supervisor": 200, "org_admin": 404})
    assert_statuses(users, reverse("assessment:evidence", args=[other_file.pk]), {"county": 404, "leader": 200})


def _compute(assessment, users):
    submit_and_accept(assessment, users["officer"])
    return services.assessment_action(users["officer"], assessment, "compute", snapshot_date=dt.date(2009, 1, 5))


def test_assessment_actions_through_the_page(assessment, users):
    submit_and_accept(assessment, users["officer"])
    url = reverse("assessment:assessment_action", args=[assessment.pk, "compute"])
    assert_statuses(users, url, {"anonymous": 302, "org_admin": 404, "county": 403, "leader": 403},
                    method="post", data={"snapshot_date": "2009-01-05"})
    assert_statuses(users, url, {"officer": 302}, method="post", data={"snapshot_date": "bad-date"})
    assessment.refresh_from_db()
    assert assessment.status == "open"  # a malformed date computed nothing
    client = Client()
    client.force_login(users["officer"])
    page = client.get(assessment.get_absolute_url()).content.decode()
    compute_form = page[page.index(f'action="{url}"'):].split("</form>")[0]
    assert 'name="snapshot_date"' in compute_form and 'name="comment"' in compute_form  # the shared partial
    assert_statuses(users, url, {"officer": 302}, method="post", data={"snapshot_date": "2009-01-05"})
    assessment.refresh_from_db()
    assert assessment.status == "computed" and assessment.snapshot_date == dt.date(2009, 1, 5)


def test_exports_follow_result_visibility(assessment, users):
    xlsx = reverse("assessment:assessment_xlsx", args=[assessment.pk])
    docx = reverse("assessment:assessment_docx", args=[assessment.pk])
    assert_statuses(users, xlsx, {"officer": 404, "county": 404})  # nothing computed yet
    assessment = _compute(assessment, users)
    for url in (xlsx, docx):
        assert_statuses(users, url, {"anonymous": 302, **_all(200, [*BUREAU, "county"]), **_all(404, OUTSIDERS)})
    assessment = services.assessment_action(users["leader"], assessment, "confirm")
    services.assessment_action(users["leader"], assessment, "publish")
    assert_statuses(users, xlsx, _all(200, OUTSIDERS))


def test_workbook_has_a_summary_and_a_sheet_per_group(assessment, users):
    import io

    from openpyxl import load_workbook

    _compute(assessment, users)
    client = Client()
    client.force_login(users["officer"])
    response = client.get(reverse("assessment:assessment_xlsx", args=[assessment.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["汇总", "科技投入", "科技活动与产出", "创新环境与产业"]
    assert book["汇总"].max_row == 16
    county = Client()
    county.force_login(users["county"])
    own = load_workbook(io.BytesIO(county.get(reverse("assessment:assessment_xlsx", args=[assessment.pk])).content))
    assert own["汇总"].max_row == 2 and own["汇总"]["C2"].value == "涧西区"


def test_bulletin_names_the_grades(assessment, users):
    import io

    from docx import Document

    _compute(assessment, users)
    client = Client()
    client.force_login(users["leader"])
    response = client.get(reverse("assessment:assessment_docx", args=[assessment.pk]))
    document = Document(io.BytesIO(response.content))
    assert "通报" in "\n".join(p.text for p in document.paragraphs)
    assert "新安县" in [row.cells[1].text for row in document.tables[0].rows]


def test_results_on_the_detail_page_by_scope(assessment, users):
    _compute(assessment, users)
    officer, county = Client(), Client()
    officer.force_login(users["officer"])
    county.force_login(users["county"])
    assert officer.get(assessment.get_absolute_url()).content.decode().count('id="score-chart"') == 1
    html = county.get(assessment.get_absolute_url()).content.decode()
    assert "涧西区" in html and "新安县" not in html


def test_scheme_copy_page(scheme, users):
    url = reverse("assessment:scheme_copy", args=[scheme.pk])
    assert_statuses(users, url, {"anonymous": 302, "county": 403, "leader": 403}, method="post", data={"year": "2009"})
    assert_statuses(users, url, {"officer": 302}, method="post", data={"year": "abc"})
    assert scheme.__class__.objects.count() == 1
    assert_statuses(users, url, {"officer": 302}, method="post", data={"year": "2009"})
    assert scheme.__class__.objects.filter(year=2009).count() == 1


def test_evidence_whose_file_is_gone_is_404(assessment, users):
    own = fill(assessment.reports.get(region__code="410305"), user=users["county"])
    evidence = services.evidence_of(own.values.first()).get()
    evidence.file.storage.delete(evidence.file.name)
    assert_statuses(users, reverse("assessment:evidence", args=[evidence.pk]), {"county": 404, "officer": 404})
