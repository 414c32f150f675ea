"""Excel import of an owner's instrument list: the export round-trips, a bad row imports nothing
and is named, an org_admin imports only for its own organisation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from instruments.models import Instrument

from .conftest import make_instrument

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def workbook_bytes(rows: list[list]) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("仪器.xlsx", buffer.getvalue())


def exported(user) -> list[list]:
    response = client_for(user).get(reverse("instruments:instrument_list") + "?export=xlsx")
    return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]


def test_export_round_trips_through_import(users, org_a):
    make_instrument(org_a)
    rows = exported(users["org_admin"])
    Instrument.objects.all().delete()
    response = client_for(users["org_admin"]).post(reverse("instruments:instrument_import"),
                                                   {"file": workbook_bytes(rows)})
    assert response.status_code == 302, response.context and response.context.get("errors")
    instrument = Instrument.objects.get()
    assert (instrument.owner, instrument.name, instrument.fee_outside) == (org_a, "场发射扫描电子显微镜", 400)


def test_bad_rows_import_nothing(users, org_a, org_b):
    make_instrument(org_a)
    header, good = exported(users["officer"])
    negative = list(good)
    negative[header.index("原值(元)")] = -5
    foreign = list(good)
    foreign[header.index("所属单位(统一社会信用代码)")] = org_b.credit_code
    bad_category = list(good)
    bad_category[header.index("仪器类别")] = "<script>x</script>"
    before = Instrument.objects.count()
    response = client_for(users["org_admin"]).post(reverse("instruments:instrument_import"), {
        "file": workbook_bytes([header, good, negative, foreign, bad_category])})
    assert response.status_code == 400
    errors = [str(e) for e in response.context["errors"]]
    assert any("第 3 行" in e and "原值" in e for e in errors)
    assert any("第 4 行" in e for e in errors)  # org_b is not the org_admin's organisation
    assert any("第 5 行" in e and "仪器类别" in e for e in errors)
    assert Instrument.objects.count() == before


def test_wrong_file_type(users):
    response = client_for(users["officer"]).post(reverse("instruments:instrument_import"), {
        "file": SimpleUploadedFile("list.xlsx", b"not a spreadsheet")})
    assert response.status_code == 400 and not Instrument.objects.exists()
