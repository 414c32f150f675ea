"""core.workflow.transition() on a throwaway model: its table is created for this module only (no
migration, its own app registry), so the engine is tested apart from any app's lifecycle."""

import pytest
from django.apps.registry import Apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models

from core.models import AuditEntry, Notification, StatusLog
from core.testing import make_user
from core.workflow import Rule, TransitionError, available_actions, labelled, status_log, transition

pytestmark = pytest.mark.django_db

throwaway_apps = Apps(["core"])


class Ticket(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "已退回"

    title = models.CharField("标题", max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    owner_id = models.IntegerField(null=True)
    approved_note = models.CharField(max_length=40, blank=True)

    class Meta:
        app_label = "core"
        db_table = "core_test_workflow_ticket"
        apps = throwaway_apps

    def __str__(self) -> str:
        return self.title or "ticket"


@pytest.fixture(scope="module", autouse=True)
def ticket_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Ticket)
        # Its content type is made (and cached) outside the per-test transactions, so the cached
        # id stays valid after each test rolls back.
        content_type = ContentType.objects.get_for_model(Ticket)
        yield
        content_type.delete()
        ContentType.objects.clear_cache()
        with connection.schema_editor() as editor:
            editor.delete_model(Ticket)


def is_owner(user, ticket) -> bool:
    return ticket.owner_id == user.pk


def is_officer(user, ticket) -> bool:
    return user.has_role("officer")


def stamp_approval(ticket, actor, comment="", **data) -> None:
    if data.get("note") == "refuse":
        raise ValidationError("批准说明不可为 refuse。")
    ticket.approved_note = data.get("note", "")


@pytest.fixture
def people(db):
    from directory.models import Division

    return {
        "owner": make_user("applicant", "wf-owner", organisation=_organisation()),
        "officer": make_user("officer", "wf-officer", division=Division.objects.get(code="planning")),
        "other": make_user("expert", "wf-other"),
    }


def _organisation():
    from core.testing import make_organisation

    return make_organisation("410305", name="流程测试单位")


@pytest.fixture
def table(people):
    return {
        ("draft", "submit"): Rule("submitted", allowed=is_owner, label="提交", requires=("title",),
                                  notify=lambda t: [people["officer"]]),
        ("submitted", "approve"): Rule("approved", allowed=is_officer, label="批准", before=stamp_approval),
        ("submitted", "reject"): Rule("rejected", allowed=is_officer, label="退回", comment_required=True),
        ("rejected", "submit"): Rule("submitted", allowed=is_owner, label="重新提交"),
    }


@pytest.fixture
def ticket(people) -> Ticket:
    return Ticket.objects.create(title="申请书", owner_id=people["owner"].pk)


def written() -> tuple[int, int, int]:
    return StatusLog.objects.count(), AuditEntry.objects.count(), Notification.objects.count()


def test_allowed_transition_saves_logs_audits_and_notifies(ticket, table, people):
    before = written()
    result = transition(ticket, "submit", people["owner"], table, comment="请审核")
    assert result.status == "submitted"
    assert Ticket.objects.get(pk=ticket.pk).status == "submitted"
    assert written() == (before[0] + 1, before[1] + 1, before[2] + 1)

    log = status_log(ticket)[0]
    assert (log.from_state, log.action, log.to_state, log.actor, log.comment) == (
        "draft", "submit", "submitted", people["owner"], "请审核")
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.user_id, entry.object_id, entry.note) == (
        "transition:submit", people["owner"].pk, str(ticket.pk), "请审核")
    assert (entry.before, entry.after) == ({"status": "draft"}, {"status": "submitted"})
    notice = Notification.objects.get()
    assert notice.recipient == people["officer"]
    assert "提交" in notice.text and "已提交" in notice.text


def test_action_not_valid_in_state_is_refused_and_nothing_written(ticket, table, people):
    before = written()
    with pytest.raises(TransitionError) as caught:
        transition(ticket, "approve", people["officer"], table)
    assert caught.value.code == "bad_state"
    # the state and the actions possible in it are named by their labels, not their codes
    assert "草稿" in caught.value.messages[0] and "提交" in caught.value.messages[0]
    assert "submit" not in caught.value.messages[0]
    assert Ticket.objects.get(pk=ticket.pk).status == "draft"
    assert written() == before


def test_user_not_allowed_is_refused_and_nothing_written(ticket, table, people):
    before = written()
    with pytest.raises(PermissionDenied):
        transition(ticket, "submit", people["other"], table)
    assert Ticket.objects.get(pk=ticket.pk).status == "draft"
    assert written() == before


def test_required_field_missing_is_named(table, people):
    ticket = Ticket.objects.create(title="", owner_id=people["owner"].pk)
    before = written()
    with pytest.raises(TransitionError) as caught:
        transition(ticket, "submit", people["owner"], table)
    assert caught.value.code == "missing"
    assert "标题" in caught.value.messages[0]
    assert written() == before


def test_comment_required(ticket, table, people):
    transition(ticket, "submit", people["owner"], table)
    before = written()
    with pytest.raises(TransitionError) as caught:
        transition(ticket, "reject", people["officer"], table, comment="   ")
    assert caught.value.code == "comment_required"
    assert written() == before
    assert transition(ticket, "reject", people["officer"], table, comment="材料不全").status == "rejected"


def test_before_hook_sets_fields_and_its_error_rolls_back(ticket, table, people):
    transition(ticket, "submit", people["owner"], table)
    before = written()
    with pytest.raises(ValidationError):
        transition(ticket, "approve", people["officer"], table, note="refuse")
    assert Ticket.objects.get(pk=ticket.pk).status == "submitted"
    assert written() == before
    approved = transition(ticket, "approve", people["officer"], table, note="同意立项")
    assert (approved.status, approved.approved_note) == ("approved", "同意立项")
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.after == {"status": "approved", "approved_note": "同意立项"}


def test_second_concurrent_action_sees_the_new_state(ticket, table, people):
    transition(ticket, "submit", people["owner"], table)
    stale = Ticket.objects.get(pk=ticket.pk)  # both officers loaded the submitted ticket
    transition(stale, "approve", people["officer"], table)
    with pytest.raises(TransitionError) as caught:
        transition(stale, "reject", people["officer"], table, comment="晚了一步")
    assert caught.value.code == "bad_state"
    assert Ticket.objects.get(pk=ticket.pk).status == "approved"


def test_available_actions_follow_state_and_predicate(ticket, table, people):
    assert [a for a, _ in available_actions(ticket, table, people["owner"])] == ["submit"]
    assert available_actions(ticket, table, people["officer"]) == []
    ticket = transition(ticket, "submit", people["owner"], table)
    assert sorted(a for a, _ in available_actions(ticket, table, people["officer"])) == ["approve", "reject"]
    assert available_actions(ticket, table, people["owner"]) == []


def test_status_log_keeps_the_whole_path_in_order(ticket, table, people):
    transition(ticket, "submit", people["owner"], table)
    transition(ticket, "reject", people["officer"], table, comment="补充材料")
    transition(ticket, "submit", people["owner"], table)
    path = [(r.from_state, r.to_state) for r in status_log(ticket)]
    assert path == [("draft", "submitted"), ("submitted", "rejected"), ("rejected", "submitted")]


def test_absent_recipients_are_skipped_and_duplicates_told_once(ticket, table, people):
    officer = people["officer"]
    rule = Rule("submitted", allowed=is_owner, notify=lambda t: [None, officer, officer])
    table = {**table, ("draft", "submit"): rule}
    transition(ticket, "submit", people["owner"], table)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [officer.pk]


def test_labelled_names_a_row_by_its_action_unless_the_row_says_otherwise():
    class Act(models.TextChoices):
        OPEN = "open", "打开"
        SHUT = "shut", "关闭"

    table = labelled({("new", Act.OPEN): Rule("open", allowed=lambda u, o: True),
                      ("open", Act.SHUT): Rule("shut", allowed=lambda u, o: True, label="结束")})
    assert [str(rule.label) for rule in table.values()] == ["打开", "结束"]
