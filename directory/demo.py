"""Demo organisations and people across Luoyang's 2008 regions, with valid identifiers."""

import datetime as dt

from django.utils import timezone

from core.search import document
from core.seeding import indexes_built_after, insert_rows

from . import demo_data
from .models import Organisation, Person, Region, id_number_fields

# organisations, people per scale
SIZES = {"small": (80, 300), "city": (5_000, 20_000), "province": (50_000, 200_000)}
KIND_SHARE = [  # of organisations
    (Organisation.Kind.ENTERPRISE, 0.80), (Organisation.Kind.UNIVERSITY, 0.02), (Organisation.Kind.INSTITUTE, 0.06),
    (Organisation.Kind.HOSPITAL, 0.04), (Organisation.Kind.PUBLIC_INSTITUTION, 0.03),
    (Organisation.Kind.INTERMEDIARY, 0.04), (Organisation.Kind.GOVERNMENT, 0.01),
]
DEMO_DAY = dt.date(2008, 7, 1)
BATCH = 2000


# The columns of a demo person row, in the order _people_rows gives them (see core.seeding.insert_rows).
PERSON_FIELDS = ("name", "organisation_id", "title", "degree", "disciplines", "phone", "email", "search_text",
                 "id_number_encrypted", "id_number_index", "id_number_masked", "birth_date", "sex")


def _people_rows(rng, organisations: list[Organisation], n_people: int, birth_codes: list[str]):
    """Each organisation's first person, then people at random organisations: plain rows, not
    Person instances (200,000 at province scale)."""
    make_person = demo_data.person_maker(birth_codes, today=DEMO_DAY, seen_ids=set())
    today = timezone.localdate()  # what each ID number is validated against, read once
    for index in range(n_people):
        org = organisations[index % len(organisations)] if index < len(organisations) else rng.choice(organisations)
        record = make_person(rng, org.kind)
        disciplines = "、".join(record.disciplines)
        stored = id_number_fields(record.resident_id, today=today)
        yield (record.name, org.pk, record.title, record.degree, disciplines, record.phone, record.email,
               document(record.name, record.title, disciplines), *(stored[name] for name in PERSON_FIELDS[8:]))


def seed(scale: str, rng, stdout=None) -> str:
    n_orgs, n_people = SIZES[scale]
    regions = list(Region.objects.valid_on(DEMO_DAY).exclude(level=Region.Level.CITY))
    region_pairs = [(r.code, r.name) for r in regions]
    by_code = {r.code: r for r in regions}
    names: set[str] = set()
    codes: set[str] = set()
    organisations = []
    for kind, share in KIND_SHARE:
        count = max(2, round(n_orgs * share))
        for record in demo_data.demo_organisations(rng, count, kind, region_pairs, seen_names=names, seen_codes=codes):
            org = Organisation(
                name=record.name, credit_code=record.credit_code, kind=record.kind, region=by_code[record.region_code],
                industry=record.industry, address=record.address, contact_phone=record.contact_phone,
                former_ministry_institute=record.former_ministry_institute,
            )
            org.search_text = document(org.name, org.industry, org.address)
            organisations.append(org)
    with indexes_built_after(Organisation, Person):
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        organisations = list(Organisation.objects.order_by("pk"))
        insert_rows(Person, PERSON_FIELDS, _people_rows(rng, organisations, n_people, [c for c, _ in region_pairs]),
                    batch_size=BATCH)
    return f"{len(organisations)} organisations, {n_people} people"
