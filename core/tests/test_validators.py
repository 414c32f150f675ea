"""Tests for core.validators: USCC (GB 32100 / GB 11714) and resident ID (GB 11643).

The tests identify each rejection by its ValidationError ``code`` so they run with or without
Django settings; message rendering is checked separately in both languages.
"""

import datetime
import random

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from core import validators as v

# --- an independent oracle written straight from the standards' text ---------------------

GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def oracle_uscc_check(first17: str) -> str:
    total = sum(GB32100_ALPHABET.index(c) * w for c, w in zip(first17, GB32100_WEIGHTS, strict=True))
    c18 = 31 - total % 31
    return "0" if c18 == 31 else GB32100_ALPHABET[c18]


def oracle_org_check(body8: str) -> str:
    # GB 11714 values letters A..Z as 10..35 over the full Latin alphabet.
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body8]
    c9 = 11 - sum(x * w for x, w in zip(values, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


def test_weights_in_the_brief_are_three_to_the_i_mod_31():
    assert [pow(3, i, 31) for i in range(17)] == GB32100_WEIGHTS


# --- unified social credit code ------------------------------------------------------------

# Published examples: stdnum's doctest and the example printed in encyclopaedias.
PUBLISHED_VALID = ["91110000600037341L", "91350100M000100Y43"]
# Built by hand with the oracle above (worked through on paper for the A-code:
# org check of MA000000 = 11 - (22·3 + 10·7) mod 11 = 7; final sum 1060 mod 31 = 6 → R).
CONSTRUCTED_VALID = [
    "A1410300MA0000007R",  # 中央军委改革和编制办公室 — 军队事业单位
    "N2410322MF00000135",  # 农业 — 村级集体经济组织, 孟津
    "Y1410300MB1A2B3CXP",  # 其他 — organisation-code check character X
    "91410300MA3X8Y2K5P",  # 工商 — enterprise, post-2015 MA series
    "12410000415800122Q",  # 机构编制 — 事业单位 (a university-style code)
    "52410300MJY123458W",  # 民政 — 民办非企业单位
]


@pytest.mark.parametrize("code", PUBLISHED_VALID + CONSTRUCTED_VALID)
def test_valid_codes_pass_and_agree_with_the_oracle(code):
    assert v.validate_uscc(code) == code
    assert v.is_valid_uscc(code)
    assert oracle_org_check(code[8:16]) == code[16]
    assert oracle_uscc_check(code[:17]) == code[17]


@pytest.mark.parametrize("start", ["A", "N", "Y"])
def test_codes_starting_a_n_y_are_valid_although_stdnum_rejects_them(start):
    code = next(c for c in CONSTRUCTED_VALID if c.startswith(start))
    assert v.validate_uscc(code) == code
    # Why we cannot use stdnum.cn.uscc.validate: it wants 8 leading digits.
    assert not stdnum_uscc.is_valid(code)


@pytest.mark.parametrize("code", PUBLISHED_VALID + CONSTRUCTED_VALID)
def test_stdnum_check_digit_agrees_with_the_standard(code):
    assert stdnum_uscc.calc_check_digit(code[:17]) == oracle_uscc_check(code[:17])


def test_normalise_strips_separators_full_width_and_lower_case():
    assert v.normalise_uscc(" 9141 0300-ma3x8y2k5p ") == "91410300MA3X8Y2K5P"
    assert v.normalise_uscc("９１４１０３００ＭＡ３Ｘ８Ｙ２Ｋ５Ｐ") == "91410300MA3X8Y2K5P"
    assert v.validate_uscc("91410300ma3x8y2k5p") == "91410300MA3X8Y2K5P"
    assert v.normalise_uscc(None) == ""


def rejection_code(func, value, **kwargs):
    with pytest.raises(ValidationError) as info:
        func(value, **kwargs)
    return info.value.code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "uscc_length"),
        ("91410300MA3X8Y2K5", "uscc_length"),
        ("91410300MA3X8Y2K5PP", "uscc_length"),
        ("91410300MA3X8Y2KIP", "uscc_forbidden_letter"),
        ("91410300OA3X8Y2K5P", "uscc_forbidden_letter"),
        ("91410300ZA3X8Y2K5P", "uscc_forbidden_letter"),
        ("91410300SA3X8Y2K5P", "uscc_forbidden_letter"),
        ("91410300VA3X8Y2K5P", "uscc_forbidden_letter"),
        ("91410300MA3X8Y2K5#", "uscc_invalid_char"),
        ("B1410300MA3X8Y2K5P", "uscc_authority"),
        ("01410300MA3X8Y2K5P", "uscc_authority"),
        ("94410300MA3X8Y2K5P", "uscc_category"),  # 工商 has categories 1-3 only
        ("Y2410300MA3X8Y2K5P", "uscc_category"),  # 其他 has category 1 only
        ("914103A0MA3X8Y2K5P", "uscc_region"),
        ("91000000MA3X8Y2K5P", "uscc_region"),  # no province 00
        ("91990300MA3X8Y2K5P", "uscc_region"),
        ("91410300MA3X8Y2K6P", "uscc_org_code_check"),
        ("91110000600037342L", "uscc_org_code_check"),
        ("91410300MA3X8Y2K5Q", "uscc_check_char"),
        ("91110000600037341K", "uscc_check_char"),
    ],
)
def test_invalid_codes_are_refused_with_a_distinct_reason(code, reason):
    assert rejection_code(v.validate_uscc, code) == reason
    assert not v.is_valid_uscc(code)


def test_national_registrations_use_region_100000():
    first17 = f"91100000MA3X8Y2K{oracle_org_check('MA3X8Y2K')}"
    code = first17 + oracle_uscc_check(first17)
    assert v.validate_uscc(code) == code


def test_forbidden_letters_are_named_in_the_error():
    with pytest.raises(ValidationError) as info:
        v.validate_uscc("91410300SO3X8Y2K5P")
    assert info.value.params == {"letters": "O、S"}


def test_a_transposition_is_caught_by_the_final_check():
    # Swapping two body characters keeps the alphabet but must break a check.
    assert not v.is_valid_uscc("91410300AM3X8Y2K5P")


def test_org_code_check_char_special_values():
    # 10 → X and 11 → 0 are the two cases a naive implementation gets wrong.
    assert v.org_code_check_char("MB1A2B3C") == "X" == oracle_org_check("MB1A2B3C")
    assert v.org_code_check_char("00000000") == "0" == oracle_org_check("00000000")
    with pytest.raises(ValueError):
        v.org_code_check_char("1234567")


def test_uscc_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        v.uscc_check_char("91410300MA3X8Y2KI")
    with pytest.raises(ValueError):
        v.uscc_check_char("9141")


def test_every_authority_category_pair_in_the_table_can_be_valid():
    for authority, (_name, categories) in v.USCC_AUTHORITIES.items():
        for category in categories:
            body = "MA3X8Y2K"
            first17 = f"{authority}{category}410300{body}{oracle_org_check(body)}"
            code = first17 + oracle_uscc_check(first17)
            assert v.validate_uscc(code) == code


# --- resident identity number ------------------------------------------------------------

TODAY = datetime.date(2026, 11, 28)
# GB 11643-1999's own worked example, and Luoyang numbers built with the oracle below.
VALID_IDS = [
    "11010519491231002X",
    "41030519800101123X",
    "410381199912314566",
    "41032820000229001X",  # 29 February of a leap year
    "410302190101010028",
]


def oracle_id_check(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def with_check(first17: str) -> str:
    return first17 + oracle_id_check(first17)


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_resident_ids(number):
    assert v.validate_resident_id(number, today=TODAY) == number
    assert v.is_valid_resident_id(number, today=TODAY)
    assert oracle_id_check(number[:17]) == number[17]
    assert v.resident_id_check_char(number[:17]) == number[17]


def test_lowercase_x_and_spaces_are_normalised():
    assert v.validate_resident_id(" 110105 19491231 002x ", today=TODAY) == "11010519491231002X"
    assert v.normalise_resident_id("４１０３８１１９９９１２３１４５６６") == "410381199912314566"


def test_address_codes_stdnum_gets_wrong_are_accepted():
    # 涧西区 410305 exists since 1983; someone born there in 1980 was issued the number
    # later with that code, yet stdnum compares the code's start year with the birth year.
    assert v.is_valid_resident_id("41030519800101123X", today=TODAY)
    assert not stdnum_ric.is_valid("41030519800101123X")
    # 410381 (偃师市) became 偃师区 410307 in 2021; people keep their numbers for life.
    assert v.is_valid_resident_id("410381199912314566", today=TODAY)


def test_unknown_county_code_makes_stdnum_raise_key_error():
    number = with_check("41039919800101001")
    assert v.is_valid_resident_id(number, today=TODAY)
    with pytest.raises(KeyError):
        stdnum_ric.is_valid(number)


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "resident_id_length"),
        ("41030519800101123", "resident_id_length"),
        ("41030519800101123XX", "resident_id_length"),
        ("4103051980010112AX", "resident_id_format"),
        ("41030519800101123Y", "resident_id_format"),
        (with_check("00030519800101123"), "resident_id_province"),
        (with_check("99030519800101123"), "resident_id_province"),
        (with_check("41030519990230123"), "resident_id_birth_date"),  # 30 February
        (with_check("41030519991301123"), "resident_id_birth_date"),  # month 13
        (with_check("41030519000229123"), "resident_id_birth_date"),  # 1900 was not a leap year
        (with_check("41030520270101123"), "resident_id_birth_future"),
        (with_check("41030520261129123"), "resident_id_birth_future"),  # tomorrow
        (with_check("41030518991231123"), "resident_id_birth_too_early"),
        ("410305198001011231", "resident_id_check_char"),
        ("110105194912310020", "resident_id_check_char"),
    ],
)
def test_invalid_resident_ids(number, reason):
    assert rejection_code(v.validate_resident_id, number, today=TODAY) == reason
    assert not v.is_valid_resident_id(number, today=TODAY)


def test_birth_today_is_allowed():
    assert v.is_valid_resident_id(with_check("41030520261128123"), today=TODAY)


def test_today_defaults_to_the_real_date():
    # A birth date far in the future is refused without passing ``today``.
    assert rejection_code(v.validate_resident_id, with_check("41030520991231123")) == (
        "resident_id_birth_future"
    )


def test_mask_keeps_first_four_and_last_four():
    assert v.mask_resident_id("410305198001011234") == "4103**********1234"
    assert v.mask_resident_id("41030519800101123x") == "4103**********123X"
    assert v.mask_resident_id("12345678") == "********"
    assert v.mask_resident_id("") == ""


def test_birth_date_and_sex():
    assert v.birth_date_of("11010519491231002X") == datetime.date(1949, 12, 31)
    assert v.sex_of("11010519491231002X") == v.SEX_FEMALE  # 17th digit 2 is even
    assert v.sex_of("41030519800101123X") == v.SEX_MALE  # 17th digit 3 is odd
    with pytest.raises(ValidationError):
        v.birth_date_of("41030519990230123X")
    with pytest.raises(ValidationError):
        v.sex_of("410305198001011231")


def test_resident_id_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        v.resident_id_check_char("4103051980010112")
    with pytest.raises(ValueError):
        v.resident_id_check_char("4103051980010112A")


def test_uscc_check_char_agrees_with_stdnum_on_random_input():
    rng = random.Random(32100)
    for _ in range(2000):
        first17 = "".join(rng.choices(GB32100_ALPHABET, k=17))
        assert (
            v.uscc_check_char(first17) == stdnum_uscc.calc_check_digit(first17) == oracle_uscc_check(first17)
        )


# --- messages and use as Django field validators --------------------------------------------


def test_messages_are_bilingual_and_name_the_detail():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        v.validate_uscc("91410300MA3X8Y2K5")
    (message,) = info.value.messages
    assert "当前17位" in message
    assert "18 characters" in message
    with translation.override("en"), pytest.raises(ValidationError) as info:
        v.validate_resident_id(with_check("41030519990230123"), today=TODAY)
    assert "19990230" in info.value.messages[0]
    assert "not a real date" in info.value.messages[0]


def test_validators_work_on_a_form_field():
    class OrgForm(forms.Form):
        credit_code = forms.CharField(validators=[v.validate_uscc])
        id_number = forms.CharField(validators=[v.validate_resident_id])

    good = OrgForm({"credit_code": "91110000600037341L", "id_number": "11010519491231002X"})
    assert good.is_valid(), good.errors
    bad = OrgForm({"credit_code": "91110000600037341K", "id_number": "11010519491231002"})
    assert not bad.is_valid()
    assert bad.has_error("credit_code", code="uscc_check_char")
    assert bad.has_error("id_number", code="resident_id_length")
