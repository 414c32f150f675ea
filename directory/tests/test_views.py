"""Every directory page for every role: who reaches it, who is refused (403) and for whom the
object does not exist (404), plus what the pages show (escaping, masked ID numbers, history)."""

import datetime as dt
import random

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry
from core.testing import assert_statuses, make_organisation, make_person
from core.validators import mask_resident_id
from core.xlsx import XLSX_MIME
from directory import demo_data
from directory.models import Division, Organisation, Person, Region

pytestmark = pytest.mark.django_db

ALL_ROLES = ("admin", "leader", "officer", "county", "org_admin", "applicant", "expert", "supervisor",
             "finance", "public")
DIRECTORY_READERS = ("admin", "leader", "officer", "county", "org_admin", "supervisor", "finance")


def expect(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    """A status for every role: `default` unless overridden; anonymous users go to the login page."""
    return {"anonymous": anonymous, **{role: overrides.get(role, default) for role in ALL_ROLES}}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def valid_id_number(seed: str = "views", born: dt.date = dt.date(1980, 5, 17), sex: str = "M") -> str:
    return demo_data.resident_id_for(random.Random(seed), "410305", born, sex)


@pytest.fixture
def person_a(org_a) -> Person:
    """A person of org_a (涧西区) with an ID number, i.e. inside the county's and org_admin's scope."""
    person = Person(name="王研究", organisation=org_a)
    person.set_id_number(valid_id_number())
    person.save()
    return person


@pytest.fixture
def person_b(org_b) -> Person:
    return make_person(org_b, "赵新安")


# --- who reaches which page -----------------------------------------------------------------


def test_anonymous_is_sent_to_login_with_next(org_a):
    url = reverse("directory:organisation_list")
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("name", ["organisation_list", "person_list"])
def test_directory_lists_only_for_directory_readers(users, name):
    readers = dict.fromkeys(DIRECTORY_READERS, 200)
    assert_statuses(users, reverse(f"directory:{name}"), expect(403, **readers))


@pytest.mark.parametrize("name", ["organisation_list", "person_list"])
def test_excel_export_follows_the_list_permission(users, name):
    readers = dict.fromkeys(DIRECTORY_READERS, 200)
    assert_statuses(users, reverse(f"directory:{name}") + "?export=xlsx", expect(403, **readers))


@pytest.mark.parametrize("name", ["region_list", "division_list"])
def test_reference_lists_are_open_to_every_signed_in_user(users, name):
    assert_statuses(users, reverse(f"directory:{name}"), expect(200))
    assert_statuses(users, reverse(f"directory:{name}") + "?export=xlsx", {"anonymous": 302, "public": 200})


def test_region_and_division_details_are_open_to_every_signed_in_user(users):
    region = Region.objects.get(code="410305")
    division = Division.objects.get(code="planning")
    for url in (region.get_absolute_url(), division.get_absolute_url(),
                region.get_absolute_url() + "?tab=history"):
        assert_statuses(users, url, expect(200))


# Organisation org_a is in 涧西区: the county user's region and the org_admin's and applicant's unit.
ORG_A_DETAIL = expect(200, expert=404, public=404)
# org_b is in 新安县: only bureau-wide roles see it; for everyone else it does not exist.
ORG_B_DETAIL = expect(404, admin=200, leader=200, officer=200, supervisor=200, finance=200)


@pytest.mark.parametrize("suffix", ["", "?tab=history"])
def test_organisation_detail_and_history_by_scope(users, org_a, org_b, suffix):
    assert_statuses(users, org_a.get_absolute_url() + suffix, ORG_A_DETAIL)
    assert_statuses(users, org_b.get_absolute_url() + suffix, ORG_B_DETAIL)


def test_county_user_opening_another_regions_organisation_gets_404(users, org_b):
    response = client_for(users["county"]).get(org_b.get_absolute_url())
    assert response.status_code == 404
    assert org_b.name not in response.content.decode()


def test_organisation_add_page(users):
    assert_statuses(users, reverse("directory:organisation_add"), expect(403, admin=200, officer=200, county=200))


def test_organisation_edit_page_by_scope(users, org_a, org_b):
    edit_a = reverse("directory:organisation_edit", args=[org_a.pk])
    edit_b = reverse("directory:organisation_edit", args=[org_b.pk])
    assert_statuses(users, edit_a, expect(403, admin=200, officer=200, county=200, org_admin=200,
                                          expert=404, public=404))
    assert_statuses(users, edit_b, expect(404, admin=200, officer=200, leader=403, supervisor=403, finance=403))


def test_organisation_delete_page_only_admin(users, org_a, org_b):
    assert_statuses(users, reverse("directory:organisation_delete", args=[org_a.pk]),
                    expect(403, admin=200, expert=404, public=404))
    assert_statuses(users, reverse("directory:organisation_delete", args=[org_b.pk]),
                    expect(404, admin=200, leader=403, officer=403, supervisor=403, finance=403))


@pytest.mark.parametrize("name", ["organisation_import", "person_import"])
def test_import_pages_only_admin_and_officer(users, name):
    assert_statuses(users, reverse(f"directory:{name}"), expect(403, admin=200, officer=200))


def test_import_template_download_has_the_headers(users):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(users["officer"]).get(reverse("directory:organisation_import") + "?template=1")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    header = next(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert header == ("单位名称", "统一社会信用代码", "单位类型", "区划代码", "所属行业", "地址", "联系电话")


def test_person_detail_and_history_by_scope(users, person_a, person_b):
    # The applicant sees only their own person record; the org_admin every person of org_a.
    person_a_detail = expect(200, applicant=404, expert=404, public=404)
    assert_statuses(users, person_a.get_absolute_url(), person_a_detail)
    assert_statuses(users, person_a.get_absolute_url() + "?tab=history", person_a_detail)
    assert_statuses(users, person_b.get_absolute_url(), ORG_B_DETAIL)
    assert_statuses(users, users["applicant"].person.get_absolute_url(), expect(200, expert=404, public=404))


def test_person_add_edit_delete_pages(users, person_a, person_b):
    assert_statuses(users, reverse("directory:person_add"),
                    expect(403, admin=200, officer=200, county=200, org_admin=200))
    assert_statuses(users, reverse("directory:person_edit", args=[person_a.pk]),
                    expect(403, admin=200, officer=200, county=200, org_admin=200, applicant=404,
                           expert=404, public=404))
    assert_statuses(users, reverse("directory:person_edit", args=[person_b.pk]),
                    expect(404, admin=200, officer=200, leader=403, supervisor=403, finance=403))
    assert_statuses(users, reverse("directory:person_delete", args=[person_a.pk]),
                    expect(403, admin=200, applicant=404, expert=404, public=404))


def test_missing_object_is_404_even_for_admin(users):
    assert_statuses(users, reverse("directory:organisation_detail", args=[999_999]), {"admin": 404})


# --- what the lists contain ------------------------------------------------------------------


def test_county_list_shows_own_region_only(users, org_a, org_b):
    page = client_for(users["county"]).get(reverse("directory:organisation_list")).content.decode()
    assert org_a.name in page
    assert org_b.name not in page


def test_org_admin_list_shows_own_organisation_only(users, org_a, org_b):
    page = client_for(users["org_admin"]).get(reverse("directory:organisation_list")).content.decode()
    assert org_a.name in page
    assert org_b.name not in page


def test_list_filters_by_region_and_kind(users, org_a, org_b):
    university = make_organisation("410323", kind="university", name="新安测试大学")
    client = client_for(users["officer"])
    page = client.get(reverse("directory:organisation_list"), {"region": "410323"}).content.decode()
    assert org_b.name in page and university.name in page and org_a.name not in page
    page = client.get(reverse("directory:organisation_list"), {"kind": "university"}).content.decode()
    assert university.name in page and org_b.name not in page


def test_empty_list_shows_empty_state(users):
    page = client_for(users["officer"]).get(reverse("directory:organisation_list"), {"q": "不存在的单位名"})
    assert "没有符合条件的记录" in page.content.decode()


def test_list_paginates(users):
    for i in range(30):
        make_organisation("410305", name=f"分页测试单位{i:02d}")
    client = client_for(users["admin"])
    first = client.get(reverse("directory:organisation_list")).content.decode()
    second = client.get(reverse("directory:organisation_list"), {"page": 2}).content.decode()
    assert "分页测试单位00" in first and "分页测试单位29" not in first
    assert "分页测试单位29" in second


# --- export ------------------------------------------------------------------------------------


def test_export_is_an_xlsx_of_the_filtered_rows_and_is_audited(users, org_a, org_b):
    from io import BytesIO

    from openpyxl import load_workbook

    before = AuditEntry.objects.count()
    response = client_for(users["county"]).get(reverse("directory:organisation_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("单位名称", "统一社会信用代码")
    # The county sees its own region only, in the export as on the page.
    assert [r[1] for r in rows[1:]] == [org_a.credit_code]
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.user_id, entry.after) == ("export", users["county"].pk, {"rows": 1})
    assert "export=xlsx" in entry.note


def test_person_export_shows_only_masked_id_numbers(users, person_a):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(users["admin"]).get(reverse("directory:person_list"), {"export": "xlsx"})
    cells = [c for row in load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)
             for c in row]
    assert person_a.id_number_masked in cells
    assert person_a.id_number not in cells


# --- add / edit / delete through the pages -----------------------------------------------------


def organisation_post(**fields) -> dict:
    data = {"name": "洛阳新建测试有限公司", "credit_code": demo_data.uscc_for(random.Random("post"), "410305",
                                                                         "enterprise"),
            "kind": "enterprise", "region": "410305", "industry": "装备制造"}
    return {**data, **fields}


def test_officer_creates_organisation_through_the_form(users):
    data = organisation_post()
    response = client_for(users["officer"]).post(reverse("directory:organisation_add"), data)
    organisation = Organisation.objects.get(credit_code=data["credit_code"])
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.user_id, entry.object_id) == ("create", users["officer"].pk, str(organisation.pk))


VALID_CODE = organisation_post()["credit_code"]


@pytest.mark.parametrize("code, fragment", [
    (VALID_CODE[:17] + ("1" if VALID_CODE[17] != "1" else "2"), "校验码"),
    (VALID_CODE[:12] + "O" + VALID_CODE[13:], "I、O、Z、S、V"),
    (VALID_CODE[:15], "18位"),
])
def test_bad_credit_code_in_the_add_form_shows_why_and_writes_nothing(users, code, fragment):
    counts = Organisation.objects.count(), AuditEntry.objects.count()
    response = client_for(users["officer"]).post(reverse("directory:organisation_add"),
                                                 organisation_post(credit_code=code))
    assert response.status_code == 400
    assert fragment in " ".join(response.context["form"].errors["credit_code"])
    assert fragment in response.content.decode()
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == counts


def test_county_cannot_create_organisation_in_another_region(users):
    data = organisation_post(region="410323")
    counts = Organisation.objects.count(), AuditEntry.objects.count()
    response = client_for(users["county"]).post(reverse("directory:organisation_add"), data)
    assert response.status_code == 400
    assert "region" in response.context["form"].errors
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == counts


def test_forbidden_roles_cannot_post_the_add_form(users):
    counts = Organisation.objects.count(), AuditEntry.objects.count()
    assert_statuses(users, reverse("directory:organisation_add"),
                    {"anonymous": 302, "leader": 403, "org_admin": 403, "applicant": 403, "supervisor": 403},
                    method="post", data=organisation_post())
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == counts


def test_org_admin_edits_own_organisation_and_history_shows_it(users, org_a):
    data = organisation_post(name=org_a.name, credit_code=org_a.credit_code, industry="新材料")
    response = client_for(users["org_admin"]).post(reverse("directory:organisation_edit", args=[org_a.pk]), data)
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.industry == "新材料"
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == "update"
    # Only what changed is logged (plus the bookkeeping timestamp and search text).
    assert (entry.before["industry"], entry.after["industry"]) == ("", "新材料")
    assert "name" not in entry.after and "credit_code" not in entry.after
    history = client_for(users["county"]).get(org_a.get_absolute_url(), {"tab": "history"})
    assert history.status_code == 200
    assert list(history.context["history"]) == [entry]
    assert "新材料" in history.content.decode()


def test_org_admin_cannot_post_edit_of_another_organisation(users, org_b):
    data = organisation_post(name="篡改", credit_code=org_b.credit_code, region="410323")
    response = client_for(users["org_admin"]).post(reverse("directory:organisation_edit", args=[org_b.pk]), data)
    assert response.status_code == 404
    org_b.refresh_from_db()
    assert org_b.name != "篡改"


def test_admin_deletes_organisation_and_audit_keeps_before(users, org_b):
    pk, name = org_b.pk, org_b.name
    response = client_for(users["admin"]).post(reverse("directory:organisation_delete", args=[pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation_list")
    assert not Organisation.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.object_id, entry.before["name"], entry.after) == ("delete", str(pk), name, None)


def test_organisation_with_people_cannot_be_deleted(users, org_a, person_a):
    count = AuditEntry.objects.count()
    client = client_for(users["admin"])
    response = client.post(reverse("directory:organisation_delete", args=[org_a.pk]), follow=True)
    assert Organisation.objects.filter(pk=org_a.pk).exists()
    assert AuditEntry.objects.count() == count
    assert "仍有人员" in response.content.decode()


def test_non_admin_cannot_post_delete(users, org_a):
    assert_statuses(users, reverse("directory:organisation_delete", args=[org_a.pk]),
                    {"anonymous": 302, "officer": 403, "county": 403, "org_admin": 403, "expert": 404},
                    method="post")
    assert Organisation.objects.filter(pk=org_a.pk).exists()


def test_script_in_name_is_stored_as_given_and_shown_escaped(users):
    name = "<script>alert(1)</script>"
    data = organisation_post(name=name)
    client = client_for(users["admin"])
    assert client.post(reverse("directory:organisation_add"), data).status_code == 302
    organisation = Organisation.objects.get(credit_code=data["credit_code"])
    assert organisation.name == name
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for url in (reverse("directory:organisation_list"), organisation.get_absolute_url(),
                organisation.get_absolute_url() + "?tab=history"):
        page = client.get(url).content.decode()
        assert escaped in page, url
        assert name not in page, url


# --- people: ID numbers --------------------------------------------------------------------------


def test_person_detail_shows_full_id_only_to_admin(users, person_a):
    full, masked = person_a.id_number, mask_resident_id(person_a.id_number)
    assert masked == full[:4] + "*" * 10 + full[-4:]
    admin_page = client_for(users["admin"]).get(person_a.get_absolute_url()).content.decode()
    assert full in admin_page
    for role in ("leader", "officer", "county", "org_admin", "supervisor", "finance"):
        page = client_for(users[role]).get(person_a.get_absolute_url()).content.decode()
        assert masked in page, role
        assert full not in page, role


def test_person_list_shows_masks_not_numbers(users, person_a):
    page = client_for(users["admin"]).get(reverse("directory:person_list")).content.decode()
    assert person_a.id_number_masked in page
    assert person_a.id_number not in page


def test_person_created_through_form_stores_id_encrypted(users, org_a):
    number = valid_id_number("form", dt.date(1975, 2, 28), "F")
    data = {"name": "刘表单", "organisation": org_a.credit_code, "id_number": number, "degree": "博士"}
    response = client_for(users["org_admin"]).post(reverse("directory:person_add"), data)
    assert response.status_code == 302
    person = Person.objects.get(name="刘表单")
    assert person.id_number == number
    assert number not in person.id_number_encrypted
    assert (person.birth_date, person.sex, person.degree) == (dt.date(1975, 2, 28), "F", "doctorate")


def wrong_check_character(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize("bad, fragment", [
    (wrong_check_character(valid_id_number()), "校验码"),
    ("410305199902300013", "不是有效日期"),  # 1999-02-30 does not exist
    ("41030519800517001", "18位"),
])
def test_bad_id_number_in_form_writes_nothing(users, org_a, bad, fragment):
    counts = Person.objects.count(), AuditEntry.objects.count()
    response = client_for(users["admin"]).post(reverse("directory:person_add"),
                                               {"name": "错号", "organisation": org_a.credit_code, "id_number": bad})
    assert response.status_code == 400
    assert fragment in " ".join(response.context["form"].errors["id_number"])
    assert (Person.objects.count(), AuditEntry.objects.count()) == counts


def test_org_admin_cannot_add_person_to_another_organisation(users, org_b):
    count = Person.objects.count()
    response = client_for(users["org_admin"]).post(reverse("directory:person_add"),
                                                   {"name": "外单位", "organisation": org_b.credit_code})
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert Person.objects.count() == count


# --- audit log page and inbox ----------------------------------------------------------------


def test_audit_log_page_only_admin_and_supervisor(users):
    assert_statuses(users, reverse("core:audit_log"), expect(403, admin=200, supervisor=200))
    assert_statuses(users, reverse("core:audit_log") + "?export=xlsx", expect(403, admin=200, supervisor=200))


def test_audit_log_filters_by_action_and_user(users, org_a):
    client = client_for(users["supervisor"])
    client_for(users["officer"]).get(reverse("directory:organisation_list"), {"export": "xlsx"})
    response = client.get(reverse("core:audit_log"), {"action": "export", "user": "t-officer"})
    entries = list(response.context["table"].data)
    assert entries and all(e.action == "export" and e.user_repr == "t-officer" for e in entries)
    response = client.get(reverse("core:audit_log"), {"action": "no-such-action"})
    assert len(response.context["table"].data) == 0


def test_inbox_for_every_role_and_mark_read(users):
    from core.notifications import notify

    assert_statuses(users, reverse("core:inbox"), expect(200))
    note = notify(users["applicant"], "您的申报已受理", "/x/")
    notify(users["expert"], "别人的通知")
    client = client_for(users["applicant"])
    page = client.get(reverse("core:inbox")).content.decode()
    assert "您的申报已受理" in page and "别人的通知" not in page
    assert client.post(reverse("core:inbox")).status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None


def test_admin_deletes_person_and_the_log_keeps_only_the_mask(users, person_a):
    full, pk = person_a.id_number, person_a.pk
    response = client_for(users["admin"]).post(reverse("directory:person_delete", args=[pk]))
    assert response.status_code == 302
    assert not Person.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.before["id_number_masked"]) == ("delete", mask_resident_id(full))
    assert full not in str(entry.before)
