"""Identifiers valid by construction: unified social credit codes (GB 32100) and resident ID numbers (GB 11643)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from core.validators import (
    SEX_FEMALE,
    SEX_MALE,
    USCC_ALPHABET,
    org_code_check_char,
    resident_id_check_char,
    uscc_check_char,
)

from .common import _MAX_TRIES, Kind, _below, _chars, _Weighted

# --- unified social credit codes ---------------------------------------------------------

# (registration authority + category, weight) per kind: universities and hospitals are mostly
# public institutions (12), some private (52 民办非企业单位); societies and associations are
# social organisations (51). Whatever the kind, a company (…公司) is an enterprise (91).
_COMPANY_PREFIX = "91"
_USCC_PREFIXES = {
    Kind.ENTERPRISE: _Weighted.of(((_COMPANY_PREFIX, 1),)),
    Kind.UNIVERSITY: _Weighted.of((("12", 9), ("52", 1))),
    Kind.INSTITUTE: _Weighted.of((("12", 1),)),
    Kind.HOSPITAL: _Weighted.of((("12", 7), ("52", 3))),
    Kind.PUBLIC_INSTITUTION: _Weighted.of((("12", 1),)),
    Kind.INTERMEDIARY: _Weighted.of((("91", 6), ("52", 2), ("51", 2))),
    Kind.GOVERNMENT: _Weighted.of((("11", 1),)),
}
# Since 2015 newly registered bodies get organisation codes in lettered blocks.
_NEW_SERIES = {"9": "MA", "1": "MB", "5": "MJ"}


def _check_region_code(region_code: str) -> None:
    if len(region_code) != 6 or not (region_code.isascii() and region_code.isdigit()):
        raise ValueError(f"region code must be 6 digits, got {region_code!r}")


def _org_code_body(rng: random.Random, authority: str) -> str:
    if rng.random() < 0.5:  # registered before 2015: the old all-digit organisation code
        return _chars(rng, "0123456789", 8)
    return _NEW_SERIES.get(authority, "MA") + _chars(rng, USCC_ALPHABET, 6)


def uscc_for(
    rng: random.Random, region_code: str, kind: str, seen: set[str] | None = None, *, company: bool = False
) -> str:
    """A valid unified social credit code for an organisation of ``kind`` in ``region_code``.

    ``company`` forces the enterprise prefix 91 (a research institute registered as a
    company, for instance). Pass the same ``seen`` set across calls to get codes unique over
    all of them.
    """
    if kind not in _USCC_PREFIXES:
        raise ValueError(f"unknown organisation kind {kind!r}")
    _check_region_code(region_code)
    for _ in range(_MAX_TRIES):
        prefix = _COMPANY_PREFIX if company else _USCC_PREFIXES[kind].pick(rng)
        body = _org_code_body(rng, prefix[0])
        first17 = prefix + region_code + body + org_code_check_char(body)
        code = first17 + uscc_check_char(first17)
        if seen is None or code not in seen:
            if seen is not None:
                seen.add(code)
            return code
    raise RuntimeError("could not find an unused credit code")  # pragma: no cover


# --- resident ID numbers -----------------------------------------------------------------


def resident_id_for(
    rng: random.Random,
    region_code: str,
    birth_date: datetime.date,
    sex: str,
    seen: set[str] | None = None,
) -> str:
    """A valid resident ID number: address code, birth date, order code of the right parity.

    The order code's last digit is odd for men and even for women (GB 11643); about 500
    order codes exist per place, day and sex, so with ``seen`` a ValueError says when they
    are used up.
    """
    if sex not in (SEX_MALE, SEX_FEMALE):
        raise ValueError(f"sex must be {SEX_MALE!r} or {SEX_FEMALE!r}, got {sex!r}")
    _check_region_code(region_code)
    if not datetime.date(1900, 1, 1) <= birth_date <= timezone.localdate():
        raise ValueError(f"birth date {birth_date} is outside 1900..today")
    return _resident_id(rng, region_code, birth_date, sex, seen)


def _resident_id(
    rng: random.Random, region_code: str, birth_date: datetime.date, sex: str, seen: set[str] | None
) -> str:
    # The unchecked core of resident_id_for, for bulk callers that checked their inputs once.
    stem = f"{region_code}{birth_date.year:04d}{birth_date.month:02d}{birth_date.day:02d}"
    parity = 1 if sex == SEX_MALE else 0
    for _ in range(_MAX_TRIES):
        order = (_below(rng, 500) * 2 + parity) or 2  # 000 is never issued
        first17 = f"{stem}{order:03d}"
        number = first17 + resident_id_check_char(first17)
        if seen is None or number not in seen:
            if seen is not None:
                seen.add(number)
            return number
    raise ValueError(f"no unused order code left for {stem} and sex {sex}")
