"""Sharing statistics, the openness evaluation, statements and indicator sources against figures
computed by hand."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from core.testing import make_organisation, make_user
from instruments import documents, queries
from instruments.indicator_sources import sharing_rate
from instruments.models import Booking, Instrument, Usage
from plans import sources

from .conftest import make_instrument

pytestmark = pytest.mark.django_db


def used(instrument, user, organisation, group, hours, fee, day=dt.date(2025, 3, 3)):
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    booking = Booking.objects.create(instrument=instrument, user=user, organisation=organisation, start=start,
                                     end=start + dt.timedelta(hours=int(hours) + 1), purpose="x", price_group=group,
                                     status="used")
    return Usage.objects.create(booking=booking, hours=Decimal(hours), samples=2, operator="王工",
                                rate=Decimal(fee) / Decimal(hours), fee=Decimal(fee))


@pytest.fixture
def network(users, org_a, org_b):
    org_c = make_organisation("410311", kind="enterprise", name="洛龙测试丙公司")
    a = make_instrument(org_a)
    b = make_instrument(org_b, name="核磁共振波谱仪", purchase_date=dt.date(2025, 7, 2))
    make_instrument(org_b, name="闲置旧仪器", in_network=False, original_value=Decimal("100000"))
    person = make_user("public")
    used(a, users["applicant"], org_a, "internal", "10", "1000")
    used(a, users["applicant"], org_c, "city_enterprise", "5", "1500", day=dt.date(2025, 6, 30))
    used(a, person, None, "outside", "5", "2000", day=dt.date(2025, 12, 31))
    used(b, users["applicant"], org_a, "city_enterprise", "18", "3600")
    used(a, users["applicant"], org_a, "internal", "7", "700", day=dt.date(2024, 12, 31))  # another year
    return {"a": a, "b": b, "org_a": org_a, "org_b": org_b}


def test_per_instrument(network):
    rows, overall = queries.statistics(Instrument.objects.all(), 2025, "instrument")
    by_name = {r.key.pk: r for r in rows}
    a, b = by_name[network["a"].pk], by_name[network["b"].pk]
    assert len(rows) == 2  # the instrument outside the network is not counted
    assert (a.available, a.used, a.outside, a.income, a.users_served) == (
        Decimal("1800.00"), Decimal("20"), Decimal("10"), Decimal("4500"), 3)
    assert a.sharing_rate == Decimal("0.5000") and a.utilisation == Decimal("0.0111")
    # Bought 2 July: 183 of 365 days → 1800 × 183 / 365 = 902.47 hours.
    assert b.available == Decimal("902.47") and b.used == Decimal("18") and b.sharing_rate == Decimal("1.0000")
    assert b.utilisation == Decimal("0.0199")
    assert (overall.used, overall.outside, overall.income, overall.users_served) == (
        Decimal("38"), Decimal("28"), Decimal("8100"), 3)
    assert overall.sharing_rate == Decimal("0.7368") and overall.available == Decimal("2702.47")


def test_by_owner_and_county(network):
    owners, _total = queries.statistics(Instrument.objects.all(), 2025, "owner")
    assert [(r.key, r.used) for r in owners] == sorted(
        [(network["org_a"], Decimal("20")), (network["org_b"], Decimal("18"))], key=lambda t: str(t[0]))
    counties, _total = queries.statistics(Instrument.objects.all(), 2025, "county")
    assert {r.key.code: r.outside for r in counties} == {"410305": Decimal("10"), "410323": Decimal("18")}


def test_coverage(network):
    figures = queries.coverage(Instrument.objects.all())
    # Two large instruments in the network (of two owners); the third is neither large nor shared.
    assert (figures["instruments"], figures["owners"], figures["value"], figures["large_total"]) == (
        2, 2, Decimal("5600000.00"), 2)


def test_evaluation_scores_grades_and_idle(network):
    rows = {r["owner"].pk: r for r in queries.evaluation(Instrument.objects.all(), 2025)}
    a = rows[network["org_a"].pk]
    # utilisation 0.0111 → 40 × 0.0111 / 0.5 = 0.888; sharing 0.5 ≥ 0.3 → 40; 1 of 1 large in network → 20.
    assert a["score"] == Decimal("60.9") and str(a["grade"]) == "合格"
    assert [i.key.pk for i in a["idle"]] == [network["a"].pk]
    b = rows[network["org_b"].pk]
    # utilisation 0.0199 → 1.592; sharing 1 → 40; 1 of 1 large (the small one does not count) → 20.
    assert b["score"] == Decimal("61.6")
    assert queries.grade(Decimal("85")) == "优秀" and queries.grade(Decimal("59.9")) == "不合格"


def test_statements(network, users):
    visible = Usage.objects.visible_to(users["admin"])
    statements = documents.statements(visible, 2025, 3)
    assert {s.name: s.total for s in statements} == {network["org_a"].name: Decimal("4600")}
    response = documents.docx_response(users["admin"], visible, 2025, 3)
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert network["org_a"].name in text and "4,600.00" in text


def test_indicator_sources(network):
    assert sources.get("instruments.in_network").value(2025, dt.date(2025, 12, 31)) == Decimal(2)
    assert sources.get("instruments.in_network").value(2025, dt.date(2025, 6, 30)) == Decimal(1)
    assert sources.get("instruments.outside_hours").value(2025, dt.date(2025, 12, 31)) == Decimal("28.00")
    assert sources.get("instruments.outside_hours").value(2025, dt.date(2025, 6, 30)) == Decimal("23.00")
    assert sharing_rate(2025, dt.date(2025, 12, 31)) == Decimal("73.7")
    # read with the other aggregates in the dashboard's batch, they give what each gives alone
    keys = ("instruments.in_network", "instruments.outside_hours", "instruments.sharing_rate")
    days = (dt.date(2025, 6, 30), dt.date(2025, 12, 31))
    wanted = [(key, 2025, day) for key in keys for day in days]
    assert sources.values(wanted) == {(k, y, d): sources.get(k).value(y, d) for k, y, d in wanted}


def test_free_windows():
    tz = timezone.get_current_timezone()
    day = dt.datetime(2026, 6, 3, tzinfo=tz)
    busy = [(day.replace(hour=9), day.replace(hour=11)), (day.replace(hour=10), day.replace(hour=12)),
            (day.replace(hour=15), day.replace(hour=16))]
    free = list(queries.free_windows(busy, day, day + dt.timedelta(days=1)))
    assert [(s.hour, e.hour) for s, e in free] == [(8, 9), (12, 15), (16, 20)]
    assert queries.first_free_slot(busy, day, day + dt.timedelta(days=1), Decimal(3)) == (
        day.replace(hour=12), day.replace(hour=15))
    assert queries.first_free_slot(busy, day, day + dt.timedelta(days=1), Decimal(5)) is None
    # A booking across midnight blocks the evening and the next morning.
    night = [(day.replace(hour=18), day.replace(hour=10) + dt.timedelta(days=1))]
    two_days = list(queries.free_windows(night, day, day + dt.timedelta(days=2)))
    assert [(s.day, s.hour, e.hour) for s, e in two_days] == [(3, 8, 18), (4, 10, 20)]


def test_english_catalogue_is_complete():
    from pathlib import Path

    import instruments

    po = (Path(instruments.__file__).parent / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = [e for e in po.split("\n\n")[1:] if "msgid" in e]
    assert entries and all('msgstr ""' not in e.splitlines()[-1] for e in entries)


def test_messages_in_english():
    from django.utils import translation

    from instruments.models import Booking as B

    with translation.override("en"):
        assert str(B.Status.NO_SHOW.label) == "No-show"
        assert str(queries.grade(Decimal("90"))) == "Excellent"
