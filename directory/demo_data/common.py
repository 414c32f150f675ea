"""Organisation kinds and the cheap random draws every generator here uses."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate


class Kind:
    """The organisation kinds: the values of ``directory.models.Organisation.Kind``, named here so
    that this package needs no Django."""

    ENTERPRISE = "enterprise"
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    HOSPITAL = "hospital"
    PUBLIC_INSTITUTION = "public_institution"
    INTERMEDIARY = "intermediary"
    GOVERNMENT = "government"


KINDS = (
    Kind.ENTERPRISE, Kind.UNIVERSITY, Kind.INSTITUTE, Kind.HOSPITAL, Kind.PUBLIC_INSTITUTION, Kind.INTERMEDIARY,
    Kind.GOVERNMENT,
)

# A bounded number of retries before we conclude a name/code space is exhausted.
_MAX_TRIES = 1000


# Bulk generation (200,000 people) is dominated by calls into ``random``; one ``random()``
# per draw is several times cheaper than ``choice``/``choices``/``randrange``.
def _below(rng: random.Random, n: int) -> int:
    return int(rng.random() * n)


def _pick(rng: random.Random, seq: Sequence[str]) -> str:
    return seq[int(rng.random() * len(seq))]


def _chars(rng: random.Random, alphabet: str, k: int) -> str:
    size = len(alphabet)
    return "".join([alphabet[int(rng.random() * size)] for _ in range(k)])


@dataclass(frozen=True)
class _Weighted:
    """A weighted choice with the cumulative weights computed once (hot in bulk runs)."""

    values: tuple[str, ...]
    cum_weights: tuple[int, ...]

    @classmethod
    def of(cls, table: Sequence[tuple[str, int]]) -> _Weighted:
        values, weights = zip(*table, strict=True)
        return cls(tuple(values), tuple(accumulate(weights)))

    def pick(self, rng: random.Random) -> str:
        return self.values[bisect(self.cum_weights, rng.random() * self.cum_weights[-1])]
