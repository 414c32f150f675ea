"""Demo organisations and people across Luoyang's 2008 regions, with valid identifiers."""

import datetime as dt

from core.search import document

from . import demo_data
from .models import Organisation, Person, Region

# organisations, people per scale
SIZES = {"small": (80, 300), "city": (5_000, 20_000), "province": (50_000, 200_000)}
KIND_SHARE = [  # of organisations
    (Organisation.Kind.ENTERPRISE, 0.80), (Organisation.Kind.UNIVERSITY, 0.02), (Organisation.Kind.INSTITUTE, 0.06),
    (Organisation.Kind.HOSPITAL, 0.04), (Organisation.Kind.PUBLIC_INSTITUTION, 0.03),
    (Organisation.Kind.INTERMEDIARY, 0.04), (Organisation.Kind.GOVERNMENT, 0.01),
]
DEMO_DAY = dt.date(2008, 7, 1)
BATCH = 2000


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
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    organisations = list(Organisation.objects.order_by("pk"))
    ids: set[str] = set()
    people = []
    birth_codes = [c for c, _ in region_pairs]
    for index in range(n_people):
        org = organisations[index % len(organisations)] if index < len(organisations) else rng.choice(organisations)
        record = demo_data.demo_people(rng, 1, org.kind, birth_codes, today=DEMO_DAY, seen_ids=ids)[0]
        person = Person(
            name=record.name, organisation=org, title=record.title, degree=record.degree,
            disciplines="、".join(record.disciplines), phone=record.phone, email=record.email,
        )
        person.set_id_number(record.resident_id)
        person.search_text = document(person.name, person.title, person.disciplines)
        people.append(person)
        if len(people) >= BATCH:
            Person.objects.bulk_create(people)
            people = []
    Person.objects.bulk_create(people)
    return f"{len(organisations)} organisations, {n_people} people"
