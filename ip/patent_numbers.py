"""Chinese patent application numbers (专利申请号) per ZC 0006-2003.

Two formats exist:

* old (1985 – 30 Sep 2003): 8 digits + check, ``YYTSSSSS.C`` — 2-digit year,
  1 type digit, 5-digit serial;
* new (from 1 Oct 2003): 12 digits + check, ``YYYYTSSSSSSS.C`` — 4-digit year,
  1 type digit, 7-digit serial.

Type digits: 1 invention, 2 utility model, 3 design, 8 PCT application for an
invention entering the Chinese national phase, 9 PCT application for a utility
model entering the national phase.

Check character: each body digit is multiplied by a weight, left to right,
weights 2,3,4,5,6,7,8,9 then again 2,3,4,5; the sum modulo 11 is the check
value, 10 is written "X".  (It is *not* ``11 - sum % 11`` as in the ID card.)
Verified against published numbers, e.g. ZL200510096239.4, ZL201811564288.X,
ZL202110377287.X (new) and ZL99113861.9, ZL01105715.7, ZL00125301.8 (old).

Canonical form chosen here (stored in the database, unique): body digits, a
dot, the check character, no prefix, no spaces — ``200810012345.6`` or
``99113861.9``.  ``display()`` adds the customary "ZL" prefix.

Pure Python on purpose: no Django import, so it runs anywhere (importers,
benchmarks, the model validator).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass

from core.today import today as current_date

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
CHECK_CHARS = "0123456789X"

INVENTION = "invention"
UTILITY_MODEL = "utility_model"
DESIGN = "design"
PCT_INVENTION = "pct_invention"
PCT_UTILITY_MODEL = "pct_utility_model"

KIND_BY_DIGIT = {
    "1": INVENTION,
    "2": UTILITY_MODEL,
    "3": DESIGN,
    "8": PCT_INVENTION,
    "9": PCT_UTILITY_MODEL,
}

OLD_FORMAT_FIRST_YEAR = 1985
# The 12-digit format started on 1 October 2003; 2003 exists in both.
OLD_FORMAT_LAST_YEAR = 2003
NEW_FORMAT_FIRST_YEAR = 2003

# Characters people paste around numbers: ASCII/full-width spaces, dots,
# the full-width dot "．" and the ideographic full stop "。".
_NOISE = re.compile(r"[\s\u3000.\uff0e\u3002·]")
_PREFIX = re.compile(r"^(ZL|CN)")
_DIGITS_AND_CHECK = re.compile(r"\d*[\dX]")


class PatentNumberError(ValueError):
    """Raised for an invalid number; carries Chinese and English messages.

    ``code`` is stable for tests and API clients; ``str()`` gives the Chinese
    message followed by the English one so a log line is readable by both.
    """

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{message_zh} ({message_en})")


@dataclass(frozen=True)
class PatentNumber:
    year: int
    kind: str  # one of KIND_BY_DIGIT's values
    serial: int
    check: str  # "0"-"9" or "X"
    body: str  # the 8 or 12 digits before the check character

    @property
    def is_old_format(self) -> bool:
        return len(self.body) == 8

    @property
    def type_digit(self) -> str:
        return self.body[2] if self.is_old_format else self.body[4]

    @property
    def canonical(self) -> str:
        return f"{self.body}.{self.check}"

    def display(self) -> str:
        return f"ZL{self.canonical}"

    def __str__(self) -> str:
        return self.canonical


# Full-width digits and letters (０-９, Ｘ, ＺＬ) are common in Word documents. Built once: an
# import normalises each row's number several times.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def normalise(s: str) -> str:
    """Strip prefix, spaces and dots; upper-case. Returns body + check, no dot.

    Only tidies the text; ``parse`` does the validation.
    """
    text = (s or "").strip().upper()
    text = text.translate(_FULL_WIDTH)
    text = _NOISE.sub("", text)
    return _PREFIX.sub("", text)


def check_digit(body: str) -> str:
    """Check character for an 8- or 12-digit body."""
    if len(body) not in (8, 12) or not body.isdigit():
        raise PatentNumberError(
            "length",
            "专利申请号主体应为8位或12位数字",
            "the number body must be 8 or 12 digits",
        )
    # map() stops at the body's end: an 8-digit body takes the first eight weights. (A million demo
    # patents are numbered here; this is twice as fast as a generator over zip.)
    total = sum(map(operator.mul, map(int, body), WEIGHTS))
    return CHECK_CHARS[total % 11]


def _split_year(body: str) -> int:
    if len(body) == 8:
        two = int(body[:2])
        # 85-99 are the 1900s, 00-03 the 2000s (the old format ended in 2003).
        return 1900 + two if two >= 85 else 2000 + two
    return int(body[:4])


def _validate_year(body: str, year: int, today: dt.date) -> None:
    if len(body) == 8:
        first, last = OLD_FORMAT_FIRST_YEAR, OLD_FORMAT_LAST_YEAR
    else:
        first, last = NEW_FORMAT_FIRST_YEAR, today.year
    # Only a 4-digit year can be "in the future"; a 2-digit one is just out of range.
    if len(body) == 12 and year > today.year:
        raise PatentNumberError(
            "future_year",
            f"申请年份{year}晚于当前年份",
            f"filing year {year} is in the future",
        )
    if not first <= year <= last:
        raise PatentNumberError(
            "year",
            f"申请年份{year}不在该格式的使用期({first}–{last})内",
            f"year {year} is outside this format's period ({first}-{last})",
        )


def parse(s: str, today: dt.date | None = None) -> PatentNumber:
    """Parse and validate; raise PatentNumberError with a bilingual reason."""
    return _parse(s, today or current_date())


# An import parses each row's number four times (the form, the chunk's duplicate prefetch, the
# model's validator and clean()); the result is immutable, and an error is not cached (raised anew).
@functools.lru_cache(maxsize=4096)
def _parse(s: str, today: dt.date) -> PatentNumber:
    text = normalise(s)
    if not text:
        raise PatentNumberError("empty", "专利申请号不能为空", "the application number is empty")
    body, check = text[:-1], text[-1]
    if not _DIGITS_AND_CHECK.fullmatch(text):
        raise PatentNumberError(
            "characters",
            "专利申请号只能由数字和校验位(数字或X)组成",
            "only digits and a check character (digit or X) are allowed",
        )
    if len(body) not in (8, 12):
        raise PatentNumberError(
            "length",
            f"专利申请号应为8位或12位数字加1位校验位,实际为{len(text)}位",
            f"expected 8 or 12 digits plus a check character, got {len(text)} characters",
        )
    year = _split_year(body)
    _validate_year(body, year, today)
    type_digit = body[2] if len(body) == 8 else body[4]
    if type_digit not in KIND_BY_DIGIT:
        raise PatentNumberError(
            "type",
            f"专利类型位“{type_digit}”无效,应为1、2、3、8或9",
            f"unknown patent type digit '{type_digit}' (expected 1, 2, 3, 8 or 9)",
        )
    expected = check_digit(body)
    if check != expected:
        raise PatentNumberError(
            "check",
            f"校验位错误:应为{expected},实际为{check}",
            f"wrong check character: expected {expected}, got {check}",
        )
    serial = int(body[3:] if len(body) == 8 else body[5:])
    return PatentNumber(year, KIND_BY_DIGIT[type_digit], serial, check, body)


def canonical(s: str, today: dt.date | None = None) -> str:
    """Validated canonical form, the value stored in ``Patent.number``."""
    return parse(s, today).canonical


def make(year: int, type_digit: str, serial: int) -> str:
    """Build a valid new-format canonical number (demo data, tests, benchmarks)."""
    body = f"{year:04d}{type_digit}{serial:07d}"
    return f"{body}.{check_digit(body)}"
