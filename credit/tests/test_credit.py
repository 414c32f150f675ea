"""Credit ledger: grade rules, confirmation of automatic events, appeals, pages and API by role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses, make_person
from core.workflow import TransitionError
from credit import services
from credit.models import Appeal, CreditEvent

pytestmark = pytest.mark.django_db

ALL_ROLES = (
    "admin",
    "leader",
    "officer",
    "county",
    "org_admin",
    "applicant",
    "expert",
    "supervisor",
    "finance",
    "public",
)


def expect(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **{role: overrides.get(role, default) for role in ALL_ROLES}}


@pytest.fixture
def person(org_b):
    return make_person(org_b, "王评审")


def test_grades_follow_the_documented_thresholds(person):
    assert services.grade_of(person) == "A"
    services.record_event(None, person, area="review", points=-11, reason="x")
    assert services.score_of(person) == 89
    assert services.grade_of(person) == "B"
    services.record_event(None, person, area="review", points=-15, reason="x")
    assert services.grade_of(person) == "C"
    services.record_event(None, person, area="review", points=-15, reason="x")
    assert services.score_of(person) == 59
    assert services.is_blacklisted(person)


def test_a_severe_event_blacklists_alone_until_it_expires(person):
    event = services.record_kind(None, person, "false_application", on=dt.date(2008, 3, 1))
    assert event.severe and event.points == -40 and event.expires_on == dt.date(2013, 3, 1)
    assert services.grade_of(person, on=dt.date(2009, 1, 1)) == "blacklist"
    assert services.grade_of(person, on=dt.date(2013, 3, 2)) == "A"


def test_pending_and_dismissed_events_do_not_count(person, users):
    event = services.record_kind(None, person, "review_late", confirmed=False, automatic=True)
    assert services.score_of(person) == 100
    services.decide_event(users["officer"], event, "dismiss", comment="病假，有证明")
    assert services.score_of(person) == 100


def test_unknown_kind_or_area_is_refused_and_nothing_is_written(person):
    with pytest.raises(ValidationError):
        services.record_kind(None, person, "no_such_kind")
    with pytest.raises(ValidationError):
        services.record_event(None, person, area="nowhere", points=-1, reason="x")
    assert CreditEvent.objects.count() == 0


def test_grades_of_many_agrees_with_grade_of(person, org_b):
    other = make_person(org_b, "赵")
    services.record_kind(None, other, "review_misconduct")
    services.record_event(None, person, area="review", points=-20, reason="x")
    assert services.grades_of([person, other]) == {person.pk: "B", other.pk: "blacklist"}


def test_confirm_writes_status_log_and_audit(person, users):
    event = services.record_kind(None, person, "review_late", confirmed=False, automatic=True)
    services.decide_event(users["officer"], event, "confirm", comment="核实属实")
    event.refresh_from_db()
    assert event.status == "confirmed" and event.decided_by == users["officer"]
    assert StatusLog.objects.filter(object_id=str(event.pk), action="confirm").exists()
    assert AuditEntry.objects.filter(action="transition:confirm", object_id=str(event.pk)).exists()
    assert services.score_of(person) == 97


@pytest.mark.parametrize("role", ["expert", "applicant", "leader", "supervisor", "county"])
def test_only_officers_and_admins_decide(person, users, role):
    event = services.record_kind(None, person, "review_late", confirmed=False)
    with pytest.raises(PermissionDenied):
        services.decide_event(users[role], event, "confirm")
    assert CreditEvent.objects.get(pk=event.pk).status == "pending"


def test_dismiss_needs_a_reason_and_a_decided_event_cannot_be_decided_again(person, users):
    event = services.record_kind(None, person, "review_late", confirmed=False)
    with pytest.raises(TransitionError):
        services.decide_event(users["officer"], event, "dismiss", comment="")
    services.decide_event(users["officer"], event, "confirm")
    with pytest.raises(TransitionError):
        services.decide_event(users["admin"], event, "dismiss", comment="again")


@pytest.fixture
def own_event(users):
    """A confirmed event about the applicant user's own person."""
    return services.record_kind(None, users["applicant"].person, "late_report", evidence="报告逾期 12 天")


def test_appeal_upheld_revokes_the_event(own_event, users):
    person = users["applicant"].person
    assert services.score_of(person) == 95
    appeal = services.file_appeal(users["applicant"], own_event, "系统故障导致逾期，附截图")
    services.decide_appeal(users["officer"], appeal, "uphold", comment="情况属实")
    own_event.refresh_from_db()
    assert own_event.status == "revoked"
    assert services.score_of(person) == 100
    assert Appeal.objects.get(pk=appeal.pk).status == "upheld"
    assert AuditEntry.objects.filter(action="transition:revoke").exists()


def test_appeal_rejected_keeps_the_event_and_only_one_appeal(own_event, users):
    appeal = services.file_appeal(users["applicant"], own_event, "理由")
    services.decide_appeal(users["officer"], appeal, "reject", comment="证据不足")
    assert CreditEvent.objects.get(pk=own_event.pk).status == "confirmed"
    with pytest.raises(PermissionDenied):
        services.file_appeal(users["applicant"], own_event, "再次申诉")


def test_appeal_by_someone_else_or_without_statement_is_refused(own_event, users):
    with pytest.raises(PermissionDenied):
        services.file_appeal(users["expert"], own_event, "不是我的")
    with pytest.raises(ValidationError):
        services.file_appeal(users["applicant"], own_event, "   ")
    assert not Appeal.objects.exists()


def test_org_admin_appeals_for_the_organisation(users, org_a):
    event = services.record_kind(None, org_a, "failed_acceptance")
    services.file_appeal(users["org_admin"], event, "验收专家组成员有利益冲突")
    assert event.appeals.count() == 1


# --- pages and API -------------------------------------------------------------------------


def test_list_page_every_signed_in_role_sees_only_its_scope(own_event, person, users):
    other = services.record_kind(None, person, "late_report")
    assert_statuses(users, reverse("credit:event_list"), expect(200))
    client = Client()
    client.force_login(users["applicant"])
    body = client.get(reverse("credit:event_list")).content.decode()
    assert own_event.reason in body
    assert f'href="/credit/events/{other.pk}/"' not in body


def test_detail_page_is_404_outside_scope(own_event, users):
    url = reverse("credit:event_detail", args=[own_event.pk])
    assert_statuses(users, url, expect(404, admin=200, leader=200, officer=200, supervisor=200, applicant=200))


def test_add_page_only_for_deciders(users):
    assert_statuses(users, reverse("credit:event_add"), expect(403, admin=200, officer=200))


def test_manual_event_form_requires_exactly_one_subject(users, person, org_b):
    client = Client()
    client.force_login(users["officer"])
    url = reverse("credit:event_add")
    both = client.post(url, {"person": person.pk, "organisation": org_b.pk, "kind": "late_report", "evidence": "e"})
    assert both.status_code == 400 and CreditEvent.objects.count() == 0
    ok = client.post(url, {"person": person.pk, "kind": "late_report", "evidence": "第3季度报告逾期"})
    assert ok.status_code == 302
    assert CreditEvent.objects.get().subject == person


def test_decide_view_by_role(person, users):
    event = services.record_kind(None, person, "review_late", confirmed=False)
    url = reverse("credit:event_decide", args=[event.pk])
    assert_statuses(
        users,
        url,
        {"anonymous": 302, "expert": 404, "applicant": 404, "supervisor": 403, "leader": 403},
        method="post",
        data={"action": "confirm"},
    )
    assert CreditEvent.objects.get(pk=event.pk).status == "pending"
    assert_statuses(users, url, {"officer": 302}, method="post", data={"action": "confirm"})
    assert CreditEvent.objects.get(pk=event.pk).status == "confirmed"


def test_appeal_views(own_event, users):
    url = reverse("credit:appeal_file", args=[own_event.pk])
    assert_statuses(users, url, {"expert": 404, "officer": 403}, method="post", data={"statement": "x"})
    assert_statuses(users, url, {"applicant": 302}, method="post", data={"statement": "申诉理由"})
    appeal = own_event.appeals.get()
    decide = reverse("credit:appeal_decide", args=[appeal.pk])
    assert_statuses(
        users, decide, {"applicant": 403, "expert": 404}, method="post", data={"action": "uphold", "comment": "x"}
    )
    assert_statuses(users, decide, {"officer": 302}, method="post", data={"action": "uphold", "comment": "属实"})
    assert CreditEvent.objects.get(pk=own_event.pk).status == "revoked"


def test_api_scoped_and_create_only_for_deciders(own_event, person, users):
    services.record_kind(None, person, "late_report")
    assert_statuses(users, "/api/credit-events/", {"anonymous": 401, "officer": 200, "applicant": 200})
    client = Client()
    client.force_login(users["applicant"])
    assert [e["id"] for e in client.get("/api/credit-events/").json()["results"]] == [own_event.pk]
    data = {"person": person.pk, "kind": "late_report", "evidence": "x"}
    assert_statuses(users, "/api/credit-events/", {"applicant": 403}, method="post", data=data)
    assert_statuses(users, "/api/credit-events/", {"officer": 201}, method="post", data=data)
