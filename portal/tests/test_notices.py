"""Notices beyond projects: award nominations (objections filed on the portal), platform
recognitions and subsidy lists (notices the portal runs). Every kind refuses to close over an
unresolved objection."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEntry, Notification, StatusLog
from core.workflow import TransitionError
from portal import notices, services
from portal.models import NoticeItem, PublicNotice
from projects.models import Objection
from registries.models import Platform
from reviews import services as review_services
from reviews.models import AwardNomination

from .helpers import OBJECTION, award_in_notice, portal_notice

pytestmark = pytest.mark.django_db


def _window(hours: int = 48):
    from django.utils import timezone

    now = timezone.now()
    return {"starts_at": now - dt.timedelta(hours=1), "ends_at": now + dt.timedelta(hours=hours)}


# --- award nominations ------------------------------------------------------------------------


def test_an_award_objection_lands_in_the_queue_on_the_nomination(users, org_a, client):
    nomination = award_in_notice(org_a)
    response = client.post(reverse("portal:objection_award", args=[nomination.pk]), OBJECTION)
    assert response.status_code == 201
    objection = Objection.objects.for_item(nomination).get()
    assert objection.item == nomination and objection.project is None
    assert AuditEntry.objects.filter(action="portal.objection_filed", object_id=str(objection.pk)).exists()
    assert Notification.objects.filter(recipient=users["officer"], text__contains=objection.receipt).exists()
    client.force_login(users["officer"])
    queue = client.get(reverse("portal:objection_queue"))
    assert objection.receipt in queue.content.decode() and nomination.title in queue.content.decode()
    detail = client.get(reverse("portal:objection_detail", args=[objection.pk]))
    assert nomination.get_absolute_url() in detail.content.decode()


def test_a_second_desk_resolving_a_resolved_objection_sees_why(users, org_a, client):
    """Two officers open the same objection; the one who submits second is told it is done."""
    objection = services.file_objection(award_in_notice(org_a), **OBJECTION)
    services.resolve_objection(users["officer"], objection, upheld=False, resolution="经核查，异议不成立。")
    entries = AuditEntry.objects.count()
    client.force_login(users["admin"])
    response = client.post(reverse("portal:objection_detail", args=[objection.pk]),
                           {"upheld": "1", "resolution": "属实。"})
    assert response.status_code == 400 and "该异议已处理" in response.content.decode()
    objection.refresh_from_db()
    assert objection.resolution == "经核查，异议不成立。" and AuditEntry.objects.count() == entries


def test_the_award_decision_is_refused_over_an_unresolved_objection(users, org_a, time_machine):
    nomination = award_in_notice(org_a, days_left=0)
    objection = services.file_objection(nomination, **OBJECTION)
    time_machine.move_to(dt.datetime.combine(nomination.notice_end + dt.timedelta(days=2), dt.time(10),
                                             tzinfo=dt.timezone(dt.timedelta(hours=8))))
    for action, extra in (("award", {"grade": "1"}), ("not_award", {"comment": "不授奖"})):
        with pytest.raises(ValidationError, match="未处理的公示异议"):
            review_services.nomination_action(users["leader"], nomination, action, **extra)
    assert AwardNomination.objects.get(pk=nomination.pk).status == AwardNomination.Status.IN_NOTICE
    services.resolve_objection(users["officer"], objection, upheld=False, resolution="经核查，异议不成立。")
    decided = review_services.nomination_action(users["leader"], nomination, "award", grade="1")
    assert decided.status == AwardNomination.Status.AWARDED


def test_an_upheld_award_objection_stops_the_notice(users, org_a):
    nomination = award_in_notice(org_a)
    objection = services.file_objection(nomination, **OBJECTION)
    services.resolve_objection(users["officer"], objection, upheld=True, resolution="完成人排序有误，属实。")
    assert AwardNomination.objects.get(pk=nomination.pk).status == AwardNomination.Status.OBJECTION
    assert StatusLog.objects.filter(object_id=str(nomination.pk), action="raise_objection").exists()


def test_no_award_objection_after_the_notice(org_a, client):
    nomination = award_in_notice(org_a, days_left=-1)
    assert client.post(reverse("portal:objection_award", args=[nomination.pk]), OBJECTION).status_code == 410
    assert not Objection.objects.exists()


def test_award_notice_offers_the_objection_link(org_a, client):
    nomination = award_in_notice(org_a)
    page = client.get(reverse("portal:notices")).content.decode()
    assert reverse("portal:objection_award", args=[nomination.pk]) in page


# --- platform recognitions and subsidy lists ---------------------------------------------------


def test_an_officer_opens_a_platform_notice_audited(users, org_a, client):
    platform = Platform.objects.create(name="轴承材料重点实验室", kind=Platform.Kind.KEY_LAB, host=org_a)
    notice = notices.open_notice(users["officer"], kind="platform", title="平台拟认定名单公示",
                                 records=[platform], **_window())
    assert notice.items.get().platform == platform
    assert AuditEntry.objects.filter(action="portal.notice_opened", object_id=str(notice.pk)).exists()
    page = client.get(notice.get_public_url()).content.decode()
    assert platform.name in page and reverse("portal:objection_item", args=[notice.items.get().pk]) in page
    assert notice.get_public_url() in client.get(reverse("portal:notices")).content.decode()


@pytest.mark.parametrize("role", ["leader", "county", "applicant", "public"])
def test_only_officers_open_notices(users, org_a, role):
    platform = Platform.objects.create(name="平台", kind=Platform.Kind.KEY_LAB, host=org_a)
    with pytest.raises(PermissionDenied):
        notices.open_notice(users[role], kind="platform", title="公示", records=[platform], **_window())
    assert not PublicNotice.objects.exists()


def test_bad_notices_are_refused_and_nothing_written(users, org_a):
    recognised = Platform.objects.create(name="已认定平台", kind=Platform.Kind.KEY_LAB, host=org_a,
                                         status=Platform.Status.RECOGNISED)
    with pytest.raises(ValidationError, match="不能公示"):
        notices.open_notice(users["officer"], kind="platform", title="公示", records=[recognised], **_window())
    window = _window()
    with pytest.raises(ValidationError, match="公示截止须晚于"):
        notices.open_notice(users["officer"], kind="platform", title="公示", records=[recognised],
                            starts_at=window["ends_at"], ends_at=window["starts_at"])
    with pytest.raises(ValidationError, match="请选择公示条目"):
        notices.open_notice(users["officer"], kind="platform", title="公示", records=[], **window)
    assert not PublicNotice.objects.exists() and not AuditEntry.objects.filter(action="portal.notice_opened").exists()


def test_a_subsidy_list_needs_a_policy_that_requires_publication(users, org_a):
    notice = portal_notice(org_a, "subsidy", requires_notice=False)
    claim = notice.items.get().subsidy
    with pytest.raises(ValidationError, match="不能公示"):
        notices.open_notice(users["officer"], kind="subsidy", title="资助名单", records=[claim], **_window())
    claim.policy.requires_notice = True
    claim.policy.save()
    opened = notices.open_notice(users["officer"], kind="subsidy", title="资助名单", records=[claim], **_window())
    assert opened.items.get().subsidy == claim


@pytest.mark.parametrize("kind", ["platform", "subsidy"])
def test_closing_is_refused_over_an_unresolved_objection(users, org_a, client, time_machine, kind):
    notice = portal_notice(org_a, kind, hours_left=1)
    line = notice.items.get()
    response = client.post(reverse("portal:objection_item", args=[line.pk]), OBJECTION)
    assert response.status_code == 201
    objection = Objection.objects.for_item(line).get()
    assert Notification.objects.filter(recipient=users["officer"], text__contains=objection.receipt).exists()
    time_machine.move_to(notice.ends_at + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="未处理的公示异议"):
        notices.close_notice(users["officer"], notice)
    assert PublicNotice.objects.get(pk=notice.pk).status == PublicNotice.Status.OPEN
    services.resolve_objection(users["officer"], objection, upheld=True, resolution="属实，撤出名单。")
    closed = notices.close_notice(users["officer"], notice)
    assert closed.status == PublicNotice.Status.CLOSED and closed.closed_at is not None
    assert StatusLog.objects.filter(object_id=str(notice.pk), action="close").exists()


def test_closing_is_refused_before_the_window_ends_or_for_non_officers(users, org_a):
    notice = portal_notice(org_a)
    with pytest.raises(TransitionError, match="公示期未满"):
        notices.close_notice(users["officer"], notice)
    with pytest.raises(PermissionDenied):
        notices.close_notice(users["applicant"], notice)
    assert PublicNotice.objects.get(pk=notice.pk).status == PublicNotice.Status.OPEN


def test_no_objection_to_a_closed_portal_notice(users, org_a, client, time_machine):
    notice = portal_notice(org_a, hours_left=1)
    time_machine.move_to(notice.ends_at + dt.timedelta(seconds=1))
    line = NoticeItem.objects.get(notice=notice)
    assert client.post(reverse("portal:objection_item", args=[line.pk]), OBJECTION).status_code == 410
    assert not Objection.objects.exists()


def test_officer_pages_open_and_close_a_notice(users, org_a, client, time_machine):
    platform = Platform.objects.create(name="新材料工程中心", kind=Platform.Kind.ENGINEERING_CENTRE, host=org_a)
    client.force_login(users["officer"])
    window = _window(hours=2)
    response = client.post(reverse("portal:notice_manage_list"), {
        "kind": "platform", "title": "工程中心拟认定公示", "platforms": [platform.pk],
        "starts_at": window["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        "ends_at": window["ends_at"].strftime("%Y-%m-%dT%H:%M"),
    })
    notice = PublicNotice.objects.get()
    assert response.status_code == 302 and notice.items.get().platform == platform
    time_machine.move_to(notice.ends_at + dt.timedelta(minutes=1))
    client.post(reverse("portal:notice_manage", args=[notice.pk]))
    assert PublicNotice.objects.get().status == PublicNotice.Status.CLOSED


def test_the_subsidy_notice_shows_public_columns_only(org_a, client):
    notice = portal_notice(org_a, "subsidy")
    claim = notice.items.get().subsidy
    page = client.get(notice.get_public_url()).content.decode()
    assert claim.patent.number in page and "0.20" in page
    assert claim.patent.applicant_name not in page
