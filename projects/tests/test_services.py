"""Business rules and bad input: each refused with a clear message and nothing written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from core.models import Attachment, AuditEntry, StatusLog
from core.testing import make_organisation, make_user
from core.workflow import TransitionError
from credit import services as credit
from ip import patent_numbers
from projects import services
from projects.models import BudgetLine, ChangeRequest, Disbursement, Milestone, Program, Project
from projects.workflow import Action, ChangeAction, ChangeKind, ChangeState, State

from .helpers import FUNDING, add_budget, make_call, make_project


def _nothing_written(project, status):
    assert Project.objects.get(pk=project.pk).status == status
    assert not StatusLog.objects.filter(object_id=str(project.pk)).exists()


def test_bundled_programs_are_installed(db):
    names = set(Program.objects.values_list("name", flat=True))
    assert {
        "科技攻关",
        "高新技术产业化",
        "成果转化",
        "产学研合作",
        "农业科技",
        "节能减排",
        "社会发展/民生",
        "重大专项",
        "软科学",
    } <= names
    gongguan = Program.objects.get(code="gongguan")
    assert "轴承及加工装备" in gongguan.fields and gongguan.division.code == "planning"
    assert sum(row["weight"] for row in gongguan.review_template) == 100
    assert Program.objects.get(code="chanxueyan").needs_academic_partner


# --- submission window and eligibility ---------------------------------------------------


def test_submission_one_second_after_closing_is_refused(users, org_a, time_machine):
    call = make_call()
    project = make_project(users[Role.APPLICANT], org_a, call=call)
    time_machine.move_to(call.closes_at + dt.timedelta(seconds=1))
    with pytest.raises(TransitionError) as info:
        services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    assert info.value.code == "call_closed"
    _nothing_written(project, State.DRAFT)


def test_submission_at_closing_second_is_accepted(users, org_a, time_machine):
    call = make_call()
    project = make_project(users[Role.APPLICANT], org_a, call=call)
    time_machine.move_to(call.closes_at)
    assert services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT).status == State.SUBMITTED


def test_iur_project_needs_an_academic_partner(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, call=make_call("chanxueyan"))
    with pytest.raises(TransitionError, match="高校或科研院所"):
        services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    _nothing_written(project, State.DRAFT)
    project.partners.add(make_organisation("410305", kind="university"))
    assert services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT).status == State.SUBMITTED


def test_blacklisted_organisation_is_refused(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    credit.record_event(None, org_a, area="funds", points=-50, reason="挪用科研经费")
    with pytest.raises(TransitionError, match="黑名单"):
        services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    _nothing_written(project, State.DRAFT)


def test_missing_required_field_and_attachment_are_named(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, summary="")
    Attachment.objects.filter(purpose="可行性研究报告").delete()
    with pytest.raises(TransitionError) as info:
        services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)
    text = " ".join(info.value.messages)
    assert "项目简介" in text and "可行性研究报告" in text


def test_recommendation_quota_is_enforced(users, org_a):
    call = make_call(default_quota=1)
    first = make_project(users[Role.APPLICANT], org_a, call=call, status=State.ENDORSED)
    second = make_project(users[Role.APPLICANT], org_a, call=call, status=State.ENDORSED)
    services.apply_action(users[Role.COUNTY], first, Action.RECOMMEND)
    with pytest.raises(TransitionError, match="名额"):
        services.apply_action(users[Role.COUNTY], second, Action.RECOMMEND)
    _nothing_written(second, State.ENDORSED)


# --- review, decision, notice --------------------------------------------------------------


def test_propose_needs_a_score_and_funding_in_range(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW, review_score=None)
    officer = users[Role.OFFICER]
    with pytest.raises(TransitionError, match="评审分数"):
        services.apply_action(officer, project, Action.PROPOSE, proposed_funding="500000")
    services.record_review_score(officer, project, "88.5")
    with pytest.raises(TransitionError, match="资助金额须在"):
        services.apply_action(officer, project, Action.PROPOSE, proposed_funding="5000000")
    assert services.apply_action(officer, project, Action.PROPOSE, proposed_funding="500000").status == State.PROPOSED


@pytest.mark.parametrize(
    "amount, message",
    [("-1", "负数"), ("abc", "有效金额"), ("1e12", "过大"), ("100.005", "两位小数"), ("", "请填写")],
)
def test_bad_amounts_are_refused(amount, message, users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW)
    with pytest.raises(ValidationError, match=message):
        services.apply_action(users[Role.OFFICER], project, Action.PROPOSE, proposed_funding=amount)
    _nothing_written(project, State.EXPERT_REVIEW)


@pytest.mark.parametrize("score", ["101", "-3", "x"])
def test_bad_scores_are_refused(score, users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW, review_score=None)
    with pytest.raises(ValidationError):
        services.record_review_score(users[Role.OFFICER], project, score)
    assert Project.objects.get(pk=project.pk).review_score is None


def test_score_only_by_officer_of_division(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW, review_score=None)
    with pytest.raises(PermissionDenied):
        services.record_review_score(users[Role.APPLICANT], project, "90")


def test_approval_waits_for_notice_to_end(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_NOTICE)
    Project.objects.filter(pk=project.pk).update(notice_end=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(TransitionError, match="公示期未满"):
        services.apply_action(users[Role.LEADER], project, Action.APPROVE, approved_funding="500000")
    _nothing_written(project, State.IN_NOTICE)


def test_notice_must_end_in_future(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.PROPOSED)
    with pytest.raises(TransitionError, match="将来"):
        services.apply_action(users[Role.OFFICER], project, Action.PUBLISH_NOTICE, notice_end="2008-01-01")


def test_objection_is_recorded_and_resolved(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_NOTICE)
    services.apply_action(users[Role.OFFICER], project, Action.RAISE_OBJECTION, comment="申报材料数据不实")
    services.apply_action(users[Role.LEADER], project, Action.DISMISS_OBJECTION, comment="经核实数据属实")
    objection = project.objections.get()
    assert objection.content == "申报材料数据不实" and objection.upheld is False and objection.resolved_at


def test_reason_is_required_to_reject(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW)
    with pytest.raises(TransitionError, match="理由"):
        services.apply_action(users[Role.OFFICER], project, Action.REJECT, comment="  ")
    _nothing_written(project, State.EXPERT_REVIEW)


def test_two_leaders_approving_at_once_exactly_one_succeeds(users, org_a):
    """Both loaded the page in `in_notice`; the second finds the state moved and is told so."""
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_NOTICE)
    other_leader = make_user(Role.LEADER, "deputy")
    stale_a, stale_b = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    services.apply_action(users[Role.LEADER], stale_a, Action.APPROVE, approved_funding="500000")
    with pytest.raises(TransitionError) as info:
        services.apply_action(other_leader, stale_b, Action.APPROVE, approved_funding="400000")
    assert info.value.code == "bad_state"
    assert StatusLog.objects.filter(object_id=str(project.pk), action=Action.APPROVE).count() == 1
    assert Project.objects.get(pk=project.pk).approved_funding == Decimal("500000")


# --- task book, money, reports, outcomes ---------------------------------------------------


def _taskbook(pi, project, budget, milestones=()):
    return services.save_taskbook(pi, project, goals="完成样机", budget=budget, milestones=list(milestones))


def test_taskbook_budget_must_add_up(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    pi = users[Role.APPLICANT]
    with pytest.raises(ValidationError, match="不符"):
        _taskbook(pi, project, [{"category": "equipment", "amount": "300000"}])
    with pytest.raises(ValidationError, match="负数"):
        _taskbook(
            pi,
            project,
            [{"category": "equipment", "amount": "700000"}, {"category": "travel", "amount": "-100000"}],
        )
    assert not BudgetLine.objects.filter(project=project).exists()
    _taskbook(
        pi,
        project,
        [{"category": "equipment", "amount": "500000"}, {"category": "travel", "amount": "100000"}],
        [{"title": "样机", "due_date": "2027-06-30", "payment": "250000"}],
    )
    assert project.budget_total == project.planned_total == Decimal("600000")
    assert Milestone.objects.filter(project=project).count() == 1
    assert AuditEntry.objects.filter(action="taskbook", object_id=str(project.pk)).exists()


def test_taskbook_payments_may_not_exceed_funding(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    with pytest.raises(ValidationError, match="拨款计划超过"):
        _taskbook(
            users[Role.APPLICANT],
            project,
            [{"category": "equipment", "amount": "600000"}],
            [{"title": "全部", "due_date": "2027-01-01", "payment": "900000"}],
        )


def test_taskbook_only_by_pi(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    with pytest.raises(PermissionDenied):
        _taskbook(users[Role.OFFICER], project, [{"category": "equipment", "amount": "600000"}])


def test_disbursement_by_finance_within_funding(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    today = timezone.localdate().isoformat()
    with pytest.raises(PermissionDenied):
        services.record_disbursement(users[Role.OFFICER], project, amount="100000", paid_on=today)
    services.record_disbursement(users[Role.FINANCE], project, amount="300000", paid_on=today, voucher="C-1")
    with pytest.raises(ValidationError, match="超过批准资助"):
        services.record_disbursement(users[Role.FINANCE], project, amount="200000.01", paid_on=today)
    with pytest.raises(ValidationError):
        services.record_disbursement(users[Role.FINANCE], project, amount="0", paid_on=today)
    assert Disbursement.objects.filter(project=project).count() == 1


def test_late_report_records_credit_event(users, org_a):
    from credit.models import CreditEvent

    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    services.submit_report(users[Role.APPLICANT], project, kind="annual", due_date=yesterday, content="逾期")
    events = CreditEvent.objects.filter(area="implementation")
    assert {e.subject for e in events} == {org_a, users[Role.APPLICANT].person}


def test_on_time_report_records_no_credit_event(users, org_a):
    from credit.models import CreditEvent

    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    services.submit_report(users[Role.APPLICANT], project, kind="annual", due_date=tomorrow, content="按期")
    assert not CreditEvent.objects.exists()


def test_acceptance_needs_outcomes(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.MIDTERM_PASSED)
    project.outcomes.all().delete()
    with pytest.raises(TransitionError, match="成果"):
        services.apply_action(users[Role.APPLICANT], project, Action.APPLY_ACCEPTANCE)
    services.record_outcome(
        users[Role.APPLICANT], project, kind="patent", title="一种轴承密封结构", reference="ZL 200810012345.3"
    )
    assert services.apply_action(users[Role.APPLICANT], project, Action.APPLY_ACCEPTANCE).status == (
        State.ACCEPTANCE_APPLIED
    )


# --- change requests ----------------------------------------------------------------------


def test_extension_request_approved_moves_end_date(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    new_end = project.end_date + dt.timedelta(days=180)
    change = services.request_change(
        users[Role.APPLICANT], project, kind=ChangeKind.EXTENSION, reason="设备到货延迟", new_end_date=new_end
    )
    with pytest.raises(PermissionDenied):
        services.decide_change(users[Role.APPLICANT], change, ChangeAction.APPROVE, comment="同意")
    services.decide_change(users[Role.OFFICER], change, ChangeAction.APPROVE, comment="同意延期")
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeState.APPROVED
    assert Project.objects.get(pk=project.pk).end_date == new_end


def test_extension_must_be_later_and_project_executing(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    with pytest.raises(ValidationError, match="晚于"):
        services.request_change(
            users[Role.APPLICANT],
            project,
            kind=ChangeKind.EXTENSION,
            reason="x",
            new_end_date=project.end_date,
        )
    draft = make_project(users[Role.APPLICANT], org_a)
    with pytest.raises(ValidationError):
        services.request_change(users[Role.APPLICANT], draft, kind=ChangeKind.BUDGET, reason="调整")
    assert not ChangeRequest.objects.exists()


# --- applications and attachments ----------------------------------------------------------


def test_create_application_in_closed_call_is_refused(users):
    with pytest.raises(ValidationError, match="开放期"):
        services.create_application(users[Role.APPLICANT], make_call(open_now=False), {"title": "x"})
    assert not Project.objects.exists()


def test_create_application_numbers_and_audits(users, org_a):
    call = make_call()
    project = services.create_application(
        users[Role.APPLICANT], call, {"title": "铝板带热连轧", "requested_funding": "300000"}
    )
    assert project.number.startswith(f"{call.year}-GONGGUAN-") and project.applicant_org == org_a
    assert project.status == State.DRAFT and project.division.code == "planning"
    assert AuditEntry.objects.filter(action="create", object_id=str(project.pk)).exists()


def test_only_applicants_create_applications(users):
    with pytest.raises(PermissionDenied):
        services.create_application(users[Role.OFFICER], make_call(), {"title": "x"})


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_attachment_checked_by_content(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    before = Attachment.objects.count()
    disguised = SimpleUploadedFile("申报书.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(ValidationError, match="类型"):
        services.add_attachment(users[Role.APPLICANT], project, purpose="申报书", upload=disguised)
    good = SimpleUploadedFile("scan.bin", PDF, content_type="application/octet-stream")
    attachment = services.add_attachment(users[Role.APPLICANT], project, purpose="申报书", upload=good)
    assert attachment.kind == "pdf" and Attachment.objects.count() == before + 1


def test_oversized_attachment_is_refused(users, org_a, settings):
    settings.MAX_UPLOAD_BYTES = 100
    project = make_project(users[Role.APPLICANT], org_a)
    with pytest.raises(ValidationError, match="过大"):
        services.add_attachment(
            users[Role.APPLICANT],
            project,
            purpose="申报书",
            upload=SimpleUploadedFile("a.pdf", PDF + b" " * 200),
        )


def test_assign_leader_only_for_major_projects(users, org_a):
    major = make_project(users[Role.APPLICANT], org_a, call=make_call("zhongda"), status=State.IN_PROGRESS)
    ordinary = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    division = major.division
    with pytest.raises(PermissionDenied):
        services.assign_leader(users[Role.OFFICER], major, users[Role.LEADER], division)
    with pytest.raises(ValidationError):
        services.assign_leader(users[Role.ADMIN], ordinary, users[Role.LEADER], division)
    assert services.assign_leader(users[Role.ADMIN], major, users[Role.LEADER], division).leader == users[Role.LEADER]


def test_budget_fixture_balances(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    add_budget(project)
    assert services.budget_problem(project) == ""
    assert project.planned_total == FUNDING + Decimal("100000")


def test_budget_change_moves_money_between_categories(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)  # 550,000 + 50,000
    pi = users[Role.APPLICANT]
    with pytest.raises(ValidationError, match="不符"):
        services.request_change(pi, project, kind=ChangeKind.BUDGET, reason="多报", budget_changes={"travel": "90000"})
    with pytest.raises(ValidationError, match="未知预算科目"):
        services.request_change(pi, project, kind=ChangeKind.BUDGET, reason="x", budget_changes={"yacht": "1"})
    change = services.request_change(
        pi,
        project,
        kind=ChangeKind.BUDGET,
        reason="设备降价",
        budget_changes={"equipment": "500000", "materials": "50000"},
    )
    services.decide_change(users[Role.OFFICER], change, ChangeAction.APPROVE, comment="同意调整")
    amounts = dict(BudgetLine.objects.filter(project=project).values_list("category", "amount"))
    assert amounts == {"equipment": Decimal("500000"), "materials": Decimal("50000"), "travel": Decimal("50000")}


def test_pi_change_needs_an_applicant_account(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS)
    with pytest.raises(ValidationError, match="负责人"):
        services.request_change(
            users[Role.APPLICANT], project, kind=ChangeKind.PI, reason="调离", new_pi=users[Role.OFFICER]
        )
    successor = make_user(Role.APPLICANT, "successor", organisation=org_a)
    change = services.request_change(
        users[Role.APPLICANT], project, kind=ChangeKind.PI, reason="调离", new_pi=successor
    )
    services.decide_change(users[Role.OFFICER], change, ChangeAction.APPROVE, comment="同意")
    assert Project.objects.get(pk=project.pk).pi == successor


def test_patent_outcome_is_validated_and_linked_to_the_registry(users, org_a):
    from ip.models import Patent

    project = make_project(users[Role.APPLICANT], org_a, status=State.MIDTERM_PASSED)
    before = project.outcomes.count()
    for bad in ("", "200810012345.6", "ZL2008100123"):
        with pytest.raises(ValidationError):
            services.record_outcome(users[Role.APPLICANT], project, kind="patent", title="一种结构", reference=bad)
    assert project.outcomes.count() == before
    patent = Patent.objects.create(number="200810012345.3", title="一种轴承密封结构", kind="invention",
                                   filing_date=dt.date(2008, 3, 1), applicant_organisation=org_a,
                                   region=org_a.region)
    outcome = services.record_outcome(users[Role.APPLICANT], project, kind="patent", title="密封结构",
                                      reference="ZL200810012345.3")
    assert (outcome.reference, outcome.patent) == ("200810012345.3", patent)
    unregistered = services.record_outcome(users[Role.APPLICANT], project, kind="patent", title="另一项",
                                           reference=patent_numbers.make(2008, "2", 54321))
    assert unregistered.patent is None
