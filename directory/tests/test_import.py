"""Excel import of organisations and people through the pages: all-or-nothing, every bad row named
with its row number and column, files judged by content and size."""

import datetime as dt
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry
from core.testing import sheet
from directory import demo_data
from directory.models import Organisation, Person

pytestmark = pytest.mark.django_db

ORG_HEADER = ["单位名称", "统一社会信用代码", "单位类型", "区划代码", "所属行业", "地址", "联系电话"]
PERSON_HEADER = ["姓名", "单位信用代码", "职称", "学位", "学科领域", "联系电话", "电子邮箱", "身份证号"]
ORG_IMPORT = reverse("directory:organisation_import")
PERSON_IMPORT = reverse("directory:person_import")

_rng = random.Random("import-tests")


def code(region: str = "410305") -> str:
    return demo_data.uscc_for(_rng, region, "enterprise")


def id_number(born: dt.date = dt.date(1978, 8, 8)) -> str:
    return demo_data.resident_id_for(_rng, "410305", born, "M")


def org_row(name: str, credit_code: str | None = None, kind: str = "企业", region: str = "410305") -> list:
    return [name, credit_code or code(region), kind, region, "装备制造", "建设路1号", "0379-64000000"]


def post(client: Client, url: str, upload: SimpleUploadedFile):
    return client.post(url, {"file": upload})


def snapshot_counts() -> tuple[int, int, int]:
    return Organisation.objects.count(), Person.objects.count(), AuditEntry.objects.count()


def errors_of(response) -> list[str]:
    return [str(e) for e in response.context["errors"]]


@pytest.fixture
def officer_client(users) -> Client:
    client = Client()
    client.force_login(users["officer"])
    return client


def test_good_sheet_imports_every_row_with_one_audit_entry_each(officer_client, users):
    rows = [org_row("洛阳导入一有限公司"), org_row("洛阳导入二研究所", kind="institute", region="410323"),
            org_row("洛阳导入三大学", kind="university", region="410311")]
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, sheet(ORG_HEADER, rows))
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation_list")
    assert Organisation.objects.count() == before[0] + 3
    institute = Organisation.objects.get(name="洛阳导入二研究所")
    assert (institute.kind, institute.region.code) == ("institute", "410323")
    new_entries = AuditEntry.objects.order_by("id")[before[2]:]
    assert [e.action for e in new_entries] == ["create", "create", "create", "import"]
    assert all(e.user_id == users["officer"].pk for e in new_entries)
    assert new_entries[3].after == {"rows": 3}


def test_one_bad_row_among_good_ones_imports_nothing_and_names_the_row(officer_client):
    good = org_row("洛阳好行一有限公司")
    bad_code = code()
    bad_code = bad_code[:17] + ("1" if bad_code[17] != "1" else "2")
    rows = [good, org_row("洛阳好行二有限公司"), org_row("洛阳坏行有限公司", bad_code), org_row("洛阳好行三有限公司")]
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, sheet(ORG_HEADER, rows))
    assert response.status_code == 400
    assert snapshot_counts() == before
    [error] = errors_of(response)
    assert error.startswith("第 4 行，“统一社会信用代码”：统一社会信用代码校验码（第18位）不正确。")
    page = response.content.decode()
    assert 'id="import-errors"' in page and "第 4 行" in page


def test_every_bad_row_is_listed(officer_client):
    rows = [org_row("", code()), org_row("洛阳某公司", "123"), org_row("洛阳某二公司", kind="外星机构"),
            org_row("洛阳某三公司", code(), region="999999")]
    response = post(officer_client, ORG_IMPORT, sheet(ORG_HEADER, rows))
    assert response.status_code == 400
    located = [(e.row, e.column) for e in response.context["errors"]]
    assert located == [(2, "单位名称"), (3, "统一社会信用代码"), (4, "单位类型"), (5, "区划代码")]


def test_same_credit_code_twice_in_one_sheet_is_refused(officer_client):
    repeated = code()
    rows = [org_row("洛阳重复甲公司", repeated), org_row("洛阳不重复公司"), org_row("洛阳重复乙公司", repeated.lower())]
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, sheet(ORG_HEADER, rows))
    assert response.status_code == 400
    assert snapshot_counts() == before
    assert [(e.row, e.column) for e in response.context["errors"]] == [(4, "统一社会信用代码")]
    assert "与第 2 行重复" in errors_of(response)[0]


def test_credit_code_already_registered_is_refused(officer_client, org_b):
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, sheet(ORG_HEADER, [org_row("洛阳新公司"),
                                                                  org_row("冒用公司", org_b.credit_code)]))
    assert response.status_code == 400
    assert snapshot_counts() == before
    assert "已被“新安测试乙材料有限公司”使用" in errors_of(response)[0]
    assert response.context["errors"][0].row == 3


def test_missing_column_is_named(officer_client):
    header = [h for h in ORG_HEADER if h != "区划代码"]
    response = post(officer_client, ORG_IMPORT, sheet(header, [["洛阳缺列公司", code(), "企业", "", "", ""]]))
    assert response.status_code == 400
    assert [(e.row, e.column) for e in response.context["errors"]] == [(1, "区划代码")]


@pytest.mark.parametrize("content", [b"%PDF-1.4\n%%EOF\n", "单位名称,统一社会信用代码\n".encode()])
def test_non_excel_file_renamed_xlsx_is_refused(officer_client, content):
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, SimpleUploadedFile("单位.xlsx", content))
    assert response.status_code == 400
    assert snapshot_counts() == before
    assert "文件类型不符" in errors_of(response)[0]


def test_50_mb_upload_is_refused_with_a_size_message(officer_client):
    before = snapshot_counts()
    response = post(officer_client, ORG_IMPORT, SimpleUploadedFile("大文件.xlsx", b"\0" * (50 * 1024 * 1024)))
    assert response.status_code == 400
    assert snapshot_counts() == before
    assert "文件过大" in errors_of(response)[0] and "50.0" in errors_of(response)[0]


def test_post_without_file_says_so(officer_client):
    response = officer_client.post(ORG_IMPORT, {}, follow=True)
    assert "请选择要导入的 Excel 文件" in response.content.decode()


@pytest.mark.parametrize("role", ["leader", "county", "org_admin", "supervisor", "applicant"])
def test_roles_without_import_permission_get_403_and_nothing_written(users, role):
    client = Client()
    client.force_login(users[role])
    before = snapshot_counts()
    assert post(client, ORG_IMPORT, sheet(ORG_HEADER, [org_row("洛阳越权公司")])).status_code == 403
    assert post(client, PERSON_IMPORT, sheet(PERSON_HEADER, [])).status_code == 403
    assert snapshot_counts() == before


def test_anonymous_import_goes_to_login(db):
    response = post(Client(), ORG_IMPORT, sheet(ORG_HEADER, [org_row("洛阳匿名公司")]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Organisation.objects.filter(name="洛阳匿名公司").exists()


# --- people ----------------------------------------------------------------------------------------------


def person_row(name: str, organisation: Organisation, number: str = "", degree: str = "博士") -> list:
    return [name, organisation.credit_code, "研究员", degree, "材料科学", "13800000000", "a@example.com", number]


def test_people_import_encrypts_id_numbers(officer_client, org_a):
    number = id_number()
    response = post(officer_client, PERSON_IMPORT, sheet(PERSON_HEADER, [person_row("钱导入", org_a, number),
                                                                        person_row("孙导入", org_a, "", "硕士")]))
    assert response.status_code == 302
    person = Person.objects.get(name="钱导入")
    assert (person.id_number, person.degree, person.birth_date) == (number, "doctorate", dt.date(1978, 8, 8))
    assert number not in person.id_number_encrypted
    assert Person.objects.get(name="孙导入").degree == "master"


@pytest.mark.parametrize("bad, fragment", [
    ("410305199902300013", "不是有效日期"),
    ("41030519780808001", "18位"),
])
def test_people_import_with_bad_id_number_imports_nothing(officer_client, org_a, bad, fragment):
    rows = [person_row("周好人", org_a, id_number()), person_row("吴坏号", org_a, bad)]
    before = snapshot_counts()
    response = post(officer_client, PERSON_IMPORT, sheet(PERSON_HEADER, rows))
    assert response.status_code == 400
    assert snapshot_counts() == before
    error = response.context["errors"][0]
    assert (error.row, error.column) == (3, "身份证号") and fragment in error.message


def test_people_import_wrong_check_character_is_named(officer_client, org_a):
    good = id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = post(officer_client, PERSON_IMPORT, sheet(PERSON_HEADER, [person_row("郑校验", org_a, bad)]))
    assert response.status_code == 400
    assert "校验码" in response.context["errors"][0].message


def test_people_import_same_id_twice_and_unknown_organisation(officer_client, org_a):
    number = id_number()
    rows = [person_row("王一", org_a, number), person_row("王二", org_a, number),
            ["王三", code(), "", "", "", "", "", ""]]
    before = snapshot_counts()
    response = post(officer_client, PERSON_IMPORT, sheet(PERSON_HEADER, rows))
    assert response.status_code == 400
    assert snapshot_counts() == before
    located = [(e.row, e.column) for e in response.context["errors"]]
    assert (3, "身份证号") in located and (4, "单位信用代码") in located
