"""Tests for directory.demo_data: valid identifiers, unique names, determinism."""

import datetime
import random
import re

import pytest
from django.utils import timezone

from core.validators import (
    birth_date_of,
    sex_of,
    validate_resident_id,
    validate_uscc,
)
from directory import demo_data as dd

REGIONS = [("410300", "洛阳市"), ("410305", "涧西区"), ("410381", "偃师市"), ("410324", "栾川县")]
BIRTH_CODES = ["410305", "410381", "410322", "410100"]
TODAY = datetime.date(2026, 11, 28)


def orgs(seed, n=300, kind=dd.Kind.ENTERPRISE):
    return dd.demo_organisations(random.Random(seed), n, kind, REGIONS)


def people(seed, n=1000, kind=dd.Kind.UNIVERSITY, today=TODAY):
    return dd.demo_people(random.Random(seed), n, kind, BIRTH_CODES, today=today)


# --- determinism -------------------------------------------------------------------------


def test_same_seed_gives_the_same_data():
    assert orgs(7) == orgs(7)
    assert people(7) == people(7)


def test_different_seeds_give_different_data():
    assert [o.credit_code for o in orgs(7)] != [o.credit_code for o in orgs(8)]
    assert [p.resident_id for p in people(7)] != [p.resident_id for p in people(8)]


# --- credit codes ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", dd.KINDS)
def test_every_generated_credit_code_is_valid_and_in_its_region(kind):
    rng = random.Random(kind)
    for region_code, _place in REGIONS:
        for _ in range(200):
            code = dd.uscc_for(rng, region_code, kind)
            assert validate_uscc(code) == code
            assert code[2:8] == region_code


@pytest.mark.parametrize(
    ("kind", "prefixes"),
    [
        (dd.Kind.ENTERPRISE, {"91"}),
        (dd.Kind.INSTITUTE, {"12"}),
        (dd.Kind.HOSPITAL, {"12", "52"}),
        (dd.Kind.GOVERNMENT, {"11"}),
        (dd.Kind.PUBLIC_INSTITUTION, {"12"}),
        (dd.Kind.UNIVERSITY, {"12", "52"}),
        (dd.Kind.INTERMEDIARY, {"91", "51", "52"}),
    ],
)
def test_registration_authority_and_category_fit_the_kind(kind, prefixes):
    rng = random.Random(1)
    assert {dd.uscc_for(rng, "410300", kind)[:2] for _ in range(400)} == prefixes


@pytest.mark.parametrize("kind", dd.KINDS)
def test_companies_get_the_enterprise_prefix_whatever_their_kind(kind):
    assert dd.uscc_for(random.Random(1), "410300", kind, company=True).startswith("91")


def test_demo_organisations_registered_as_companies_have_enterprise_codes():
    records = dd.demo_organisations(random.Random(2), 300, dd.Kind.INSTITUTE, REGIONS)
    companies = [o for o in records if o.name.endswith("公司")]
    assert companies
    assert all(o.credit_code.startswith("91") for o in companies)
    assert all(o.credit_code.startswith("12") for o in records if o not in companies)


def test_both_old_numeric_and_post_2015_organisation_codes_appear():
    rng = random.Random(2)
    bodies = [dd.uscc_for(rng, "410300", dd.Kind.ENTERPRISE)[8:16] for _ in range(200)]
    assert any(body.isdigit() for body in bodies)
    assert any(body.startswith("MA") for body in bodies)


def test_seen_codes_make_codes_unique_across_calls():
    seen: set[str] = set()
    first = dd.demo_organisations(random.Random(3), 500, dd.Kind.ENTERPRISE, REGIONS, seen_codes=seen)
    second = dd.demo_organisations(random.Random(3), 500, dd.Kind.INSTITUTE, REGIONS, seen_codes=seen)
    codes = [o.credit_code for o in first + second]
    assert len(codes) == len(set(codes)) == len(seen) == 1000


@pytest.mark.parametrize(
    ("region_code", "kind"),
    [("4103", dd.Kind.ENTERPRISE), ("41030A", dd.Kind.ENTERPRISE), ("410300", "factory")],
)
def test_uscc_for_refuses_bad_arguments(region_code, kind):
    with pytest.raises(ValueError):
        dd.uscc_for(random.Random(0), region_code, kind)


# --- resident ID numbers -----------------------------------------------------------------


def test_every_generated_person_has_a_valid_matching_id_number():
    for person in people(11, n=3000):
        assert validate_resident_id(person.resident_id, today=TODAY) == person.resident_id
        assert birth_date_of(person.resident_id) == person.birth_date
        assert sex_of(person.resident_id) == person.sex
        assert person.resident_id[:6] in BIRTH_CODES


def test_resident_id_for_encodes_place_date_and_sex():
    rng = random.Random(4)
    born = datetime.date(1968, 2, 29)
    for sex in (dd.SEX_MALE, dd.SEX_FEMALE):
        number = dd.resident_id_for(rng, "410381", born, sex)
        assert number.startswith("41038119680229")
        assert validate_resident_id(number) == number
        assert sex_of(number) == sex


def test_seen_ids_are_unique_and_exhaustion_is_reported():
    rng = random.Random(5)
    seen: set[str] = set()
    born = datetime.date(1980, 1, 1)
    made = []
    with pytest.raises(ValueError, match="no unused order code"):
        for _ in range(600):  # only ~500 order codes per place, day and sex exist
            made.append(dd.resident_id_for(rng, "410305", born, dd.SEX_MALE, seen))
    assert len(made) == len(set(made)) == len(seen)
    assert len(made) > 400
    assert all(int(number[16]) % 2 == 1 for number in made)


@pytest.mark.parametrize(
    ("region_code", "born", "sex"),
    [
        ("410305", datetime.date(1980, 1, 1), "X"),
        ("4103", datetime.date(1980, 1, 1), dd.SEX_MALE),
        ("410305", datetime.date(1899, 12, 31), dd.SEX_MALE),
        ("410305", timezone.localdate() + datetime.timedelta(days=1), dd.SEX_FEMALE),
    ],
)
def test_resident_id_for_refuses_bad_arguments(region_code, born, sex):
    with pytest.raises(ValueError):
        dd.resident_id_for(random.Random(0), region_code, born, sex)


def test_people_are_of_working_age_even_when_today_is_29_february():
    today = datetime.date(2024, 2, 29)
    for person in people(12, n=2000, today=today):
        age = today.year - person.birth_date.year
        age -= (today.month, today.day) < (person.birth_date.month, person.birth_date.day)
        assert 25 <= age <= 64


def test_demo_people_refuses_bad_arguments():
    with pytest.raises(ValueError):
        dd.demo_people(random.Random(0), 1, dd.Kind.ENTERPRISE, [])
    with pytest.raises(ValueError):
        dd.demo_people(random.Random(0), 1, dd.Kind.ENTERPRISE, ["41"])
    with pytest.raises(ValueError):
        dd.demo_people(random.Random(0), 1, dd.Kind.ENTERPRISE, BIRTH_CODES, today=datetime.date(2999, 1, 1))


def test_one_seen_set_keeps_ids_unique_over_many_people():
    seen: set[str] = set()
    rng = random.Random(13)
    batch = [dd.demo_people(rng, 2000, kind, ["410305"], today=TODAY, seen_ids=seen) for kind in dd.KINDS]
    numbers = [p.resident_id for group in batch for p in group]
    assert len(numbers) == len(set(numbers)) == len(seen) == 2000 * len(dd.KINDS)


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "n"), [(dd.Kind.ENTERPRISE, 5000), (dd.Kind.UNIVERSITY, 300), (dd.Kind.GOVERNMENT, 150)]
)
def test_unique_org_names_are_unique(kind, n):
    names = dd.unique_org_names(random.Random(21), n, kind)
    assert len(names) == len(set(names)) == n


@pytest.mark.parametrize("kind", [k for k in dd.KINDS if k != dd.Kind.GOVERNMENT])
def test_name_spaces_are_large_enough_for_the_province_scale(kind):
    # seed_demo --scale province asks for 50,000 organisations; no kind but enterprises
    # takes more than ~5 % of them.
    assert len(dd.unique_org_names(random.Random(60), 2500, kind)) == 2500


def test_government_name_space_covers_one_percent_of_the_province_scale():
    assert len(dd.unique_org_names(random.Random(61), 550, dd.Kind.GOVERNMENT)) == 550


def test_well_known_organisations_come_first():
    assert dd.unique_org_names(random.Random(0), 2, dd.Kind.UNIVERSITY) == ["河南科技大学", "洛阳理工学院"]
    institutes = dd.unique_org_names(random.Random(0), 20, dd.Kind.INSTITUTE)
    assert institutes[:4] == [
        "中国船舶重工集团第七二五研究所",
        "中国空空导弹研究院",
        "洛阳耐火材料研究院",
        "洛阳轴承研究所",
    ]
    assert "中信重型机械公司" in dd.unique_org_names(random.Random(0), 5, dd.Kind.ENTERPRISE)


def test_seen_names_carry_over_between_calls():
    seen: set[str] = set()
    first = dd.unique_org_names(random.Random(1), 100, dd.Kind.HOSPITAL, seen)
    second = dd.unique_org_names(random.Random(1), 100, dd.Kind.HOSPITAL, seen)
    assert not set(first) & set(second)
    assert len(seen) == 200
    assert "河南科技大学第一附属医院" in first
    assert "河南科技大学第一附属医院" not in second


def test_asking_for_more_names_than_exist_is_an_error():
    with pytest.raises(ValueError, match="distinct government names"):
        dd.unique_org_names(random.Random(0), 5000, dd.Kind.GOVERNMENT)
    with pytest.raises(ValueError):
        dd.unique_org_names(random.Random(0), 1, "factory")
    with pytest.raises(ValueError):
        dd.org_name(random.Random(0), "factory")


def test_generated_enterprise_names_follow_the_legal_pattern():
    famous = {name for name, _industry, _listed in dd.FAMOUS_ENTERPRISES}
    pattern = re.compile(r"^洛阳[\u4e00-\u9fff]{2}[\u4e00-\u9fff]+(股份)?有限公司$")
    generated = [
        name for name in dd.unique_org_names(random.Random(8), 500, dd.Kind.ENTERPRISE) if name not in famous
    ]
    assert len(generated) == 500 - len(famous)
    assert all(pattern.match(name) for name in generated)


@pytest.mark.parametrize(
    ("kind", "ending"),
    [
        (dd.Kind.UNIVERSITY, ("学院", "学校", "大学")),
        (dd.Kind.INSTITUTE, ("研究所", "研究院", "科学院", "有限公司", "工程公司")),
        (dd.Kind.HOSPITAL, ("医院", "卫生院", "卫生室", "保健院")),
        (dd.Kind.INTERMEDIARY, ("有限公司", "事务所")),
        (dd.Kind.GOVERNMENT, ("局", "委员会", "人民政府", "财政所", "司法所")),
    ],
)
def test_names_end_like_their_kind(kind, ending):
    assert all(name.endswith(ending) for name in dd.unique_org_names(random.Random(9), 100, kind))


def test_person_names_are_chinese_and_two_to_four_characters():
    rng = random.Random(10)
    for sex in (dd.SEX_MALE, dd.SEX_FEMALE):
        for _ in range(500):
            assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", dd.person_name(rng, sex))


# --- whole records -----------------------------------------------------------------------


def test_organisation_records_are_complete_and_flagged():
    records = dd.demo_organisations(random.Random(30), 40, dd.Kind.INSTITUTE, REGIONS)
    by_name = {o.name: o for o in records}
    assert by_name["中国空空导弹研究院"].former_ministry_institute
    assert not by_name["洛阳农林科学院"].former_ministry_institute
    for org in records:
        assert org.kind == dd.Kind.INSTITUTE
        assert org.region_code in dict(REGIONS)
        assert org.address.startswith("洛阳市")
        assert re.fullmatch(r"0379-6\d{7}", org.contact_phone)
        assert org.industry


def test_enterprise_industries_and_listed_flags():
    records = dd.demo_organisations(random.Random(31), 2000, dd.Kind.ENTERPRISE, REGIONS)
    by_name = {o.name: o for o in records}
    assert by_name["洛阳栾川钼业集团股份有限公司"].listed_company
    assert by_name["洛阳巨尔乳业有限公司"].industry == "农产品加工"
    labels = {label for _words, label in dd.ENTERPRISE_INDUSTRIES}
    assert {o.industry for o in records} <= labels
    assert any(o.innovation_pilot for o in records)


def test_address_does_not_repeat_the_city():
    rng = random.Random(0)
    assert dd.address_for(rng, "洛阳市").startswith("洛阳市")
    assert not dd.address_for(rng, "洛阳市").startswith("洛阳市洛阳市")
    assert dd.address_for(rng, "涧西区").startswith("洛阳市涧西区")


@pytest.mark.parametrize("kind", dd.KINDS)
def test_person_attributes_fit_the_kind(kind):
    for person in people(40, n=300, kind=kind):
        assert person.degree in {"doctorate", "master", "bachelor", "other"}
        assert person.title
        assert 1 <= len(person.disciplines) <= 2
        assert len(set(person.disciplines)) == len(person.disciplines)
        assert re.fullmatch(r"1[3-9]\d{9}", person.phone)
        assert re.fullmatch(r"[a-z]+\d{3,4}@example\.(com|org|net)", person.email)


def test_university_titles_are_academic():
    titles = {p.title for p in people(41, n=500, kind=dd.Kind.UNIVERSITY)}
    assert titles == {"教授", "副教授", "讲师"}


def test_codes_match_the_directory_model_choices():
    from directory.models import Organisation, Person

    assert set(dd.KINDS) == set(Organisation.Kind.values)
    assert {dd.SEX_MALE, dd.SEX_FEMALE} == set(Person.Sex.values)
    degrees = {p.degree for kind in dd.KINDS for p in people(50, n=200, kind=kind)}
    assert degrees <= set(Person.Degree.values)
