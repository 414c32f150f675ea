"""Demo sharing network: about 60 large instruments of 15 owners (universities, institutes,
hospitals and enterprises; the demo org_admin's enterprise among them) with a year (2008, the
plan year) of bookings, blackouts, training records and usage. Bigger scales for benchmarks:
city 200 instruments of 40 owners, province 2,000 of 300."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from core import bulk_insert
from core.search import document
from directory.models import Organisation

from . import billing
from .demo_literature import seed_literature
from .models import Blackout, Booking, Category, Instrument, Training, Usage

YEAR = 2008
SCALES = {"small": (15, 4), "city": (40, 5), "province": (300, 7)}  # owners, instruments per owner
MODELS = [
    # name, category, value range in 万元, hourly fee (internal)
    ("场发射扫描电子显微镜", Category.ANALYSIS, (150, 400), 200),
    ("透射电子显微镜", Category.ANALYSIS, (300, 900), 400),
    ("X射线衍射仪", Category.ANALYSIS, (60, 200), 120),
    ("电感耦合等离子体质谱仪", Category.ANALYSIS, (80, 250), 180),
    ("液相色谱-质谱联用仪", Category.ANALYSIS, (100, 300), 160),
    ("核磁共振波谱仪", Category.ANALYSIS, (200, 600), 300),
    ("万能材料试验机", Category.PHYSICAL, (50, 150), 80),
    ("三坐标测量机", Category.METROLOGY, (60, 180), 100),
    ("激光粒度分析仪", Category.PHYSICAL, (50, 90), 60),
    ("高速动态信号分析系统", Category.ELECTRONIC, (50, 120), 70),
    ("工业CT检测系统", Category.SPECIAL_TESTING, (200, 500), 260),
    ("大功率激光加工系统", Category.LASER, (80, 260), 150),
    ("高性能计算集群", Category.COMPUTING, (100, 400), 50),
    ("数字化X射线摄影系统", Category.MEDICAL, (60, 200), 90),
    ("热分析联用系统", Category.ANALYSIS, (50, 100), 70),
]
FEE_FACTORS = {"fee_internal": Decimal("0.5"), "fee_other_org": Decimal("0.8"), "fee_city_enterprise": Decimal("1"),
               "fee_outside": Decimal("1.3")}


def _owners(count: int) -> list[Organisation]:
    from accounts.demo import demo_organisation

    kinds = [Organisation.Kind.UNIVERSITY, Organisation.Kind.INSTITUTE, Organisation.Kind.HOSPITAL]
    owners = list(Organisation.objects.filter(kind__in=kinds).order_by("pk")[: count * 2 // 3])
    enterprises = Organisation.objects.filter(kind=Organisation.Kind.ENTERPRISE).order_by("pk")
    demo = demo_organisation()
    if demo is not None:
        owners.append(demo)
    owners += list(enterprises.exclude(pk__in=[o.pk for o in owners])[: count - len(owners)])
    return owners[:count]


def _instrument(rng, owner: Organisation, number: int) -> Instrument:
    name, category, (low, high), fee = rng.choice(MODELS)
    purchase = dt.date(rng.randint(1998, YEAR - 1), rng.randint(1, 12), rng.randint(1, 28))
    status = rng.choices([Instrument.Status.IN_SERVICE, Instrument.Status.UNDER_REPAIR, Instrument.Status.RETIRED],
                         [92, 5, 3])[0]
    instrument = Instrument(
        owner=owner, name=name, model_number=f"{chr(65 + rng.randrange(26))}{rng.randint(100, 9999)}",
        manufacturer=rng.choice(["日立", "蔡司", "岛津", "安捷伦", "布鲁克", "赛默飞", "中科科仪", "洛阳精仪"]),
        category=category, original_value=Decimal(rng.randint(low, high) * 10000), purchase_date=purchase,
        location=f"{rng.choice('ABCDEF')}楼{rng.randint(1, 5)}{rng.randint(1, 30):02d}室", status=status,
        specifications=f"{name}，分辨率与量程见说明书；编号 {number}。",
        operator_contact=f"实验员{number} 0379-6{number:07d}",
        in_network=rng.random() < 0.9, slot_minutes=rng.choice([30, 60, 60, 60]), min_notice_hours=24,
        max_hours=rng.choice([4, 8, 8, 12]), approval_required=rng.random() < 0.6,
        training_required=rng.random() < 0.7,
        **{f: (Decimal(fee) * factor).quantize(Decimal("1")) for f, factor in FEE_FACTORS.items()},
    )
    instrument.search_text = document(instrument.name, instrument.model_number, instrument.manufacturer,
                                      instrument.specifications)
    return instrument


def _bookers(rng) -> list[User]:
    """Demo people who book: staff of organisations across the city, and a few individuals."""
    organisations = list(Organisation.objects.order_by("pk")[:60])
    password = make_password(None)  # unusable: these accounts only own demo bookings
    users = User.objects.bulk_create([User(username=f"yiqi-user-{i:02d}", display_name=f"仪器用户{i:02d}",
                                           password=password) for i in range(len(organisations) + 5)])
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role=Role.APPLICANT, organisation=o)
         for u, o in zip(users, organisations, strict=False)]
        + [RoleAssignment(user=u, role=Role.PUBLIC) for u in users[len(organisations):]])
    return list(User.objects.filter(pk__in=[u.pk for u in users]))


def _staff(owners: list[Organisation]) -> dict[int, User]:
    """One member of staff per owner, who books the owner's instruments at the internal price."""
    password = make_password(None)
    users = User.objects.bulk_create([User(username=f"yiqi-staff-{o.pk}", display_name=f"{o.name[:20]}实验员",
                                           password=password) for o in owners])
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, role=Role.APPLICANT, organisation=o)
                                        for u, o in zip(users, owners, strict=True)])
    return {o.pk: u for u, o in zip(users, owners, strict=True)}


def _bookings_of(rng, instrument: Instrument, bookers: list, organisation_of: dict, busy: float,
                 staff: dict) -> list[Booking]:
    result = []
    day = max(dt.date(YEAR, 1, 2), instrument.purchase_date)
    internal_share = rng.choice([0.2, 0.4, 0.6, 0.8])
    while day.year == YEAR:
        if day.weekday() < 5 and rng.random() < busy:
            user = staff[instrument.owner_id] if rng.random() < internal_share else rng.choice(bookers)
            organisation = instrument.owner if user == staff[instrument.owner_id] else organisation_of.get(user.pk)
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 13))))
            hours = rng.choice([2, 2, 3, 4, 4, 6])
            status = rng.choices([Booking.Status.USED, Booking.Status.NO_SHOW, Booking.Status.CANCELLED], [88, 4, 8])[0]
            result.append(Booking(
                instrument=instrument, user=user, organisation=organisation, start=start,
                end=start + dt.timedelta(hours=hours),
                purpose=rng.choice(["样品表征", "材料检测", "课题研究", "产品质检"]),
                self_use=False, price_group=billing.price_group(instrument, organisation), status=status))
        day += dt.timedelta(days=1)
    return result


def _usage(rng, booking: Booking) -> Usage:
    hours = (booking.hours * Decimal(rng.choice(["0.75", "0.9", "1", "1"]))).quantize(Decimal("0.5"))
    rate = booking.instrument.rate(booking.price_group)
    return Usage(booking=booking, hours=hours, samples=rng.randint(1, 20), operator="实验员",
                 rate=rate, fee=billing.fee(rate, hours))


def seed(scale: str, rng, stdout=None) -> str:
    owner_count, per_owner = SCALES[scale]
    owners = _owners(owner_count)
    instruments = Instrument.objects.bulk_create(
        [_instrument(rng, owner, i * per_owner + j) for i, owner in enumerate(owners) for j in range(per_owner)])
    bookers = _bookers(rng)
    staff = _staff(owners)
    organisation_of = {a.user_id: a.organisation for a in RoleAssignment.objects.filter(
        user__in=bookers, organisation__isnull=False).select_related("organisation__region")}
    bookings = 0
    for instrument in instruments:
        if not instrument.in_network or instrument.status == Instrument.Status.RETIRED:
            continue
        # core.bulk_insert, not bulk_create: its SQL building was most of the 164,000 bookings' time.
        rows = bulk_insert.insert(
            _bookings_of(rng, instrument, bookers, organisation_of, rng.choice([0.03, 0.15, 0.3, 0.5, 0.7]), staff))
        bulk_insert.insert([_usage(rng, b) for b in rows if b.status == Booking.Status.USED])
        bookings += len(rows)
        first = dt.date(YEAR, rng.randint(1, 12), rng.randint(1, 20))
        start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
        Blackout.objects.create(instrument=instrument, start=start, end=start + dt.timedelta(days=3),
                                reason=rng.choice(["年度检定校准", "设备维护保养", "节假日停机"]))
    Training.objects.bulk_create([Training(instrument=i, user=u, trained_on=dt.date(YEAR, 3, 1))
                                  for i in instruments[:10] for u in bookers[:3]])
    resources = seed_literature(rng, YEAR)
    return (f"{len(instruments)} instruments of {len(owners)} owners, {bookings} bookings in {YEAR};"
            f" {resources} shared literature resources")
