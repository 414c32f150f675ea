"""Services: import, the plan lifecycle (every transition allowed / forbidden / audited), review,
progress reports with evidence, work-item milestones and notes; bad input writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Attachment, AuditEntry, StatusLog
from core.testing import BEIJING
from core.workflow import TransitionError
from directory.models import Division
from plans import services
from plans.forms import MilestoneForm, ProgressReportForm, ReviewFormSet, WorkItemNoteForm
from plans.models import Indicator, Milestone, Plan, ProgressReport, WorkItem, WorkItemNote
from plans.workflow import TRANSITIONS

from .conftest import PLAN_TEXT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_import_creates_a_draft_with_indicators_work_items_and_an_audit_entry(users):
    plan = services.import_plan(users["officer"], year=2010, text=PLAN_TEXT, source_name="t.txt")
    assert (plan.status, plan.year, plan.title) == ("draft", 2010, "2010年测试市科技工作要点")
    codes = list(plan.indicators.values_list("code", "kind", "unit"))
    assert codes == [
        ("01-1", "reach", "项"),
        ("01-2", "reach", "件"),
        ("01-3", "range", "个"),
        ("02-1", "increase_to", "家"),
        ("03-1", "keep_rank", "全省前列"),
        ("03-2", "deadline", ""),
    ]
    incubator = plan.indicators.get(code="02-1")
    assert (incubator.baseline, incubator.target_value) == (318, 387)
    assert plan.source_text[incubator.match_start : incubator.match_end] == "387家"
    assert list(plan.work_items.values_list("number", flat=True)) == [1, 2, 3]
    entry = AuditEntry.objects.get(action="import_plan")
    assert entry.after == {"indicators": 6, "work_items": 3} and entry.user == users["officer"]


@pytest.mark.parametrize("role", ["leader", "county", "supervisor", "finance", "org_admin", "public"])
def test_import_is_refused_to_other_roles_and_writes_nothing(users, role):
    with pytest.raises(PermissionDenied):
        services.import_plan(users[role], year=2010, text=PLAN_TEXT)
    assert not Plan.objects.exists() and not AuditEntry.objects.filter(action="import_plan").exists()


def test_import_refuses_an_officer_of_another_division(hightech_officer):
    with pytest.raises(PermissionDenied):
        services.import_plan(hightech_officer, year=2010, text=PLAN_TEXT)


@pytest.mark.parametrize(("year", "text"), [(2010, "   "), (1800, PLAN_TEXT)])
def test_import_bad_input_writes_nothing(users, year, text):
    with pytest.raises(ValidationError):
        services.import_plan(users["admin"], year=year, text=text)
    assert not Plan.objects.exists() and not Indicator.objects.exists()


# --- lifecycle: draft --confirm--> confirmed --reopen--> draft ------------------------------------


def _assign_all(plan, users):
    plan.indicators.update(division=Division.objects.get(code="hightech"), leader=users["leader"])


def test_transition_table_is_the_documented_lifecycle():
    assert {(s, a): r.to_state for (s, a), r in TRANSITIONS.items()} == {
        ("draft", "confirm"): "confirmed",
        ("confirmed", "reopen"): "draft",
    }


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_confirm_allowed_writes_status_log_and_audit(users, draft_plan, role):
    _assign_all(draft_plan, users)
    plan = services.confirm_plan(users[role], draft_plan, comment="ok")
    assert plan.status == "confirmed"
    log = StatusLog.objects.get(object_id=str(plan.pk), action="confirm")
    assert (log.from_state, log.to_state, log.actor) == ("draft", "confirmed", users[role])
    assert AuditEntry.objects.filter(action="transition:confirm", object_id=str(plan.pk)).exists()


@pytest.mark.parametrize("role", ["leader", "county", "supervisor", "finance", "expert"])
def test_confirm_forbidden_for_other_roles(users, draft_plan, role):
    with pytest.raises(PermissionDenied):
        services.confirm_plan(users[role], draft_plan)
    draft_plan.refresh_from_db()
    assert draft_plan.status == "draft" and not StatusLog.objects.exists()


def test_confirm_refuses_an_incomplete_indicator(users, draft_plan):
    Indicator.objects.filter(plan=draft_plan, kind="increase_to").update(baseline=None)
    with pytest.raises(TransitionError, match="02-1"):
        services.confirm_plan(users["admin"], draft_plan)
    draft_plan.refresh_from_db()
    assert draft_plan.status == "draft"


def test_confirm_refuses_an_empty_plan(users, draft_plan):
    draft_plan.indicators.all().delete()
    with pytest.raises(TransitionError, match="没有指标"):
        services.confirm_plan(users["admin"], draft_plan)


def test_only_one_confirmed_plan_per_year(users, confirmed_plan):
    second = services.import_plan(users["admin"], year=2010, text=PLAN_TEXT)
    with pytest.raises(TransitionError, match="已有已确认"):
        services.confirm_plan(users["admin"], second)
    second.refresh_from_db()
    assert second.status == "draft"


def test_confirm_twice_is_a_bad_state(users, confirmed_plan):
    with pytest.raises(TransitionError) as info:
        services.confirm_plan(users["admin"], confirmed_plan)
    assert info.value.code == "bad_state"


def test_reopen_needs_admin_and_a_reason(users, confirmed_plan):
    with pytest.raises(PermissionDenied):
        services.reopen_plan(users["officer"], confirmed_plan, comment="改")
    with pytest.raises(TransitionError):
        services.reopen_plan(users["admin"], confirmed_plan, comment="")
    plan = services.reopen_plan(users["admin"], confirmed_plan, comment="指标需调整")
    assert plan.status == "draft"
    assert StatusLog.objects.get(action="reopen").comment == "指标需调整"
    assert AuditEntry.objects.filter(action="transition:reopen").exists()


def test_delete_plan_only_while_draft(users, draft_plan, confirmed_plan):
    with pytest.raises(PermissionDenied):
        services.delete_plan(users["admin"], confirmed_plan)
    other = services.import_plan(users["admin"], year=2011, text=PLAN_TEXT)
    other_pk = other.pk
    services.delete_plan(users["officer"], other)
    assert not Plan.objects.filter(pk=other_pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(other_pk)).exists()


# --- review ----------------------------------------------------------------------------------------


def _review_data(plan, **changes):
    """POST data for the review formset with the indicators as they are, plus `changes`."""
    formset = ReviewFormSet(plan=plan)
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(plan.indicators.count()),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if hasattr(value, "pk"):
                value = value.pk
            data[f"form-{i}-{name}"] = "" if value is None or value is False else value
    data.update(changes)
    return data


def test_review_corrects_deletes_and_adds_in_one_go(users, draft_plan):
    codes = list(draft_plan.indicators.values_list("code", flat=True))
    new = len(codes)
    data = _review_data(
        draft_plan,
        **{
            "form-0-target_value": "120",
            "form-0-division": str(Division.objects.get(code="planning").pk),
            "form-0-leader": str(users["leader"].pk),
            "form-1-DELETE": "on",
            f"form-{new}-name": "新增孵化面积",
            f"form-{new}-kind": "reach",
            f"form-{new}-unit": "万平方米",
            f"form-{new}-target_value": "18",
        },
    )
    formset = ReviewFormSet(data, plan=draft_plan)
    assert formset.is_valid(), formset.errors
    counts = services.review_plan(users["officer"], draft_plan, formset)
    assert counts == {"updated": 1, "deleted": 1, "added": 1}
    first = draft_plan.indicators.get(code=codes[0])
    assert (first.target_value, first.division.code, first.leader) == (120, "planning", users["leader"])
    assert not draft_plan.indicators.filter(code=codes[1]).exists()
    added = draft_plan.indicators.get(name="新增孵化面积")
    assert added.code.startswith("99-")
    assert added.order == max(draft_plan.indicators.values_list("order", flat=True))
    assert AuditEntry.objects.filter(action="update", note="审核时更正").count() == 1
    assert AuditEntry.objects.filter(action="create", note="审核时新增").count() == 1
    assert AuditEntry.objects.filter(action="delete", note="审核时删除").count() == 1


def test_review_rejects_bad_rows_and_writes_nothing(users, draft_plan):
    data = _review_data(draft_plan, **{"form-2-target_min": "9", "form-2-target_max": "3"})
    formset = ReviewFormSet(data, plan=draft_plan)
    assert not formset.is_valid()
    assert "target_max" in formset.forms[2].errors


def test_review_refused_once_confirmed(users, confirmed_plan):
    formset = ReviewFormSet(_review_data(confirmed_plan), plan=confirmed_plan)
    assert formset.is_valid()
    with pytest.raises(PermissionDenied):
        services.review_plan(users["admin"], confirmed_plan, formset)


def test_leader_must_hold_the_leader_role(users, draft_plan):
    indicator = draft_plan.indicators.first()
    indicator.leader = users["officer"]
    with pytest.raises(ValidationError, match="局领导"):
        indicator.full_clean()


# --- progress reports ------------------------------------------------------------------------------


def _report_form(indicator, **data):
    files = {"evidence": data.pop("evidence")} if "evidence" in data else {}
    return ProgressReportForm(data={"as_of": "2010-06-30", "value": "800", "note": "上半年", **data}, files=files,
                              indicator=indicator)  # fmt: skip


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_responsible_division_reports_with_evidence(users, hightech_officer, manual_indicator):
    upload = SimpleUploadedFile("统计表.pdf", PDF, content_type="application/pdf")
    form = _report_form(manual_indicator, evidence=upload)
    assert form.is_valid(), form.errors
    report = services.add_report(hightech_officer, form, manual_indicator)
    assert (report.value, report.reported_by) == (800, hightech_officer)
    attachment = Attachment.objects.get(object_id=str(report.pk))
    assert (attachment.kind, attachment.original_name, attachment.purpose) == ("pdf", "统计表.pdf", "evidence")
    assert AuditEntry.objects.filter(action="create", object_id=str(report.pk)).exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
@pytest.mark.parametrize("role", ["leader", "county", "supervisor", "finance", "officer"])
def test_report_refused_outside_the_responsible_division(users, manual_indicator, role):
    # the test "officer" is in 计划科 (planning) and may report; everyone else may not
    form = _report_form(manual_indicator)
    assert form.is_valid()
    if role == "officer":
        services.add_report(users[role], form, manual_indicator)
        assert ProgressReport.objects.count() == 1
        return
    with pytest.raises(PermissionDenied):
        services.add_report(users[role], form, manual_indicator)
    assert not ProgressReport.objects.exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
@pytest.mark.parametrize(
    ("data", "field"),
    [({"as_of": "2009-12-31"}, "as_of"), ({"as_of": "2010-09-01"}, "as_of"), ({"value": "abc"}, "value")],
)
def test_bad_report_is_rejected_with_a_clear_error(manual_indicator, data, field):
    form = _report_form(manual_indicator, **data)
    assert not form.is_valid() and field in form.errors
    assert not ProgressReport.objects.exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_evidence_is_checked_by_content(manual_indicator):
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    form = _report_form(manual_indicator, evidence=fake)
    assert not form.is_valid() and "evidence" in form.errors
    assert not Attachment.objects.exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_no_report_on_a_source_backed_indicator_or_a_draft(users, draft_plan, confirmed_plan, fake_source):
    indicator = confirmed_plan.indicators.get(unit="项")
    indicator.source_key = fake_source.key
    indicator.save()
    with pytest.raises(PermissionDenied):
        services.add_report(users["admin"], _report_form(indicator), indicator)
    services.reopen_plan(users["admin"], confirmed_plan, comment="调整")
    manual = Indicator.objects.get(plan=confirmed_plan, unit="件")  # fresh: the plan is a draft again
    with pytest.raises(PermissionDenied):
        services.add_report(users["admin"], _report_form(manual), manual)


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_delete_report(users, hightech_officer, manual_indicator):
    form = _report_form(manual_indicator)
    form.is_valid()
    report = services.add_report(hightech_officer, form, manual_indicator)
    with pytest.raises(PermissionDenied):
        services.delete_report(users["leader"], report)
    report_pk = report.pk
    services.delete_report(hightech_officer, report)
    assert not ProgressReport.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(report_pk)).exists()


# --- work items ------------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_milestones_and_notes_by_the_responsible_division(users, hightech_officer, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    form = MilestoneForm(data={"title": "制定方案", "due": "2010-03-31"}, work_item=item)
    assert form.is_valid()
    milestone = services.add_milestone(hightech_officer, form, item)
    assert milestone.is_overdue()
    services.complete_milestone(users["leader"], milestone, dt.date(2010, 4, 2))  # the item's leader
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2010, 4, 2) and not milestone.is_overdue()
    with pytest.raises(ValidationError):
        services.complete_milestone(users["admin"], milestone)
    note = WorkItemNoteForm(data={"noted_on": "2010-07-31", "text": "进展顺利"}, work_item=item)
    assert note.is_valid()
    services.add_note(hightech_officer, note, item)
    assert WorkItemNote.objects.get().author == hightech_officer
    assert AuditEntry.objects.filter(action="update", object_id=str(milestone.pk)).exists()


@pytest.mark.parametrize("role", ["county", "supervisor", "finance"])
def test_work_item_updates_refused_to_others(users, confirmed_plan, role):
    item = confirmed_plan.work_items.get(number=1)
    form = MilestoneForm(data={"title": "x", "due": "2010-03-31"}, work_item=item)
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.add_milestone(users[role], form, item)
    assert not Milestone.objects.exists()


@time_machine.travel(dt.datetime(2010, 8, 1, 12, tzinfo=BEIJING))
def test_milestone_cannot_be_done_in_the_future(users, confirmed_plan):
    item = confirmed_plan.work_items.get(number=1)
    milestone = Milestone.objects.create(work_item=item, title="x", due=dt.date(2010, 9, 1))
    with pytest.raises(ValidationError):
        services.complete_milestone(users["admin"], milestone, dt.date(2010, 9, 2))


def test_work_item_assignment_is_audited(users, confirmed_plan):
    from plans.forms import WorkItemForm

    item = confirmed_plan.work_items.get(number=2)
    form = WorkItemForm(
        data={"title": item.title, "division": Division.objects.get(code="rural").pk, "leader": users["leader"].pk},
        instance=item,
    )
    assert form.is_valid(), form.errors
    with pytest.raises(PermissionDenied):
        services.save_work_item(users["leader"], form, item)
    services.save_work_item(users["officer"], form, item)
    assert WorkItem.objects.get(pk=item.pk).division.code == "rural"
    assert AuditEntry.objects.filter(action="update", object_id=str(item.pk)).exists()


def test_indicator_clean_rules():
    plan = Plan(year=2010, title="t")
    cases = [
        (Indicator(plan=plan, code="a", name="x", kind="range", target_min=Decimal(5)), "target_min"),
        (Indicator(plan=plan, code="a", name="x", kind="reach"), "target_value"),
        (Indicator(plan=plan, code="a", name="x", kind="increase_to", target_value=Decimal(3)), "baseline"),
        (Indicator(plan=plan, code="a", name="x", kind="deadline"), "deadline"),
        (
            Indicator(
                plan=plan,
                code="a",
                name="x",
                kind="reach",
                target_value=Decimal(3),
                schedule="quarterly",
                q1=Decimal("0.5"),
                q2=Decimal("0.4"),
                q3=Decimal("0.8"),
                q4=Decimal(1),
            ),
            "q4",
        ),
    ]
    for indicator, field in cases:
        with pytest.raises(ValidationError) as info:
            indicator.clean()
        assert field in info.value.message_dict
