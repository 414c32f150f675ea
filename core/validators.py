"""Validators for the identifiers the bureau handles.

* Unified social credit code (统一社会信用代码, GB 32100-2015), including the embedded
  organisation code (组织机构代码, GB 11714-1997).
* Resident identity number (公民身份号码, GB 11643-1999).

The module imports without Django settings configured (only ``gettext_lazy`` and
``ValidationError`` are used, both safe), so demo-data generators and scripts can use it.
Every rejection carries a distinct ``code`` so that forms, importers and tests can tell the
reasons apart without comparing translated text.
"""

from __future__ import annotations

import datetime
import operator
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric as stdnum_ric

MAX_ID = 2**63 - 1  # the largest primary key a BIGINT (and SQLite's INTEGER) holds

# Province-level codes of GB/T 2260 (first two digits of a region code), plus 71/81/82
# (Taiwan, Hong Kong, Macao) and 83, which residence permits for Taiwan residents use.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54"}
    | {"61", "62", "63", "64", "65", "71", "81", "82", "83"}
)


# --- Unified social credit code (GB 32100-2015) -----------------------------------------

USCC_LENGTH = 18
# GB 32100 code character set: digits and capital letters except I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_FORBIDDEN_LETTERS = frozenset("IOZSV")
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, …
_USCC_VALUES = {c: i for i, c in enumerate(USCC_ALPHABET)}
# Positions 3-8 name the registering authority's region; national bodies use 100000.
USCC_REGION_PREFIXES = PROVINCE_CODES | {"10"}

# Registration authority (登记管理部门, position 1) → allowed category codes (机构类别,
# position 2), from the GB 32100 table as amended (A and N were added after 2015).
USCC_AUTHORITIES: dict[str, tuple[str, frozenset[str]]] = {
    "1": ("机构编制", frozenset("1239")),  # 机关, 事业单位, 中央编办管理的群众团体, 其他
    "2": ("外交", frozenset("19")),
    "3": ("司法行政", frozenset("123459")),  # 律所, 公证处, 基层法律服务所, 司法鉴定, 仲裁委
    "4": ("文化", frozenset("19")),
    "5": ("民政", frozenset("1239")),  # 社会团体, 民办非企业单位, 基金会, 其他
    "6": ("旅游", frozenset("129")),
    "7": ("宗教", frozenset("129")),
    "8": ("工会", frozenset("19")),
    "9": ("工商", frozenset("123")),  # 企业, 个体工商户, 农民专业合作社
    "A": ("中央军委改革和编制办公室", frozenset("19")),
    "N": ("农业", frozenset("1239")),  # 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": ("其他", frozenset("1")),
}

# GB 11714-1997 organisation code: 8 body characters + 1 check character.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}

_SEPARATORS = re.compile(r"[\s\-]+")


def _normalise_identifier(value: str) -> str:
    # NFKC turns full-width digits and letters (common from Chinese input methods) into
    # ASCII; separators people paste from licences and cards are dropped.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(value or ""))).upper()


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def normalise_uscc(value: str) -> str:
    """Drop spaces/hyphens, fold full-width characters, upper-case."""
    return _normalise_identifier(value)


def org_code_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation-code body.

    C9 = 11 - (Σ value·weight mod 11); 10 is written X and 11 is written 0.
    """
    if len(body) != 8 or any(c not in _ORG_CODE_VALUES for c in body):
        raise ValueError(f"organisation code body must be 8 digits/letters, got {body!r}")
    check = 11 - sum(_ORG_CODE_VALUES[c] * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character of the first 17 characters of a credit code.

    C18 = 31 - (Σ value·weight mod 31) with weights 3^i mod 31; 31 is written 0. The value
    of a character is its index in ``USCC_ALPHABET``. ``stdnum.cn.uscc.calc_check_digit``
    computes the same (the tests hold the two together) but is ~5x slower, which matters when
    the demo data makes 50,000 codes.
    """
    try:
        values = [_USCC_VALUES[c] for c in first17]
    except KeyError:
        values = []
    if len(values) != 17:
        raise ValueError(f"need 17 characters of the GB 32100 alphabet, got {first17!r}")
    return USCC_ALPHABET[-sum(map(operator.mul, values, USCC_WEIGHTS)) % 31]


def _check_length(identifier: str, length: int, message, code: str) -> None:
    """An identifier of another length is refused first; the message is told the length it has."""
    if len(identifier) != length:
        raise ValidationError(message, code=code, params={"length": len(identifier)})


def validate_uscc(value: str) -> str:
    """Validate a unified social credit code; return it normalised.

    ``stdnum.cn.uscc.validate`` is not used for the whole check: it insists that the first
    eight characters are digits and so rejects codes issued by authorities A, N and Y, and it
    does not check the embedded organisation code. The checks run in the order of the
    messages a clerk can act on: length, letters, authority/category, region, the two checks.
    """
    code = normalise_uscc(value)
    _check_length(
        code,
        USCC_LENGTH,
        _("统一社会信用代码应为18位（当前%(length)d位）。A credit code has 18 characters."),
        "uscc_length",
    )
    forbidden = sorted({c for c in code if c in USCC_FORBIDDEN_LETTERS})
    if forbidden:
        raise ValidationError(
            _(
                "统一社会信用代码不使用字母 I、O、Z、S、V（发现：%(letters)s）。"
                "Credit codes never contain the letters I, O, Z, S or V."
            ),
            code="uscc_forbidden_letter",
            params={"letters": "、".join(forbidden)},
        )
    if any(c not in USCC_ALPHABET for c in code):
        raise ValidationError(
            _("统一社会信用代码只能由数字和大写字母组成。Only digits and capital letters are allowed."),
            code="uscc_invalid_char",
        )
    _check_uscc_authority(code[0], code[1])
    if not _is_ascii_digits(code[2:8]) or code[2:4] not in USCC_REGION_PREFIXES:
        raise ValidationError(
            _("统一社会信用代码第3-8位应为6位行政区划代码。Characters 3-8 must be a region code."),
            code="uscc_region",
        )
    if org_code_check_char(code[8:16]) != code[16]:
        raise ValidationError(
            _(
                "统一社会信用代码第9-17位的组织机构代码校验位不正确。"
                "The organisation code (characters 9-17) fails its check."
            ),
            code="uscc_org_code_check",
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验码（第18位）不正确。Wrong check character (18th)."), code="uscc_check_char"
        )
    return code


def _check_uscc_authority(authority: str, category: str) -> None:
    if authority not in USCC_AUTHORITIES:
        raise ValidationError(
            _("统一社会信用代码第1位登记管理部门代码“%(char)s”无效。Unknown registration authority code."),
            code="uscc_authority",
            params={"char": authority},
        )
    if category not in USCC_AUTHORITIES[authority][1]:
        raise ValidationError(
            _(
                "统一社会信用代码第2位机构类别代码“%(char)s”与登记管理部门不符。"
                "The category code does not fit the registration authority."
            ),
            code="uscc_category",
            params={"char": category},
        )


def is_valid_uscc(value: str) -> bool:
    try:
        validate_uscc(value)
    except ValidationError:
        return False
    return True


# --- Resident identity number (GB 11643-1999) --------------------------------------------

RESIDENT_ID_LENGTH = 18
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
SEX_MALE = "M"
SEX_FEMALE = "F"


def normalise_resident_id(value: str) -> str:
    """Drop spaces, fold full-width characters, upper-case (a lowercase x is common)."""
    return _normalise_identifier(value)


def resident_id_check_char(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) for 17 digits.

    Delegates to ``stdnum.cn.ric.calc_check_digit`` which expects the full 18-character
    number; the placeholder last character is ignored by it.
    """
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValueError(f"need 17 digits, got {first17!r}")
    return stdnum_ric.calc_check_digit(first17 + "0")


def _birth_date_or_none(number: str) -> datetime.date | None:
    try:
        return _encoded_birth_date(number)
    except ValueError:
        return None


def _encoded_birth_date(number: str) -> datetime.date:
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate_resident_id(value: str, *, today: datetime.date | None = None) -> str:
    """Validate an 18-character resident ID number; return it normalised.

    We do not call ``stdnum.cn.ric.is_valid``: it looks the address code up in a table that
    raises KeyError for some codes and rejects older codes that were valid when issued.
    """
    number = normalise_resident_id(value)
    _check_length(
        number,
        RESIDENT_ID_LENGTH,
        _("身份证号码应为18位（当前%(length)d位）。An ID number has 18 characters (got %(length)d)."),
        "resident_id_length",
    )
    if not _is_ascii_digits(number[:17]) or number[17] not in "0123456789X":
        raise ValidationError(
            _("身份证号码前17位应为数字，最后一位为数字或X。17 digits, then a digit or X."),
            code="resident_id_format",
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("身份证号码前两位“%(code)s”不是有效的省级行政区划代码。Unknown province code."),
            code="resident_id_province",
            params={"code": number[:2]},
        )
    _check_birth_date(number, today or timezone.localdate())
    if resident_id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("身份证号码校验码（第18位）不正确。Wrong check character (18th)."),
            code="resident_id_check_char",
        )
    return number


def _check_birth_date(number: str, today: datetime.date) -> None:
    born = _birth_date_or_none(number)
    if born is None:
        raise ValidationError(
            _("身份证号码中的出生日期%(digits)s不是有效日期。The birth date is not a real date."),
            code="resident_id_birth_date",
            params={"digits": number[6:14]},
        )
    if born > today:
        raise ValidationError(
            _("身份证号码中的出生日期晚于今天。The birth date is in the future."),
            code="resident_id_birth_future",
        )
    if born < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            _("身份证号码中的出生日期早于1900年。The birth date is before 1900."),
            code="resident_id_birth_too_early",
        )


def is_valid_resident_id(value: str, *, today: datetime.date | None = None) -> bool:
    try:
        validate_resident_id(value, today=today)
    except ValidationError:
        return False
    return True


def mask_resident_id(value: str) -> str:
    """Show the first 4 and last 4 characters only: 4103**********1234.

    Anything too short to mask meaningfully is fully starred, never shown.
    """
    number = normalise_resident_id(value)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def birth_date_of(value: str) -> datetime.date:
    """Birth date encoded in a valid resident ID number (positions 7-14)."""
    return birth_date_and_sex(validate_resident_id(value))[0]


def sex_of(value: str) -> str:
    """``SEX_MALE`` or ``SEX_FEMALE``: the 17th digit is odd for men, even for women."""
    return birth_date_and_sex(validate_resident_id(value))[1]


def birth_date_and_sex(number: str) -> tuple[datetime.date, str]:
    """Both, read from a number ``validate_resident_id`` has returned (not checked again)."""
    return _encoded_birth_date(number), SEX_MALE if int(number[16]) % 2 else SEX_FEMALE


# --- Dates a record states as past (the models' clean(), so every way in refuses the same) ----


def future_date_error(day: datetime.date | None, field_label) -> ValidationError | None:
    """The one "not in the future" rule for dates a record reports as having happened."""
    if day and day > timezone.localdate():
        return ValidationError(
            _("%(field)s不能晚于今天。The date is in the future."), code="future", params={"field": field_label}
        )
    return None


def future_year_error(year: int | None) -> ValidationError | None:
    if year is not None and year > timezone.localdate().year:
        return ValidationError(_("年度不能晚于今年。The year is in the future."), code="future")
    return None


def raise_errors(errors: dict[str, ValidationError | None]) -> None:
    """Raise the errors found, each beside its field (None = that check passed)."""
    found = {field: error for field, error in errors.items() if error is not None}
    if found:
        raise ValidationError(found)
