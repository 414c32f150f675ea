"""ZC 0006-2003 application numbers: every format and every kind of bad input."""

import datetime as dt

import pytest

from ip import patent_numbers as pn

TODAY = dt.date(2026, 6, 1)

# Published numbers found in public documents (CVs, product pages).
REAL_NEW = [
    "200510096239.4",
    "200510030457.8",
    "201010613264.6",
    "201510958772.0",
    "201620161392.4",
    "201811564288.X",
    "202010566088.9",
    "202110377287.X",
    "202322865413.3",
    "202411020646.6",
]
REAL_OLD = ["99113861.9", "01105715.7", "00125301.8", "01126463.2"]


@pytest.mark.parametrize("number", REAL_NEW + REAL_OLD)
def test_published_numbers_validate(number):
    assert pn.canonical(number, TODAY) == number


@pytest.mark.parametrize("number", REAL_NEW + REAL_OLD)
def test_check_digit_reproduces_published(number):
    body, check = number.split(".")
    assert pn.check_digit(body) == check


def test_check_digit_hand_computed_new_format():
    # 2*2+0*3+0*4+8*5+1*6+0*7+0*8+1*9+2*2+3*3+4*4+5*5 = 113; 113 % 11 = 3
    assert pn.check_digit("200810012345") == "3"


def test_check_digit_hand_computed_old_format():
    # 8*2+8*3+1*4+0+0+0+0+1*9 = 53; 53 % 11 = 9  (so "88100001.4" is invalid)
    assert pn.check_digit("88100001") == "9"
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse("88100001.4", TODAY)
    assert err.value.code == "check"


def test_remainder_ten_is_written_x():
    body = "201811564288"
    assert sum(int(d) * w for d, w in zip(body, pn.WEIGHTS, strict=True)) % 11 == 10
    assert pn.check_digit(body) == "X"


@pytest.mark.parametrize(
    "raw",
    [
        "ZL200510096239.4",
        "zl 2005 1 0096239.4",
        "CN200510096239.4",
        "CN 200510096239 4",
        "200510096239 . 4",
        "２００５１００９６２３９．４",
        "ＺＬ200510096239.4",
        "  200510096239.4\n",
        "2005100962394",
    ],
)
def test_prefixes_spaces_dots_are_normalised(raw):
    assert pn.canonical(raw, TODAY) == "200510096239.4"


def test_lower_case_x_accepted():
    assert pn.canonical("ZL201811564288.x", TODAY) == "201811564288.X"


def test_normalise_keeps_check_without_dot():
    assert pn.normalise("ZL 2005 1 0096239.4") == "2005100962394"


def test_parse_new_format_fields():
    number = pn.parse("ZL200510096239.4", TODAY)
    assert (number.year, number.kind, number.serial, number.check) == (2005, pn.INVENTION, 96239, "4")
    assert not number.is_old_format
    assert number.type_digit == "1"
    assert number.display() == "ZL200510096239.4"
    assert str(number) == "200510096239.4"


def test_parse_old_format_fields():
    number = pn.parse("ZL99113861.9", TODAY)
    assert (number.year, number.kind, number.serial) == (1999, pn.INVENTION, 13861)
    assert number.is_old_format
    assert pn.parse("01105715.7", TODAY).year == 2001


@pytest.mark.parametrize(
    ("digit", "kind"),
    [
        ("1", pn.INVENTION),
        ("2", pn.UTILITY_MODEL),
        ("3", pn.DESIGN),
        ("8", pn.PCT_INVENTION),
        ("9", pn.PCT_UTILITY_MODEL),
    ],
)
def test_every_type_digit_new_and_old(digit, kind):
    assert pn.parse(pn.make(2008, digit, 12345), TODAY).kind == kind
    old_body = f"98{digit}00042"
    assert pn.parse(f"{old_body}.{pn.check_digit(old_body)}", TODAY).kind == kind


@pytest.mark.parametrize("digit", ["0", "4", "5", "6", "7"])
def test_unknown_type_digit(digit):
    body = f"2008{digit}0012345"
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(f"{body}.{pn.check_digit(body)}", TODAY)
    assert err.value.code == "type"
    assert "类型" in err.value.message_zh and "type digit" in err.value.message_en


@pytest.mark.parametrize("bad_check", ["0", "1", "2", "4", "5", "6", "7", "8", "9", "X"])
def test_every_wrong_check_character(bad_check):
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(f"200810012345.{bad_check}", TODAY)
    assert err.value.code == "check"
    assert "应为3" in err.value.message_zh


@pytest.mark.parametrize(
    "raw",
    ["2008100123.4", "20081001234.5", "2008100123456.7", "8810001.3", "881000011.2", "1", "ZL"],
)
def test_wrong_length(raw):
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(raw, TODAY)
    assert err.value.code in {"length", "empty"}


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty(raw):
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(raw, TODAY)
    assert err.value.code == "empty"


@pytest.mark.parametrize("raw", ["2008A0012345.3", "200810012345.Y", "US200810012345.3", "2008-10012345.3"])
def test_bad_characters(raw):
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(raw, TODAY)
    assert err.value.code == "characters"


def test_future_year():
    number = pn.make(2027, "1", 1)
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(number, TODAY)
    assert err.value.code == "future_year"
    assert pn.parse(number, dt.date(2027, 1, 1)).year == 2027


def test_new_format_before_2003_rejected():
    body = "200210012345"
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(f"{body}.{pn.check_digit(body)}", TODAY)
    assert err.value.code == "year"


@pytest.mark.parametrize("yy", ["04", "10", "84"])
def test_old_format_outside_1985_2003_rejected(yy):
    body = f"{yy}100001"
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse(f"{body}.{pn.check_digit(body)}", TODAY)
    assert err.value.code == "year"


def test_year_2003_valid_in_both_formats():
    assert pn.parse(pn.make(2003, "1", 1), TODAY).year == 2003
    body = "03100001"
    assert pn.parse(f"{body}.{pn.check_digit(body)}", TODAY).year == 2003


def test_check_digit_rejects_bad_body():
    with pytest.raises(pn.PatentNumberError):
        pn.check_digit("12345")
    with pytest.raises(pn.PatentNumberError):
        pn.check_digit("2008100123a5")


def test_error_message_is_bilingual():
    with pytest.raises(pn.PatentNumberError) as err:
        pn.parse("200810012345.4", TODAY)
    assert "校验位错误" in str(err.value) and "wrong check character" in str(err.value)


def test_make_round_trips():
    number = pn.make(2008, "2", 7)
    assert number == "200820000007." + pn.check_digit("200820000007")
    assert pn.parse(number, TODAY).serial == 7
