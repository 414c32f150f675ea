"""Patents: the edit form's rules, the service's audit, pages and API for every role, Excel in and out."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from core import services as core_services
from core.models import AuditEntry
from core.testing import assert_statuses
from ip import patent_numbers, services
from ip.forms import PatentForm
from ip.models import Patent
from ip.views import PATENT_COLUMNS
from registries.tests.roles import expect

from .conftest import make_patent

pytestmark = pytest.mark.django_db

VALID = "ZL 2008 1 0012345.3"  # check digit 3 (see test_patent_numbers)


def form_data(org, **overrides):
    data = {
        "number": VALID,
        "title": "一种盾构机刀盘",
        "kind": "",
        "status": "filed",
        "filing_date": "2008-03-01",
        "grant_date": "",
        "lapse_date": "",
        "applicant_organisation": org.credit_code,
        "applicant_name": "",
        "co_applicants": "",
        "region": "",
    }
    data.update(overrides)
    return data


def errors_of(data, user=None) -> dict:
    form = PatentForm(data=data, user=user)
    assert not form.is_valid()
    return form.errors.as_data()


def codes(errors, field) -> set[str]:
    return {e.code for e in errors[field]}


# --- the form ----------------------------------------------------------------------


def test_valid_form_normalises_number_and_derives_kind_region_and_name(users, org_a):
    form = PatentForm(data=form_data(org_a), user=users["officer"])
    assert form.is_valid(), form.errors
    patent = services.save_patent(users["officer"], form)
    assert patent.number == "200810012345.3"
    assert patent.kind == Patent.Kind.INVENTION
    assert patent.region == org_a.region
    assert patent.applicant_name == org_a.name
    entry = AuditEntry.objects.get(action="create", object_id=str(patent.pk))
    assert entry.after["number"] == "200810012345.3"


def test_wrong_check_digit(org_a):
    assert codes(errors_of(form_data(org_a, number="200810012345.4")), "number") == {"patent_check"}


@pytest.mark.parametrize("number", ["20081001234.5", "2008100123456.7", "881000.1"])
def test_wrong_length(org_a, number):
    assert codes(errors_of(form_data(org_a, number=number)), "number") == {"patent_length"}


def test_unknown_type_digit(org_a):
    body = "200840012345"
    number = f"{body}.{patent_numbers.check_digit(body)}"
    assert codes(errors_of(form_data(org_a, number=number)), "number") == {"patent_type"}


def test_future_filing_date(org_a):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    number = patent_numbers.make(tomorrow.year, "1", 1)
    errors = errors_of(form_data(org_a, number=number, filing_date=tomorrow.isoformat()))
    assert "future_filing" in codes(errors, "filing_date")


def test_grant_before_filing(org_a):
    errors = errors_of(form_data(org_a, status="granted", grant_date="2008-02-01"))
    assert codes(errors, "grant_date") == {"grant_before_filing"}


def test_duplicate_application_number_in_any_spelling(org_a):
    make_patent(org_a, filing=dt.date(2008, 1, 5))
    existing = Patent.objects.get()
    errors = errors_of(form_data(org_a, number="CN " + existing.number.replace(".", "")))
    assert codes(errors, "number") == {"duplicate"}


def test_filing_year_must_match_number(org_a):
    assert "year_mismatch" in codes(errors_of(form_data(org_a, filing_date="2007-12-31")), "filing_date")


def test_kind_must_match_type_digit(org_a):
    assert codes(errors_of(form_data(org_a, kind="design")), "kind") == {"kind_mismatch"}


def test_kind_accepts_chinese_label(org_a):
    form = PatentForm(data=form_data(org_a, kind="发明"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"status": "granted"}, "grant_date", "required"),
        ({"grant_date": "2008-06-01", "status": "filed"}, "status", "status_conflict"),
        ({"status": "lapsed", "grant_date": "2008-06-01"}, "lapse_date", "required"),
        (
            {"lapse_date": "2008-07-01", "grant_date": "2008-06-01", "status": "granted"},
            "status",
            "status_conflict",
        ),
        ({"lapse_date": "2008-02-01", "grant_date": "", "status": "lapsed"}, "lapse_date", "lapse_too_early"),
    ],
)
def test_status_and_dates_agree(org_a, overrides, field, code):
    assert code in codes(errors_of(form_data(org_a, **overrides)), field)


def test_individual_applicant_needs_name_and_region(org_a):
    errors = errors_of(form_data(org_a, applicant_organisation=""))
    assert "required" in codes(errors, "applicant_name")
    assert "required" in codes(errors, "region")
    form = PatentForm(data=form_data(org_a, applicant_organisation="", applicant_name="王发明", region="410323"))
    assert form.is_valid(), form.errors


def test_org_admin_cannot_file_for_another_organisation(users, org_b):
    errors = errors_of(form_data(org_b), user=users["org_admin"])
    assert codes(errors, "applicant_organisation") == {"invalid_choice"}


def test_service_refuses_county_even_with_a_valid_form(users, org_a):
    form = PatentForm(data=form_data(org_a))
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.save_patent(users["county"], form)
    assert not Patent.objects.exists()


def test_delete_refused_once_subsidy_claimed(users, org_a, policy):
    from ip.models import SubsidyApplication

    patent = make_patent(org_a)
    SubsidyApplication.objects.create(policy=policy, patent=patent, stage="application", amount=2000)
    with pytest.raises(Exception, match="资助"):
        services.delete_patent(users["officer"], patent)
    assert Patent.objects.filter(pk=patent.pk).exists()


# --- pages, for every role ------------------------------------------------------------

READ_ALL = expect(200, expert=403, public=403)
OUTSIDE = expect(200, county=404, org_admin=404, applicant=404, expert=403, public=403)


def test_list_page_roles(users):
    assert_statuses(users, reverse("ip:patent_list"), READ_ALL)


def test_list_scoped_to_own_organisation(users, patent_a, patent_b):
    client = Client()
    client.force_login(users["org_admin"])
    body = client.get(reverse("ip:patent_list")).content.decode()
    assert patent_a.number in body and patent_b.number not in body


def test_detail_inside_and_outside_scope(users, patent_a, patent_b):
    assert_statuses(users, reverse("ip:patent_detail", args=[patent_a.pk]), READ_ALL)
    assert_statuses(users, reverse("ip:patent_detail", args=[patent_b.pk]), OUTSIDE)


def test_add_and_edit_roles(users, patent_a, patent_b):
    editors = {"admin": 200, "officer": 200, "org_admin": 200}
    assert_statuses(users, reverse("ip:patent_add"), expect(403, **editors))
    assert_statuses(users, reverse("ip:patent_edit", args=[patent_a.pk]), expect(403, **editors))
    assert_statuses(
        users,
        reverse("ip:patent_edit", args=[patent_b.pk]),
        expect(403, admin=200, officer=200, county=404, org_admin=404, applicant=404),
    )


def test_org_admin_edits_own_patent_through_page(users, patent_a):
    client = Client()
    client.force_login(users["org_admin"])
    data = form_data(patent_a.applicant_organisation, number=patent_a.number, title="新名称")
    response = client.post(reverse("ip:patent_edit", args=[patent_a.pk]), data)
    assert response.status_code == 302
    patent_a.refresh_from_db()
    assert patent_a.title == "新名称"
    assert AuditEntry.objects.filter(action="update", object_id=str(patent_a.pk)).exists()


def test_edit_page_shows_error_and_writes_nothing(users, patent_a):
    client = Client()
    client.force_login(users["officer"])
    data = form_data(patent_a.applicant_organisation, number=patent_a.number, status="granted", grant_date="2007-01-01")
    response = client.post(reverse("ip:patent_edit", args=[patent_a.pk]), data)
    assert response.status_code == 400
    assert "授权日不能早于申请日" in response.content.decode()
    patent_a.refresh_from_db()
    assert patent_a.grant_date is None


def test_delete_roles(users, patent_a, patent_b):
    assert_statuses(users, reverse("ip:patent_delete", args=[patent_a.pk]), expect(403, admin=200, officer=200))
    assert_statuses(
        users,
        reverse("ip:patent_delete", args=[patent_b.pk]),
        expect(403, admin=200, officer=200, county=404, org_admin=404, applicant=404),
    )


def test_statistics_page_roles(users, patent_a):
    assert_statuses(users, reverse("ip:statistics") + "?year=2008", READ_ALL)


# --- Excel ---------------------------------------------------------------------------


def sheet(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append([str(c.header) for c in PATENT_COLUMNS])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("patents.xlsx", buffer.getvalue())


def row(org, number, **overrides):
    values = {
        "number": number,
        "title": "一种钼合金制备方法",
        "kind": "发明",
        "status": "已受理",
        "filing_date": "2008-04-01",
        "grant_date": None,
        "lapse_date": None,
        "applicant_organisation": org.credit_code if org else None,
        "applicant_name": None,
        "co_applicants": None,
        "region": None,
    }
    values.update(overrides)
    return [values[c.field] for c in PATENT_COLUMNS]


def test_import_roles(users):
    assert_statuses(users, reverse("ip:patent_import"), expect(403, admin=200, officer=200))


def test_import_all_rows(users, org_a):
    client = Client()
    client.force_login(users["officer"])
    upload = sheet(
        [
            row(org_a, "ZL200810012345.3"),
            row(
                None,
                patent_numbers.make(2008, "2", 77),
                kind="实用新型",
                applicant_name="王发明",
                region="410323",
            ),
        ]
    )
    response = client.post(reverse("ip:patent_import"), {"file": upload})
    assert response.status_code == 302
    assert Patent.objects.count() == 2
    assert Patent.objects.get(applicant_name="王发明").region.code == "410323"
    assert AuditEntry.objects.filter(action="import").exists()


def test_import_is_all_or_nothing_with_row_errors(users, org_a):
    client = Client()
    client.force_login(users["officer"])
    good = row(org_a, "ZL200810012345.3")
    bad_check = row(org_a, "200810012346.3")
    duplicate = row(org_a, "2008 1 0012345.3")
    grant_first = row(org_a, patent_numbers.make(2008, "1", 99), status="已授权", grant_date="2008-01-01")
    response = client.post(reverse("ip:patent_import"), {"file": sheet([good, bad_check, duplicate, grant_first])})
    assert response.status_code == 400
    body = response.content.decode()
    assert "第 3 行" in body and "校验位错误" in body
    assert "第 4 行" in body and "重复" in body
    assert "第 5 行" in body and "授权日不能早于申请日" in body
    assert not Patent.objects.exists()


def test_export_uses_the_filters_and_scope(users, patent_a, patent_b):
    client = Client()
    client.force_login(users["org_admin"])
    response = client.get(reverse("ip:patent_list") + "?export=xlsx&kind=invention")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "申请号"
    assert [r[0] for r in rows[1:]] == [patent_a.number]


def test_filter_by_number_in_any_spelling(users, patent_a, patent_b):
    client = Client()
    client.force_login(users["officer"])
    spelled = "ZL " + patent_a.number.replace(".", "")
    body = client.get(reverse("ip:patent_list"), {"number": spelled}).content.decode()
    assert patent_a.number in body and patent_b.number not in body


# --- API ------------------------------------------------------------------------------


def test_api_list_roles_and_scope(users, patent_a, patent_b):
    url = "/api/ip/patents/"
    assert_statuses(users, url, {**expect(200, expert=403, public=403), "anonymous": 401})
    client = Client()
    client.force_login(users["county"])
    numbers = [p["number"] for p in client.get(url).json()["results"]]
    assert numbers == [patent_a.number]
    assert_statuses(users, f"{url}{patent_b.pk}/", {"admin": 200, "county": 404, "org_admin": 404})


def test_api_create_uses_form_and_service(users, org_a, org_b):
    client = Client()
    client.force_login(users["org_admin"])
    created = client.post("/api/ip/patents/", form_data(org_a))
    assert created.status_code == 201, created.content
    assert created.json()["number"] == "200810012345.3"
    refused = client.post("/api/ip/patents/", form_data(org_b, number=patent_numbers.make(2008, "2", 5)))
    assert refused.status_code == 400
    bad = client.post("/api/ip/patents/", form_data(org_a, number="200810012399.1"))
    assert bad.status_code == 400 and "number" in bad.json()
    assert Patent.objects.count() == 1
    for role in ("county", "leader", "applicant"):
        other = Client()
        other.force_login(users[role])
        assert (
            other.post("/api/ip/patents/", form_data(org_a, number=patent_numbers.make(2008, "2", 6))).status_code
            == 403
        )
    assert Patent.objects.count() == 1


def test_api_filters_like_the_page(users, patent_a):
    make_patent(patent_a.applicant_organisation, kind_digit="3")
    client = Client()
    client.force_login(users["officer"])
    data = client.get("/api/ip/patents/", {"kind": "design"}).json()
    assert [p["kind"] for p in data["results"]] == ["design"]


# --- the record's rules hold on every path (issue 10: validate once, in Patent.clean) ---------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "design"}, "kind"),
        ({"filing_date": "2007-12-31"}, "filing_date"),
        ({"status": "granted", "grant_date": "2008-02-01"}, "grant_date"),
        ({"status": "granted"}, "grant_date"),
        ({"lapse_date": "2008-07-01", "grant_date": "2008-06-01", "status": "granted"}, "status"),
    ],
)
def test_api_shows_the_records_rule_beside_its_field(users, org_a, overrides, field):
    client = Client()
    client.force_login(users["officer"])
    response = client.post("/api/ip/patents/", form_data(org_a, **overrides))
    assert response.status_code == 400 and field in response.json(), response.content
    assert not Patent.objects.exists()


def test_write_without_the_form_is_refused_too(users, org_a):
    patent = make_patent(org_a, filing=dt.date(2008, 3, 1))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for changes, field, code in [
        ({"kind": Patent.Kind.DESIGN}, "kind", "kind_mismatch"),
        ({"filing_date": dt.date(2009, 3, 1)}, "filing_date", "year_mismatch"),
        ({"grant_date": tomorrow, "status": Patent.Status.GRANTED}, "grant_date", "future_grant"),
        ({"lapse_date": dt.date(2008, 4, 1)}, "status", "status_conflict"),
    ]:
        with pytest.raises(ValidationError) as refused:
            core_services.update(users["officer"], patent, changes)
        assert code in {e.code for e in refused.value.error_dict[field]}, changes
    patent.refresh_from_db()
    assert (patent.kind, patent.filing_date, patent.grant_date) == (Patent.Kind.INVENTION, dt.date(2008, 3, 1), None)
