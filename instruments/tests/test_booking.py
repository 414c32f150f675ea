"""Booking rules (bad input answers with a clear error and writes nothing), price groups and fees,
and every transition of the lifecycle: allowed, forbidden, audited."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry, StatusLog
from core.testing import make_organisation, make_user
from core.workflow import TransitionError
from instruments import billing, services
from instruments.models import Blackout, Booking, PriceGroup, Training, Usage
from instruments.workflow import TRANSITIONS

from .conftest import at, make_instrument

pytestmark = pytest.mark.django_db


def codes(exc: ValidationError) -> set[str]:
    return {error.code for error in exc.error_list}


def refused(user, instrument, start, end, code, self_use=False):
    before = Booking.objects.count()
    with pytest.raises(ValidationError) as info:
        services.request_booking(user, instrument, start, end, "测试", self_use=self_use)
    assert code in codes(info.value), info.value.messages
    assert Booking.objects.count() == before
    return info.value


@pytest.mark.usefixtures("frozen")
class TestRules:
    def test_free_slot_is_booked_confirmed_without_approval(self, users, instrument):
        booking = services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "表面形貌")
        assert booking.status == Booking.Status.CONFIRMED
        assert booking.price_group == PriceGroup.INTERNAL
        assert AuditEntry.objects.filter(action="create", object_id=str(booking.pk)).exists()

    def test_approval_required_starts_requested(self, users, instrument):
        instrument.approval_required = True
        instrument.save()
        booking = services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "x")
        assert booking.status == Booking.Status.REQUESTED

    def test_end_before_start(self, users, instrument):
        refused(users["applicant"], instrument, at(3, 11), at(3, 9), "end_before_start")

    def test_slot_in_a_blackout(self, users, instrument):
        Blackout.objects.create(instrument=instrument, start=at(3, 0), end=at(4, 0), reason="年度校准")
        error = refused(users["applicant"], instrument, at(3, 9), at(3, 11), "blackout")
        assert "年度校准" in error.messages[0]

    def test_retired_and_under_repair(self, users, instrument):
        instrument.status = "retired"
        instrument.save()
        refused(users["applicant"], instrument, at(3, 9), at(3, 11), "retired")
        instrument.status = "under_repair"
        instrument.save()
        refused(users["applicant"], instrument, at(3, 9), at(3, 11), "under_repair")

    def test_self_use_needs_training(self, users, instrument):
        refused(users["applicant"], instrument, at(3, 9), at(3, 11), "training", self_use=True)
        Training.objects.create(instrument=instrument, user=users["applicant"], trained_on=dt.date(2026, 5, 1))
        booking = services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "x", self_use=True)
        assert booking.self_use

    def test_expired_training_does_not_count(self, users, instrument):
        Training.objects.create(instrument=instrument, user=users["applicant"], trained_on=dt.date(2025, 1, 1),
                                valid_until=dt.date(2026, 1, 1))
        refused(users["applicant"], instrument, at(3, 9), at(3, 11), "training", self_use=True)

    def test_minimum_notice_maximum_length_and_slots(self, users, instrument):
        refused(users["applicant"], instrument, at(1, 14), at(1, 15), "notice")
        refused(users["applicant"], instrument, at(3, 8), at(3, 18), "too_long")
        refused(users["applicant"], instrument, at(3, 9, 30), at(3, 10, 30), "slot")
        refused(users["applicant"], instrument, at(3, 9), at(3, 9, 45), "slot")

    def test_not_in_network_is_internal_only(self, users, instrument, org_b):
        instrument.in_network = False
        instrument.save()
        outsider = make_user("applicant", organisation=org_b)
        refused(outsider, instrument, at(3, 9), at(3, 11), "not_shared")
        assert services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "x")

    def test_overlap_names_the_slot(self, users, instrument):
        services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "x")
        error = refused(users["org_admin"], instrument, at(3, 10), at(3, 12), "overlap")
        assert "2026-06-03 09:00–11:00" in error.messages[0]

    def test_roles_that_may_not_book(self, users, instrument):
        for role in ("officer", "county", "expert", "leader"):
            with pytest.raises(PermissionDenied):
                services.request_booking(users[role], instrument, at(3, 9), at(3, 11), "x")


class TestFees:
    def test_price_groups(self, instrument, org_a, settings):
        assert billing.price_group(instrument, org_a) == PriceGroup.INTERNAL
        city_uni = make_organisation("410305", kind="university")
        city_firm = make_organisation("410311", kind="enterprise")
        assert billing.price_group(instrument, city_uni) == PriceGroup.OTHER_ORGANISATION
        assert billing.price_group(instrument, city_firm) == PriceGroup.CITY_ENTERPRISE
        # 新安县 (410323) is a county of the city: its enterprises pay the city price.
        assert billing.price_group(instrument, make_organisation("410323")) == PriceGroup.CITY_ENTERPRISE
        assert billing.price_group(instrument, None) == PriceGroup.OUTSIDE
        settings.INSTRUMENTS_CITY_CODE = "410500"  # seen from another city, they are all outside
        assert billing.price_group(instrument, city_firm) == PriceGroup.OUTSIDE
        assert billing.price_group(instrument, org_a) == PriceGroup.INTERNAL

    @pytest.mark.parametrize(("group", "fee"), [("internal", "150.00"), ("other_org", "300.00"),
                                                 ("city_enterprise", "450.00"), ("outside", "600.00")])
    def test_fee_by_group(self, users, instrument, group, fee):
        booking = Booking.objects.create(instrument=instrument, user=users["applicant"], start=at(3, 9),
                                         end=at(3, 11), purpose="x", price_group=group, status="confirmed")
        with time_machine.travel(at(3, 12), tick=False):
            services.act(users["org_admin"], booking, "record_use", hours="1.5", samples=3, operator="王工")
        usage = Usage.objects.get(booking=booking)
        assert usage.fee == Decimal(fee) and usage.hours == Decimal("1.50") and usage.samples == 3

    def test_fee_rounds_half_up(self):
        assert billing.fee(Decimal("33.33"), Decimal("0.15")) == Decimal("5.00")
        assert billing.fee(Decimal("0.10"), Decimal("0.05")) == Decimal("0.01")


def _booking(users, instrument, status, start=None):
    start = start or at(3, 9)
    return Booking.objects.create(instrument=instrument, user=users["applicant"], start=start,
                                  end=start + dt.timedelta(hours=2), purpose="x", price_group="internal",
                                  status=status)


# (state, action, who may, data, time to act at)
CASES = [
    ("requested", "approve", "org_admin", {}, at(1, 9)),
    ("requested", "reject", "officer", {}, at(1, 9)),
    ("requested", "cancel", "applicant", {}, at(1, 9)),
    ("confirmed", "cancel", "applicant", {}, at(1, 9)),
    ("confirmed", "record_use", "org_admin", {"hours": "2", "samples": 1, "operator": "王工"}, at(3, 12)),
    ("confirmed", "no_show", "org_admin", {}, at(3, 12)),
]
# Roles that may not take the action on org_a's instrument (the applicant's own bookings aside).
FORBIDDEN = {"approve": ["applicant", "county", "leader", "public"], "reject": ["applicant", "county"],
             "cancel": ["county", "leader", "expert"], "record_use": ["applicant", "county", "finance"],
             "no_show": ["applicant", "county", "supervisor"]}


class TestTransitions:
    def test_table_is_covered(self):
        assert {(s, a) for s, a, *_ in CASES} == set(TRANSITIONS)

    @pytest.mark.parametrize(("state", "action", "role", "data", "when"), CASES)
    def test_allowed_and_audited(self, users, instrument, state, action, role, data, when):
        booking = _booking(users, instrument, state)
        with time_machine.travel(when, tick=False):
            done = services.act(users[role], booking, action, comment="意见", **data)
        assert done.status == TRANSITIONS[(state, action)].to_state
        assert StatusLog.objects.filter(object_id=str(booking.pk), action=action, to_state=done.status).exists()
        assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(booking.pk)).exists()

    @pytest.mark.parametrize(("state", "action", "role", "data", "when"), CASES)
    def test_forbidden_roles(self, users, instrument, state, action, role, data, when):
        for other in FORBIDDEN[action]:
            booking = _booking(users, instrument, state, start=at(3 + FORBIDDEN[action].index(other), 9))
            with time_machine.travel(when, tick=False), pytest.raises(PermissionDenied):
                services.act(users[other], booking, action, comment="意见", **data)
            assert Booking.objects.get(pk=booking.pk).status == state

    @pytest.mark.parametrize("action", ["approve", "reject", "record_use", "no_show", "cancel"])
    def test_wrong_state(self, users, instrument, action):
        booking = _booking(users, instrument, "used")
        with pytest.raises(TransitionError):
            services.act(users["admin"], booking, action, comment="意见")

    def test_reject_needs_a_reason(self, users, instrument):
        booking = _booking(users, instrument, "requested")
        with pytest.raises(TransitionError):
            services.act(users["org_admin"], booking, "reject")

    def test_use_and_no_show_only_after_start(self, users, instrument):
        booking = _booking(users, instrument, "confirmed")
        with time_machine.travel(at(1, 9), tick=False):
            for action in ("record_use", "no_show"):
                with pytest.raises(ValidationError):
                    services.act(users["org_admin"], booking, action, hours="1", operator="王工")
        assert not Usage.objects.exists()

    @pytest.mark.parametrize("hours", ["", "abc", "0", "-1", "400"])
    def test_usage_bad_hours(self, users, instrument, hours):
        booking = _booking(users, instrument, "confirmed")
        with time_machine.travel(at(3, 12), tick=False), pytest.raises(ValidationError):
            services.act(users["org_admin"], booking, "record_use", hours=hours, operator="王工")
        assert Booking.objects.get(pk=booking.pk).status == "confirmed" and not Usage.objects.exists()

    def test_booker_cannot_cancel_after_start_but_owner_can(self, users, instrument):
        booking = _booking(users, instrument, "confirmed")
        with time_machine.travel(at(3, 10), tick=False):
            with pytest.raises(ValidationError):
                services.act(users["applicant"], booking, "cancel")
            assert services.act(users["org_admin"], booking, "cancel").status == "cancelled"

    def test_cancelled_slot_can_be_booked_again(self, users, instrument, frozen):
        booking = services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 11), "x")
        services.act(users["applicant"], booking, "cancel")
        assert services.request_booking(users["org_admin"], instrument, at(3, 9), at(3, 11), "y")


class TestReminders:
    def test_day_before_once(self, users, instrument):
        tomorrow = _booking(users, instrument, "confirmed", start=at(3, 9))
        _booking(users, instrument, "confirmed", start=at(4, 9))
        _booking(users, instrument, "requested", start=at(3, 14))
        with time_machine.travel(at(2, 18), tick=False):
            assert services.send_reminders() == 1
            assert services.send_reminders() == 0
        assert users["applicant"].notifications.count() == 1
        assert Booking.objects.get(pk=tomorrow.pk).reminded_at is not None


def test_make_instrument_other_owner_is_other_org(users, org_b):
    instrument = make_instrument(org_b)
    with time_machine.travel(at(1, 9), tick=False):
        booking = services.request_booking(users["applicant"], instrument, at(3, 9), at(3, 10), "x")
    assert booking.price_group == PriceGroup.CITY_ENTERPRISE
    assert booking.organisation_id in users["applicant"].organisation_ids
