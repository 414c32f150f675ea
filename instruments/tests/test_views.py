"""Every page and endpoint for every role: anonymous, no permission (403), permitted, out of
scope (404); the booking API's 201/409/400; forms posted back unchanged change nothing."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from core.testing import assert_statuses
from instruments.models import Booking, Instrument
from registries.tests.roles import expect

from .conftest import NOW, at, make_instrument

pytestmark = pytest.mark.django_db

READ = {"applicant": 403, "expert": 403, "public": 403}
NETWORK = {"expert": 403}


@pytest.fixture
def hidden(org_b):
    """An instrument of org_b kept out of the network: outside the county's and org_admin's reach."""
    return make_instrument(org_b, name="内部专用仪器", in_network=False)


@pytest.fixture
def booking(users, instrument):
    return Booking.objects.create(instrument=instrument, user=users["applicant"], start=at(3, 9), end=at(3, 11),
                                  purpose="x", price_group="internal", status="confirmed")


def url(name, *args):
    return reverse(f"instruments:{name}", args=args)


@pytest.mark.parametrize("name", ["instrument_list", "blackout_list", "training_list", "usage_list", "statistics",
                                  "evaluation", "statements"])
def test_registry_and_report_pages(users, instrument, name):
    assert_statuses(users, url(name), expect(200, **READ))


@pytest.mark.parametrize("name", ["search", "booking_list"])
def test_network_pages(users, instrument, name):
    assert_statuses(users, url(name), expect(200, **NETWORK))


def test_instrument_detail_and_scope(users, instrument, hidden):
    assert_statuses(users, url("instrument_detail", instrument.pk), expect(200, **READ))
    assert_statuses(users, url("instrument_detail", hidden.pk), expect(200, county=404, org_admin=404, **READ))


def test_contacts_only_for_owner_and_bureau(users, instrument, instrument_b):
    for role, shown in (("org_admin", False), ("officer", True), ("county", False)):
        client = Client()
        client.force_login(users[role])
        page = client.get(url("instrument_detail", instrument_b.pk)).content.decode()
        assert ("13800000000" in page) is shown, role
    client = Client()
    client.force_login(users["org_admin"])
    assert "13800000000" in client.get(url("instrument_detail", instrument.pk)).content.decode()


def test_edit_add_import(users, instrument, hidden):
    managers = {"leader": 403, "supervisor": 403, "finance": 403, "county": 403, **READ}
    assert_statuses(users, url("instrument_edit", instrument.pk), expect(200, **managers))
    assert_statuses(users, url("instrument_edit", hidden.pk), expect(200, **{**managers, "county": 404,
                                                                              "org_admin": 404}))
    assert_statuses(users, url("instrument_add"), expect(200, **managers))
    assert_statuses(users, url("instrument_import"), expect(200, **managers))


def test_calendar_book_ics(users, instrument, hidden):
    assert_statuses(users, url("calendar", instrument.pk), expect(200, **NETWORK))
    assert_statuses(users, url("calendar", instrument.pk) + "?view=month", expect(200, **NETWORK))
    assert_statuses(users, url("calendar", hidden.pk), expect(200, county=404, org_admin=404, applicant=404,
                                                              public=404, expert=403))
    bookers_only = {"leader": 403, "officer": 403, "supervisor": 403, "finance": 403, "county": 403, "expert": 403}
    assert_statuses(users, url("book", instrument.pk), expect(200, **bookers_only))
    assert_statuses(users, url("book", hidden.pk), expect(200, **bookers_only, org_admin=404, applicant=404,
                                                          public=404))
    assert_statuses(users, url("ics", instrument.pk), expect(200, county=403, applicant=403, expert=403,
                                                             public=403))


def test_ics_feed(users, instrument, booking):
    from icalendar import Calendar

    client = Client()
    client.force_login(users["org_admin"])
    with time_machine.travel(NOW, tick=False):
        response = client.get(url("ics", instrument.pk))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [e["uid"] for e in events] == [f"booking-{booking.pk}@techbureau"]


def test_booking_pages(users, booking):
    assert_statuses(users, url("booking_detail", booking.pk), expect(200, public=404, expert=403))
    assert_statuses(users, url("record_use", booking.pk), expect(
        403, admin=200, officer=200, org_admin=200, public=404, expert=404, anonymous=302))


def test_record_use_page(users, booking):
    client = Client()
    client.force_login(users["org_admin"])
    with time_machine.travel(at(3, 12), tick=False):
        bad = client.post(url("record_use", booking.pk), {"hours": "-1", "samples": "1", "operator": "王工"})
        assert bad.status_code == 400 and not hasattr(Booking.objects.get(pk=booking.pk), "usage")
        response = client.post(url("record_use", booking.pk), {"hours": "1.5", "samples": "2", "operator": "王工"})
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).usage.fee == 150


def test_statement_exports(users, booking):
    client = Client()
    client.force_login(users["officer"])
    xlsx = client.get(url("statements") + "?year=2026&month=6&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    docx = client.get(url("statements") + "?year=2026&month=6&format=docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(url("statements") + "?year=abc&month=13").status_code == 200


def test_search_filters_and_free_slots(users, instrument, instrument_b, booking):
    client = Client()
    client.force_login(users["applicant"])
    with time_machine.travel(NOW, tick=False):
        page = client.get(url("search"), {"region": "410323"}).content.decode()
        assert instrument_b.name in page and "SU8020" not in page.replace(instrument_b.model_number, "")
        both = client.get(url("search"), {"free_from": "2026-06-03", "free_to": "2026-06-03", "hours": "12"})
        # 08:00-20:00 is 12 hours; org_a's instrument is booked 09:00-11:00 that day.
        assert [i.pk for i in both.context["page"].object_list] == [instrument_b.pk]
        bad = client.get(url("search"), {"free_from": "2026-06-03"})
        assert "请同时填写" in bad.content.decode()


@pytest.mark.parametrize(("cap", "label"), [(3, "共 3 条"), (2, "超过 2 条")])
def test_text_search_counts_up_to_the_cap(users, org_a, settings, cap, label):
    for model_number in ("SU8020", "SU8010", "SU3500"):
        make_instrument(org_a, model_number=model_number)
    settings.SEARCH_COUNT_CAP = cap
    client = Client()
    client.force_login(users["applicant"])
    page = client.get(url("search"), {"q": "显微镜"})
    assert label in page.content.decode()
    assert len(page.context["page"].object_list) == min(cap, 3)


def test_edit_form_posted_back_unchanged(users, instrument):
    from instruments.forms import InstrumentForm

    client = Client()
    client.force_login(users["org_admin"])
    form = InstrumentForm(instance=instrument, user=users["org_admin"])
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "owner":
            value = instrument.owner.credit_code
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    before = Instrument.objects.filter(pk=instrument.pk).values().get()
    response = client.post(url("instrument_edit", instrument.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Instrument.objects.filter(pk=instrument.pk).values().get() == before | {
        "updated_at": Instrument.objects.get(pk=instrument.pk).updated_at}


class TestBookingAPI:
    def api(self, user) -> Client:
        client = Client()
        if user:
            client.force_login(user)
        return client

    def post(self, user, instrument, start, end, purpose="测试"):
        with time_machine.travel(NOW, tick=False):
            return self.api(user).post(f"/api/instruments/{instrument.pk}/bookings/",
                                       {"start": start, "end": end, "purpose": purpose},
                                       content_type="application/json")

    def test_created_conflict_and_rules(self, users, instrument):
        created = self.post(users["applicant"], instrument, "2026-06-03T09:00:00+08:00", "2026-06-03T11:00:00+08:00")
        assert created.status_code == 201 and created.json()["status"] == "confirmed"
        clash = self.post(users["org_admin"], instrument, "2026-06-03T10:00+08:00", "2026-06-03T12:00+08:00")
        assert clash.status_code == 409
        assert clash.json()["conflict"]["id"] == created.json()["id"]
        assert "2026-06-03 09:00–11:00" in clash.json()["detail"]
        backwards = self.post(users["applicant"], instrument, "2026-06-04T11:00+08:00", "2026-06-04T09:00+08:00")
        assert backwards.status_code == 400 and backwards.json()["codes"] == ["end_before_start"]
        assert Booking.objects.count() == 1

    @pytest.mark.parametrize(("start", "end", "purpose"), [
        ("tomorrow", "2026-06-03T11:00+08:00", "x"), ("", "", "x"),
        ("2026-06-03T09:00+08:00", "2026-06-03T11:00+08:00", "  "),
        ("2026-13-03T09:00+08:00", "2026-06-03T11:00+08:00", "x"),
    ])
    def test_malformed(self, users, instrument, start, end, purpose):
        assert self.post(users["applicant"], instrument, start, end, purpose).status_code == 400
        assert not Booking.objects.exists()

    def test_script_tags_are_stored_as_text(self, users, instrument):
        response = self.post(users["applicant"], instrument, "2026-06-03T09:00+08:00", "2026-06-03T10:00+08:00",
                             "<script>alert(1)</script>")
        assert response.status_code == 201
        client = self.api(users["applicant"])
        page = client.get(url("booking_detail", response.json()["id"])).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page

    def test_roles(self, users, instrument, hidden):
        for role in ("officer", "county", "leader"):
            assert self.post(users[role], instrument, "2026-06-03T09:00+08:00",
                             "2026-06-03T10:00+08:00").status_code == 403, role
        assert self.post(users["expert"], instrument, "2026-06-03T09:00+08:00",
                         "2026-06-03T10:00+08:00").status_code == 403
        assert self.post(users["applicant"], hidden, "2026-06-03T09:00+08:00",
                         "2026-06-03T10:00+08:00").status_code == 404
        assert self.post(None, instrument, "2026-06-03T09:00+08:00", "2026-06-03T10:00+08:00").status_code in (401,
                                                                                                              403)

    def test_token_auth_and_range_listing(self, users, instrument, booking):
        token = Token.objects.create(user=users["public"])
        client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = client.get(f"/api/instruments/{instrument.pk}/bookings/",
                              {"start": "2026-06-03T00:00+08:00", "end": "2026-06-04T00:00+08:00"})
        assert response.status_code == 200
        assert response.json() == [{"id": booking.pk, "start": "2026-06-03T09:00:00+08:00",
                                    "end": "2026-06-03T11:00:00+08:00", "status": "confirmed"}]
        empty = client.get(f"/api/instruments/{instrument.pk}/bookings/",
                           {"start": "2026-06-04T00:00+08:00", "end": "2026-06-05T00:00+08:00"})
        assert empty.json() == []
        too_long = client.get(f"/api/instruments/{instrument.pk}/bookings/",
                              {"start": "2026-01-01T00:00+08:00", "end": "2028-01-01T00:00+08:00"})
        assert too_long.status_code == 400

    def test_operator_contact_hidden_from_outsiders(self, users, instrument):
        outsider = self.api(users["public"]).get(f"/api/instruments/{instrument.pk}/").json()
        owner = self.api(users["org_admin"]).get(f"/api/instruments/{instrument.pk}/").json()
        assert "operator_contact" not in outsider and owner["operator_contact"]

    @pytest.mark.parametrize("prefix", ["instruments", "instrument-bookings", "instrument-usage",
                                        "instrument-blackouts", "instrument-trainings"])
    def test_list_endpoints(self, users, instrument, booking, prefix):
        statuses = {"admin": 200, "expert": 403}
        for role, status in statuses.items():
            assert self.api(users[role]).get(f"/api/{prefix}/").status_code == status, (prefix, role)

    def test_api_workflow_action(self, users, instrument):
        start = at(3, 9)
        pending = Booking.objects.create(instrument=instrument, user=users["applicant"], start=start,
                                         end=start + dt.timedelta(hours=1), purpose="x", price_group="internal",
                                         status="requested")
        denied = self.api(users["applicant"]).post(f"/api/instrument-bookings/{pending.pk}/do/approve/")
        assert denied.status_code == 403
        done = self.api(users["org_admin"]).post(f"/api/instrument-bookings/{pending.pk}/do/approve/")
        assert done.status_code == 200 and done.json()["status"] == "confirmed"


def test_calendars_show_bookings_but_not_who(users, instrument, booking):
    Booking.objects.create(instrument=instrument, user=users["org_admin"], start=at(2, 14), end=at(2, 16),
                           purpose="x", price_group="internal", status="used")
    client = Client()
    client.force_login(users["public"])
    with time_machine.travel(NOW, tick=False):
        week = client.get(url("calendar", instrument.pk), {"date": "2026-06-03"}).content.decode()
        month = client.get(url("calendar", instrument.pk), {"view": "month", "date": "2026-06-03"}).content.decode()
    assert week.count("bg-primary text-white") == 2 and week.count("bg-info-subtle") == 2
    assert "09:00–11:00" in month and "14:00–16:00" in month
    assert users["applicant"].username not in week + month
