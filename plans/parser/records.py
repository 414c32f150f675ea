"""The records the parser finds (targets, numbered work items) and the text they come from:
reading a file in whatever encoding, masking it without moving an offset; the bundled seed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

KINDS = (
    "at_least",
    "range",
    "reach",
    "increase_to",
    "growth_rate",
    "point_increase",
    "keep_rank",
    "deadline",
)


@dataclass
class Target:
    """One quantitative target found in the plan text.

    ``value`` is set for single-valued kinds, ``min``/``max`` for ranges; ``stretch`` is the
    争取/力争 value when the sentence also gives a firm one. ``unit`` is as written (万元 stays
    万元, 亿元 stays 亿元); for keep_rank it is the rank phrase (全省前列). ``start``/``end``
    delimit ``excerpt`` (the sentence) in the source; ``match_start``/``match_end`` the
    number itself, for highlighting.
    """

    name: str
    kind: str
    unit: str = ""
    value: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    stretch: Decimal | None = None
    baseline: Decimal | None = None
    growth: Decimal | None = None
    deadline: str | None = None
    section: int | None = None
    excerpt: str = ""
    start: int = 0
    end: int = 0
    match_start: int = 0
    match_end: int = 0

    def to_dict(self) -> dict:
        """JSON-ready dict: Decimals become int or float, empty optional fields are dropped."""
        out = {}
        for key, val in asdict(self).items():
            if isinstance(val, Decimal):
                val = int(val) if val == val.to_integral_value() else float(val)
            if val is None and key not in ("name", "kind", "unit"):
                continue
            out[key] = val
        return out


@dataclass
class WorkItem:
    """A numbered key task of the plan (the seed has 20)."""

    number: int
    title: str
    body: str
    start: int  # of the body (after "3.")
    end: int
    head_start: int = 0  # of the line holding the number
    targets: list[Target] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading


def read_plan_text(path: str | Path) -> str:
    """Read a plan file that may be UTF-8 (with or without BOM) or GB18030.

    UTF-8 is tried first because valid GB18030 text almost never decodes as UTF-8 by
    accident, while the reverse happens all the time.
    """
    raw = Path(path).read_bytes()
    return decode_plan_bytes(raw)


def decode_plan_bytes(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Neither decodes cleanly: keep what GB18030 can read rather than refusing the file.
    return raw.decode("gb18030", errors="replace")


# ---------------------------------------------------------------------------- masking

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．－～，：；（）",
    "0123456789%.-~,:;()",
)
# HTML attribute debris pasted into the seed text: 1+value="4" unitname="”">4”
_HTML_DEBRIS = re.compile(r'(?:[A-Za-z_]+="[^"\n]*"\s*)+>?|</?[A-Za-z][^<>\n]{0,80}>')


def mask(text: str) -> str:
    """Same-length copy of ``text`` that the patterns below can read.

    Length is preserved so offsets found in the mask are offsets into the original.
    """
    masked = text.translate(_FULLWIDTH)
    return _HTML_DEBRIS.sub(lambda m: " " * len(m.group()), masked)


# ---------------------------------------------------------------------------- the seed

SEED_NAME = "luoyang-2008-st-work-points.txt"


def default_seed_path() -> Path:
    """The bundled plan: ``$TECHBUREAU_SEED_DIR``, else ``seed/`` in the repository, else the
    shared checkout next to it (``../shared/seed``)."""
    import os

    repo = Path(__file__).resolve().parents[2]
    candidates = [
        Path(os.environ["TECHBUREAU_SEED_DIR"]) if os.environ.get("TECHBUREAU_SEED_DIR") else None,
        repo / "seed",
        repo.parent / "shared" / "seed",
    ]
    for folder in filter(None, candidates):
        if (folder / SEED_NAME).exists():
            return folder / SEED_NAME
    raise FileNotFoundError(f"{SEED_NAME} not found in {[str(c) for c in candidates if c]}")
