"""Deterministic, realistic demo data for Luoyang: organisations and people.

Every function takes a ``random.Random`` and draws from it only, so the same seed gives the
same data on every machine (``seed_demo`` relies on this). Nothing here touches the database
or Django settings: the caller turns the returned dataclasses into model instances through
the directory services.

Identifiers are generated valid by construction (both check characters of the credit code,
the ID check character) and made unique with the optional ``seen`` sets, because at
province scale random collisions are certain (200,000 ID numbers over a few regions and
birth dates collide hundreds of times).

Kinds are the values of ``directory.models.Organisation.Kind``; degrees and sexes are the
values of ``Person.Degree`` and ``Person.Sex``.

Modules: `common` (kinds, random draws), `identifiers` (credit codes, ID numbers),
`organisations` and `people` (names and details), `records` (whole demo records).
"""

from core.validators import SEX_FEMALE, SEX_MALE

from .common import KINDS, Kind
from .identifiers import resident_id_for, uscc_for
from .organisations import ENTERPRISE_INDUSTRIES, FAMOUS_ENTERPRISES, org_name, unique_org_names
from .people import address_for, person_name
from .records import demo_organisations, demo_people, person_maker

# What the seed, the other apps' demos and the tests use; the rest stays inside the package.
__all__ = [
    "ENTERPRISE_INDUSTRIES",
    "FAMOUS_ENTERPRISES",
    "KINDS",
    "SEX_FEMALE",
    "SEX_MALE",
    "Kind",
    "address_for",
    "demo_organisations",
    "demo_people",
    "org_name",
    "person_maker",
    "person_name",
    "resident_id_for",
    "unique_org_names",
    "uscc_for",
]
