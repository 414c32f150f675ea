"""Directory models and forms: credit-code and ID-number validation with nothing written on bad
input, duplicate refusal, encrypted ID numbers, scoping querysets per role, region validity."""

import datetime as dt
import random

import pytest
from django.db import IntegrityError, transaction

from core.models import AuditEntry
from core.permissions import region_prefix
from core.testing import make_organisation, make_person
from core.validators import org_code_check_char, uscc_check_char
from directory import demo_data, services
from directory.forms import OrganisationForm, PersonForm
from directory.models import Organisation, Person, Region

pytestmark = pytest.mark.django_db

_rng = random.Random("model-tests")
VALID = demo_data.uscc_for(random.Random("valid"), "410305", "enterprise")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def build_code(prefix: str, region: str, body: str) -> str:
    """A credit code from its parts, with both check characters computed (GB 11714 and GB 32100)."""
    first17 = prefix + region + body + org_code_check_char(body)
    return first17 + uscc_check_char(first17)


def other_char(char: str) -> str:
    return next(c for c in ALPHABET if c != char)


def organisation_form(user=None, **fields) -> OrganisationForm:
    data = {"name": "洛阳表单测试有限公司", "credit_code": VALID, "kind": "enterprise", "region": "410305", **fields}
    return OrganisationForm(data=data, user=user)


def save_through_service(user, form) -> None:
    assert form.is_valid(), form.errors
    services.save_organisation(user, form)


def written() -> tuple[int, int]:
    return Organisation.objects.count(), AuditEntry.objects.count()


# --- credit codes -------------------------------------------------------------------------------


@pytest.mark.parametrize("code, error_code", [
    (VALID[:17] + other_char(VALID[17]), "uscc_check_char"),
    (VALID[:16] + other_char(VALID[16]) + VALID[17], "uscc_org_code_check"),
    (VALID[:17], "uscc_length"),
    (VALID + "1", "max_length"),  # the form field stops it before the validator
    ("", None),
    *[(VALID[:9] + letter + VALID[10:], "uscc_forbidden_letter") for letter in "IOZSV"],
    ("X" + VALID[1:], "uscc_authority"),
])
def test_invalid_credit_code_is_refused_and_nothing_written(users, code, error_code):
    before = written()
    form = organisation_form(credit_code=code)
    assert not form.is_valid()
    errors = form.errors.as_data()["credit_code"]
    if error_code:
        assert errors[0].code == error_code
        assert errors[0].messages[0].strip()  # a message a clerk can read
    assert written() == before


@pytest.mark.parametrize("prefix, body", [
    ("A1", "MA123456"),  # military units (authority A)
    ("N1", "12345678"),  # rural collective economic organisations (authority N)
    ("Y1", "MA4K3L2P"),  # other authorities (Y)
    ("12", "41234567"),  # a public institution registered by the staffing office
])
def test_credit_codes_of_other_authorities_are_accepted(users, prefix, body):
    code = build_code(prefix, "410300", body)
    form = organisation_form(credit_code=code)
    assert form.is_valid(), (code, form.errors)


def test_lowercase_and_spaces_are_normalised(users):
    form = organisation_form(credit_code=" " + VALID.lower() + " ")
    save_through_service(users["officer"], form)
    assert Organisation.objects.filter(credit_code=VALID).exists()


def test_duplicate_credit_code_is_refused_even_in_lowercase(users, org_b):
    before = written()
    for variant in (org_b.credit_code, org_b.credit_code.lower()):
        form = organisation_form(credit_code=variant)
        assert not form.is_valid()
        assert form.errors.as_data()["credit_code"][0].code == "duplicate"
        assert org_b.name in form.errors["credit_code"][0]
    assert written() == before


def test_editing_an_organisation_keeps_its_own_code(users, org_a):
    form = OrganisationForm(data={"name": "改名", "credit_code": org_a.credit_code, "kind": "enterprise",
                                  "region": "410305"}, instance=org_a, user=users["officer"])
    assert form.is_valid(), form.errors


def test_database_refuses_duplicate_credit_code(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="绕过表单", credit_code=org_a.credit_code, kind="enterprise",
                                    region=org_a.region)


def test_kind_accepts_value_or_chinese_label_but_not_nonsense(users):
    assert organisation_form(kind="科研院所").is_valid()
    assert organisation_form(kind="institute").is_valid()
    assert "kind" in organisation_form(kind="外星机构").errors


def test_name_whitespace_is_collapsed(users):
    form = organisation_form(name="  洛阳   空格  公司 ")
    assert form.is_valid()
    assert form.cleaned_data["name"] == "洛阳 空格 公司"


def test_county_form_offers_own_region_only(users):
    form = organisation_form(user=users["county"], region="410323")
    assert "region" in form.errors
    assert list(form.fields["region"].queryset.values_list("code", flat=True)) == ["410305"]
    assert organisation_form(user=users["officer"], region="410323").is_valid()


# --- people and ID numbers ------------------------------------------------------------------------


def id_number(born=dt.date(1966, 12, 31), sex="F") -> str:
    return demo_data.resident_id_for(_rng, "410305", born, sex)


def test_set_id_number_encrypts_masks_and_derives_birth_date_and_sex(org_a):
    number = id_number()
    person = Person(name="加密人", organisation=org_a)
    person.set_id_number(number)
    person.save()
    stored = Person.objects.filter(pk=person.pk).values()[0]
    assert number not in str(stored)  # a database dump does not show it whole
    assert stored["id_number_masked"] == number[:4] + "**********" + number[-4:]
    assert Person.objects.get(pk=person.pk).id_number == number
    assert (person.birth_date, person.sex) == (dt.date(1966, 12, 31), "F")


def test_same_id_number_twice_is_refused_by_form_and_database(users, org_a):
    number = id_number()
    first = Person(name="甲", organisation=org_a)
    first.set_id_number(number)
    first.save()
    form = PersonForm(data={"name": "乙", "organisation": org_a.credit_code, "id_number": number.lower()},
                      user=users["admin"])
    assert not form.is_valid()
    assert form.errors.as_data()["id_number"][0].code == "duplicate"
    second = Person(name="乙", organisation=org_a)
    second.set_id_number(number)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.parametrize("bad, error_code", [
    ("410305199902300013", "resident_id_birth_date"),  # 1999-02-30
    ("410305180001010011", "resident_id_birth_too_early"),
    ("4103051980010100", "resident_id_length"),
    ("99030519800101001X", "resident_id_province"),
])
def test_invalid_id_numbers_are_refused(users, org_a, bad, error_code):
    form = PersonForm(data={"name": "丙", "organisation": org_a.credit_code, "id_number": bad}, user=users["admin"])
    assert not form.is_valid()
    assert form.errors.as_data()["id_number"][0].code == error_code


def test_id_number_left_blank_on_edit_keeps_the_stored_one(users, org_a):
    number = id_number()
    person = Person(name="留空", organisation=org_a)
    person.set_id_number(number)
    person.save()
    form = PersonForm(data={"name": "留空改名", "organisation": org_a.credit_code, "id_number": ""},
                      instance=person, user=users["admin"])
    assert form.is_valid(), form.errors
    services.save_person(users["admin"], form, person)
    person = Person.objects.get(pk=person.pk)
    assert (person.name, person.id_number) == ("留空改名", number)


# --- who sees what ---------------------------------------------------------------------------------


def test_organisation_scoping_per_role(users, org_a, org_b):
    everything = {org_a.pk, org_b.pk}
    expected = {
        "admin": everything, "leader": everything, "officer": everything, "supervisor": everything,
        "finance": everything, "county": {org_a.pk}, "org_admin": {org_a.pk}, "applicant": {org_a.pk},
        "expert": set(), "public": set(),
    }
    for role, pks in expected.items():
        assert set(Organisation.objects.visible_to(users[role]).values_list("pk", flat=True)) == pks, role


def test_anonymous_sees_nothing(org_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Organisation.objects.visible_to(AnonymousUser()).exists()
    assert not Person.objects.visible_to(AnonymousUser()).exists()


def test_person_scoping_per_role(users, org_a, org_b):
    colleague = make_person(org_a, "同事")
    outsider = make_person(org_b, "外人")
    own = users["applicant"].person
    everyone = {colleague.pk, outsider.pk, own.pk}
    expected = {
        "admin": everyone, "officer": everyone, "supervisor": everyone, "county": {colleague.pk, own.pk},
        "org_admin": {colleague.pk, own.pk}, "applicant": {own.pk}, "expert": set(), "public": set(),
    }
    for role, pks in expected.items():
        assert set(Person.objects.visible_to(users[role]).values_list("pk", flat=True)) == pks, role


def test_city_level_county_assignment_covers_its_districts(org_a, org_b):
    from core.testing import make_user

    city = make_user("county", "city-office", region=Region.objects.get(code="410300"))
    assert set(Organisation.objects.visible_to(city).values_list("pk", flat=True)) == {org_a.pk, org_b.pk}


def test_region_prefix():
    assert region_prefix("410300") == "4103"
    assert region_prefix("410000") == "41"
    assert region_prefix("410305") == "410305"


# --- regions ------------------------------------------------------------------------------------------


def test_bundled_regions_and_2021_changes():
    in_2008 = set(Region.objects.valid_on(dt.date(2008, 6, 1)).values_list("code", flat=True))
    in_2022 = set(Region.objects.valid_on(dt.date(2022, 1, 1)).values_list("code", flat=True))
    assert {"410306", "410322", "410381"} <= in_2008 and not {"410307", "410308"} & in_2008
    assert {"410307", "410308"} <= in_2022 and not {"410306", "410322", "410381"} & in_2022
    assert Region.objects.get(code="410322").successor.code == "410308"
    assert Region.objects.get(code="410381").successor.code == "410307"
    assert Region.objects.get(code="410371").level == "zone"
    # 2008: 6 districts, 8 counties and 偃师市; 2022: 7 districts (吉利区 gone, 孟津区 and 偃师区 new), 7 counties.
    counties = Region.objects.filter(parent__code="410300").exclude(level="zone")
    assert counties.valid_on(dt.date(2008, 6, 1)).count() == 15
    assert counties.valid_on(dt.date(2022, 1, 1)).count() == 14


def test_search_text_follows_partial_saves(org_a):
    org_a.name = "洛阳轴承研究所"
    org_a.save(update_fields=["name"])
    assert " 轴承 " in Organisation.objects.get(pk=org_a.pk).search_text


def test_make_organisation_gives_valid_unique_codes(db):
    codes = {make_organisation("410305").credit_code for _ in range(5)}
    assert len(codes) == 5
    form = OrganisationForm(data={"name": "x", "credit_code": codes.pop(), "kind": "enterprise", "region": "410305"})
    assert not form.is_valid() and form.errors.as_data()["credit_code"][0].code == "duplicate"
