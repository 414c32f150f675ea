"""Services: objections filed, resolved and blocking approval; publications; snapshots."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Attachment, AuditEntry, Notification
from core.workflow import TransitionError
from plans.models import Indicator, Plan
from portal import services
from portal.models import IndicatorSnapshot, Publication
from projects import services as project_services
from projects.models import Objection, Project
from projects.workflow import Action, State

from .helpers import OBJECTION, big_pdf, fake_pdf_text, notice_project, png, publication

pytestmark = pytest.mark.django_db


def test_filing_gives_an_unguessable_receipt_and_is_audited(users, org_a):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, evidence=png(), **OBJECTION)
    assert services.valid_receipt(objection.receipt)
    assert objection.source == Objection.Source.PUBLIC and objection.resolved_at is None
    other = services.file_objection(project, **{**OBJECTION, "contact": "13800000000"})
    assert other.receipt != objection.receipt
    entry = AuditEntry.objects.get(action="portal.objection_filed", object_id=str(objection.pk))
    assert entry.after["receipt"] == objection.receipt
    assert services.evidence_of(objection).get().kind == "png"


def test_filing_lands_in_the_division_officers_inbox(users, org_a):
    project = notice_project(users, org_a, division=users["officer"].role_assignments.first().division)
    objection = services.file_objection(project, **OBJECTION)
    assert Notification.objects.filter(recipient=users["officer"], text__contains=objection.receipt).exists()


def test_logged_in_filer_is_remembered(users, org_a):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, user=users["public"], **OBJECTION)
    assert objection.filed_by == users["public"]


@pytest.mark.parametrize("field,value,message", [
    ("content", "<script>alert(1)</script>异议", "网页标记"),
    ("name", "<b>王</b>", "网页标记"),
    ("content", "   ", "请填写"),
    ("contact", "", "请填写"),
    ("content", "长" * 4001, "过长"),
])
def test_bad_text_is_refused_and_nothing_written(users, org_a, field, value, message):
    project = notice_project(users, org_a)
    with pytest.raises(ValidationError, match=message):
        services.file_objection(project, **{**OBJECTION, field: value})
    assert not Objection.objects.exists()
    assert not AuditEntry.objects.filter(action="portal.objection_filed").exists()


@pytest.mark.parametrize("upload,message", [
    (fake_pdf_text(), "文件类型不符"),
    (big_pdf(services.EVIDENCE_MAX_BYTES + 1), "文件过大"),
])
def test_bad_evidence_is_refused_and_nothing_written(users, org_a, upload, message):
    project = notice_project(users, org_a)
    with pytest.raises(ValidationError, match=message):
        services.file_objection(project, evidence=upload, **OBJECTION)
    assert not Objection.objects.exists() and not Attachment.objects.filter(purpose="evidence").exists()


def test_no_objection_outside_the_window(users, org_a, time_machine):
    project = notice_project(users, org_a, days_left=1)
    time_machine.move_to(project.notice_end + dt.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="不在公示期内"):
        services.file_objection(project, **OBJECTION)
    assert not Objection.objects.exists()


def test_approval_is_refused_while_an_objection_is_unresolved(users, org_a, time_machine):
    project = notice_project(users, org_a, days_left=1)
    objection = services.file_objection(project, **OBJECTION)
    time_machine.move_to(project.notice_end + dt.timedelta(minutes=1))
    with pytest.raises(TransitionError, match="未处理的公示异议"):
        project_services.apply_action(users["leader"], project, Action.APPROVE, approved_funding="500000")
    assert Project.objects.get(pk=project.pk).status == State.IN_NOTICE
    services.resolve_objection(users["admin"], objection, upheld=False, resolution="经核查，异议不成立。")
    project = project_services.apply_action(users["leader"], project, Action.APPROVE, approved_funding="500000")
    assert project.status == State.APPROVED


def test_dismissal_is_audited_and_told_to_a_registered_filer(users, org_a):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, user=users["public"], **OBJECTION)
    resolved = services.resolve_objection(users["admin"], objection, upheld=False, resolution="不成立。")
    assert resolved.resolved_by == users["admin"] and resolved.upheld is False
    assert services.public_status(resolved) == "异议不成立"
    assert AuditEntry.objects.filter(action="portal.objection_resolved", object_id=str(objection.pk)).exists()
    assert Notification.objects.filter(recipient=users["public"], text__contains=objection.receipt).exists()
    assert Project.objects.get(pk=project.pk).status == State.IN_NOTICE


def test_an_upheld_objection_goes_to_the_leaders(users, org_a):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, **OBJECTION)
    services.resolve_objection(users["admin"], objection, upheld=True, resolution="合作协议未签署，属实。")
    project.refresh_from_db()
    assert project.status == State.OBJECTION
    # The leader decides through the project's own step; that resolves the open objection record.
    project_services.apply_action(users["leader"], project, Action.UPHOLD_OBJECTION, comment="异议成立，不予立项")
    assert Project.objects.get(pk=project.pk).status == State.REJECTED


@pytest.mark.parametrize("role", ["leader", "county", "org_admin", "applicant", "expert", "supervisor", "public"])
def test_only_officers_and_admins_resolve(users, org_a, role):
    project = notice_project(users, org_a)
    objection = services.file_objection(project, **OBJECTION)
    with pytest.raises(PermissionDenied):
        services.resolve_objection(users[role], objection, upheld=False, resolution="x")
    assert Objection.objects.get(pk=objection.pk).resolved_at is None


def test_an_officer_of_another_division_may_not_resolve(users, org_a):
    from directory.models import Division

    own = users["officer"].division_ids
    other = Division.objects.exclude(pk__in=own).first()
    project = notice_project(users, org_a, division=other)
    objection = services.file_objection(project, **OBJECTION)
    with pytest.raises(PermissionDenied):
        services.resolve_objection(users["officer"], objection, upheld=False, resolution="x")


def test_resolving_twice_is_refused(users, org_a):
    objection = services.file_objection(notice_project(users, org_a), **OBJECTION)
    services.resolve_objection(users["admin"], objection, upheld=False, resolution="不成立。")
    with pytest.raises(ValidationError, match="已处理"):
        services.resolve_objection(users["admin"], objection, upheld=True, resolution="改判")


def test_resolution_with_markup_is_refused(users, org_a):
    objection = services.file_objection(notice_project(users, org_a), **OBJECTION)
    with pytest.raises(ValidationError, match="网页标记"):
        services.resolve_objection(users["admin"], objection, upheld=False, resolution="<script>x</script>")
    assert Objection.objects.get(pk=objection.pk).resolved_at is None


@pytest.mark.parametrize("value,ok", [
    ("YY20261129-ABCDEFGHJK", True), ("YY20261129-ABCDEFGHJ", False), ("yy20261129-abcdefghjk", False),
    ("YY20261129-ABCDEFGHJ0", False), ("'; DROP TABLE", False), ("", False),
])
def test_receipt_format(value, ok):
    assert services.valid_receipt(value) is ok


# --- publications ----------------------------------------------------------------------------


def test_publish_withdraw_republish_with_audit(users):
    item = publication(status=Publication.Status.DRAFT)
    item = services.apply_publication_action(users["officer"], item, "publish")
    assert item.status == "published" and item.published_at
    with pytest.raises(TransitionError):
        services.apply_publication_action(users["officer"], item, "withdraw")  # no reason
    item = services.apply_publication_action(users["officer"], item, "withdraw", comment="文件已废止")
    assert item.status == "withdrawn" and item.withdrawn_reason == "文件已废止"
    item = services.apply_publication_action(users["officer"], item, "publish")
    assert item.status == "published" and item.withdrawn_reason == ""
    actions = list(AuditEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert actions.count("transition:publish") == 2 and "transition:withdraw" in actions


@pytest.mark.parametrize("role", ["leader", "county", "org_admin", "applicant", "expert", "supervisor", "finance",
                                  "public"])
def test_only_officers_and_admins_publish(users, role):
    item = publication(status=Publication.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.apply_publication_action(users[role], item, "publish")
    assert Publication.objects.get(pk=item.pk).status == "draft"


def _form(instance, **changes):
    from portal.forms import PublicationForm

    data = {f: getattr(instance, f) for f in PublicationForm.Meta.fields}
    data.update(changes)
    form = PublicationForm(data, instance=instance)
    assert form.is_valid(), form.errors
    return form


def test_correcting_a_published_page_needs_a_note(users):
    item = publication()
    with pytest.raises(ValidationError, match="更正说明"):
        services.save_publication(users["officer"], _form(item, body="新正文"), item)
    assert Publication.objects.get(pk=item.pk).body == "正文"
    item.refresh_from_db()
    form = _form(item, body="新正文", correction_note="更正第一条")
    corrected = services.save_publication(users["officer"], form, item)
    assert corrected.corrected_at and corrected.body == "新正文"
    assert AuditEntry.objects.filter(action="portal.correct", object_id=str(item.pk)).exists()


def test_draft_saved_unchanged_stays_unchanged(users):
    item = publication(status=Publication.Status.DRAFT)
    before = Publication.objects.filter(pk=item.pk).values().get()
    services.save_publication(users["officer"], _form(item), item)
    after = Publication.objects.filter(pk=item.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"}


# --- open data -------------------------------------------------------------------------------


@pytest.fixture
def plan(db):
    plan = Plan.objects.create(year=2026, title="2026年科技工作要点")
    Indicator.objects.create(plan=plan, code="1", name="专利申请量", unit="件", target_value=100)
    return plan


def test_snapshot_freezes_the_month_end(users, plan, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC))
    snapshot = services.publish_snapshot(users["officer"], plan, dt.date(2026, 10, 3))
    assert snapshot.month == dt.date(2026, 10, 31)
    row = snapshot.rows.get()
    assert (row.code, row.name, row.unit, row.target) == ("1", "专利申请量", "件", 100)
    Indicator.objects.filter(plan=plan).update(name="改名后")
    assert snapshot.rows.get().name == "专利申请量"
    assert AuditEntry.objects.filter(action="portal.snapshot_published").exists()


def test_snapshot_of_an_unfinished_month_or_twice_is_refused(users, plan, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 15, 10, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="尚未结束"):
        services.publish_snapshot(users["officer"], plan, dt.date(2026, 11, 1))
    services.publish_snapshot(users["officer"], plan, dt.date(2026, 10, 1))
    with pytest.raises(ValidationError, match="已发布"):
        services.publish_snapshot(users["officer"], plan, dt.date(2026, 10, 31))
    assert IndicatorSnapshot.objects.count() == 1


def test_only_publishers_snapshot(users, plan):
    with pytest.raises(PermissionDenied):
        services.publish_snapshot(users["leader"], plan, timezone.localdate() - dt.timedelta(days=40))
    assert not IndicatorSnapshot.objects.exists()
