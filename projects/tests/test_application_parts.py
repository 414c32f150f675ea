"""The application's parts (issue 15): team, budget by category, targets — each rule checked at
submit with a bilingual refusal and nothing written; planned against achieved at acceptance."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from core.models import AuditEntry
from core.testing import make_organisation, make_person
from core.workflow import TransitionError
from projects import services
from projects.models import BudgetLine, Outcome, Project, Target, TeamMember
from projects.workflow import Action, State

from .helpers import make_project

pytestmark = pytest.mark.django_db


def _submit(users, project):
    return services.apply_action(users[Role.APPLICANT], project, Action.SUBMIT)


def _refused(users, project, text: str):
    with pytest.raises(TransitionError) as refusal:
        _submit(users, project)
    message = " ".join(refusal.value.messages)
    assert text in message, message
    assert Project.objects.get(pk=project.pk).status == State.DRAFT
    return message


def _budget(project, *rows):
    project.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(project=project, category=c, requested=Decimal(r), self_raised=Decimal(s), amount=Decimal(r) +
                   Decimal(s), note=n) for c, r, s, n in rows
    )


def test_complete_application_is_submitted(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    assert _submit(users, project).status == State.SUBMITTED


# --- budget rules -----------------------------------------------------------------------


def test_no_budget_lines_refused(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    project.budget_lines.all().delete()
    message = _refused(users, project, "申报书没有预算明细")
    assert "no budget lines" in message


def test_requested_lines_must_add_up_to_requested_funding(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)  # requests 500000, raises 100000
    _budget(project, ("materials", "400000", "100000", ""), ("overhead", "50000", "0", ""))
    message = _refused(users, project, "预算申请资助合计 450000.00 元，与申请资助 500000.00 元不符")
    assert "do not add up to the requested funding" in message


def test_self_raised_lines_must_add_up_to_self_funding(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    _budget(project, ("materials", "450000", "60000", ""), ("overhead", "50000", "0", ""))
    message = _refused(users, project, "预算自筹合计 60000.00 元，与自筹 100000.00 元不符")
    assert "Self-raised" in message


def test_indirect_costs_above_the_programs_cap_refused(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    project.program.overhead_cap = Decimal("10")
    project.program.save()
    _budget(project, ("materials", "440000", "100000", ""), ("overhead", "60000", "0", ""))
    message = _refused(users, project, "间接费用 60000.00 元超过申请资助的 10%（50000.00 元）")
    assert "Indirect costs exceed" in message
    _budget(project, ("materials", "450000", "100000", ""), ("overhead", "50000", "0", ""))
    assert _submit(users, project).status == State.SUBMITTED  # exactly at the cap is allowed


def test_equipment_above_threshold_needs_a_justification(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    _budget(project, ("equipment", "450000", "100000", ""), ("overhead", "50000", "0", ""))
    message = _refused(users, project, "设备费 550000.00 元超过 100000.00 元，须填写购置理由")
    assert "needs a justification" in message
    project.budget_lines.filter(category="equipment").update(note="试验台无法租用")
    assert _submit(users, project).status == State.SUBMITTED


def test_save_budget_splits_lines_audits_and_ignores_an_unchanged_save(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    lines = [{"category": "labour", "requested": "450000", "self_raised": "", "note": ""},
             {"category": "testing", "requested": "", "self_raised": "100000", "note": "外协检测"},
             {"category": "overhead", "requested": "50000", "self_raised": "0", "note": ""},
             {"category": "travel", "requested": "", "self_raised": "", "note": ""}]
    services.save_budget(users[Role.APPLICANT], project, lines)
    assert sorted(project.budget_lines.values_list("category", "requested", "self_raised", "amount")) == [
        ("labour", 450000, 0, 450000), ("overhead", 50000, 0, 50000), ("testing", 0, 100000, 100000)]
    entries = AuditEntry.objects.filter(action="budget").count()
    assert entries == 1
    services.save_budget(users[Role.APPLICANT], project, lines)
    assert AuditEntry.objects.filter(action="budget").count() == entries


def test_save_budget_bad_input_writes_nothing(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    before = list(project.budget_lines.values_list("category", "requested"))
    with pytest.raises(ValidationError, match="Amount must not be negative"):
        services.save_budget(users[Role.APPLICANT], project, [{"category": "labour", "requested": "-5"}])
    with pytest.raises(PermissionDenied):
        services.save_budget(users[Role.OFFICER], project, [{"category": "labour", "requested": "5"}])
    assert list(project.budget_lines.values_list("category", "requested")) == before


# --- team -------------------------------------------------------------------------------


def test_team_needs_the_applicant_as_pi(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    project.team.update(role=TeamMember.Role.CORE)
    message = _refused(users, project, "项目组须以申报人本人为项目负责人")
    assert "applicant must be the team's PI" in message
    project.team.all().delete()
    _refused(users, project, "请填写项目组成员")


def test_member_from_another_organisation_keeps_it_and_is_audited(users, org_a, org_b):
    project = make_project(users[Role.APPLICANT], org_a)
    outsider = make_person(org_b, "外单位人员")
    member = services.add_team_member(users[Role.APPLICANT], project, person=outsider, role="member", workload=30,
                                      workload_unit="percent")
    assert member.organisation == org_b
    assert AuditEntry.objects.filter(action="create", object_repr__startswith=project.number).exists()
    with pytest.raises(ValidationError, match="already on the team"):
        services.add_team_member(users[Role.APPLICANT], project, person=outsider, role="member", workload=3,
                                 workload_unit="months")
    with pytest.raises(ValidationError, match="cannot exceed 100"):
        services.add_team_member(users[Role.APPLICANT], project, person=make_person(org_b, "超量"), role="member",
                                 workload=120, workload_unit="percent")
    with pytest.raises(PermissionDenied):
        services.remove_team_member(users[Role.OFFICER], member)
    services.remove_team_member(users[Role.APPLICANT], member)
    assert not project.team.filter(person=outsider).exists()


def test_concurrent_project_limit_of_the_program(users, org_a):
    applicant = users[Role.APPLICANT]
    make_project(applicant, org_a, status=State.IN_PROGRESS, number="T-RUNNING")
    make_project(applicant, org_a, status=State.CLOSED, number="T-CLOSED")  # a finished project does not count
    project = make_project(applicant, org_a)
    assert [p.number for p in services.concurrent_projects(applicant.person, exclude=project)] == ["T-RUNNING"]
    project.program.pi_project_limit = 1
    project.program.save()
    message = _refused(users, project, "已同时承担 1 项项目，达到本计划上限 1 项")
    assert "the program's limit is 1" in message
    project.program.pi_project_limit = 2
    project.program.save()
    assert _submit(users, project).status == State.SUBMITTED


def test_officer_sees_a_members_concurrent_projects(client, users, org_a):
    applicant = users[Role.APPLICANT]
    running = make_project(applicant, org_a, status=State.IN_PROGRESS, number="T-RUNNING")
    project = make_project(applicant, org_a, status=State.SUBMITTED)
    client.force_login(users[Role.OFFICER])
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "同时承担的其他项目" in page and running.number in page
    client.force_login(applicant)
    assert "同时承担的其他项目" not in client.get(f"/projects/{project.pk}/").content.decode()


# --- targets ----------------------------------------------------------------------------


def test_no_targets_refused(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    project.targets.all().delete()
    message = _refused(users, project, "请填写考核指标")
    assert "no quantified targets" in message


def test_target_unit_defaults_by_kind_and_bad_kind_refused(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    target = services.add_target(users[Role.APPLICANT], project, kind="revenue", quantity=Decimal("500"))
    assert target.unit == "万元"
    with pytest.raises(ValueError):
        services.add_target(users[Role.APPLICANT], project, kind="medal", quantity=1)
    with pytest.raises(ValidationError, match="unit"):
        services.add_target(users[Role.APPLICANT], project, kind="other", quantity=1)


def test_planned_against_achieved_at_acceptance(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.ACCEPTANCE_APPLIED)
    project.targets.all().delete()
    patents = Target.objects.create(project=project, kind="patent", quantity=2, unit="件")
    revenue = Target.objects.create(project=project, kind="revenue", quantity=300, unit="万元")
    talents = Target.objects.create(project=project, kind="talent", quantity=3, unit="人")
    Outcome.objects.create(project=project, kind="patent", title="一种主轴承密封结构")
    Outcome.objects.create(project=project, kind="revenue", title="新增销售", amount=Decimal("3500000"))
    services.record_achieved(users[Role.APPLICANT], project, {talents.pk: "3"})
    rows = {row.target.pk: row for row in services.target_comparison(project)}
    assert (rows[patents.pk].achieved, rows[patents.pk].source, rows[patents.pk].met) == (1, "outcomes", False)
    assert (rows[revenue.pk].achieved, rows[revenue.pk].met) == (Decimal("350.00"), True)
    assert (rows[talents.pk].achieved, rows[talents.pk].source, rows[talents.pk].met) == (3, "entered", True)


def test_achievements_only_at_execution_or_acceptance(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    target = project.targets.get()
    with pytest.raises(PermissionDenied):
        services.record_achieved(users[Role.APPLICANT], project, {target.pk: "2"})
    assert Target.objects.get(pk=target.pk).achieved is None


def test_targets_are_carried_into_the_task_book(client, users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    client.force_login(users[Role.APPLICANT])
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="taskbook-form"' in page and 'id="targets"' in page and "2 件" in page


# --- search endpoints -------------------------------------------------------------------


def test_partner_search_is_limited_and_needs_a_query(client, users, org_a):
    for number in range(25):
        make_organisation("410305", name=f"搜索测试材料{number:02d}有限公司")
    client.force_login(users[Role.APPLICANT])
    assert client.get("/projects/organisations/search/?q=搜").json() == {"results": []}
    rows = client.get("/projects/organisations/search/?q=搜索测试").json()["results"]
    assert len(rows) == 20 and all("搜索测试" in row["text"] for row in rows)
    client.force_login(users[Role.EXPERT])
    assert client.get("/projects/organisations/search/?q=搜索测试").status_code == 403


def test_person_search_only_for_the_pi_of_an_editable_application(client, users, org_a, org_b):
    project = make_project(users[Role.APPLICANT], org_a)
    make_person(org_a, "张同事", phone="13800000000")
    make_person(org_b, "张外人")
    client.force_login(users[Role.APPLICANT])
    assert client.get(f"/projects/{project.pk}/people/search/?q=张").json() == {"results": []}
    rows = client.get(f"/projects/{project.pk}/people/search/?q=张同").json()["results"]
    assert [row["text"] for row in rows] == [f"张同事（{org_a.name}）"]  # no phone, no ID number
    client.force_login(users[Role.ORG_ADMIN])
    assert client.get(f"/projects/{project.pk}/people/search/?q=张同").status_code == 403
    Project.objects.filter(pk=project.pk).update(status=State.SUBMITTED)
    client.force_login(users[Role.APPLICANT])
    assert client.get(f"/projects/{project.pk}/people/search/?q=张同").status_code == 403


def test_team_add_page_round_trip(client, users, org_a):
    project = make_project(users[Role.APPLICANT], org_a)
    colleague = make_person(org_a, "王骨干", title="高级工程师")
    client.force_login(users[Role.APPLICANT])
    response = client.post(f"/projects/{project.pk}/team/add/",
                           {"person": colleague.pk, "role": "core", "workload": "4", "workload_unit": "months"})
    assert response.status_code == 302
    member = project.team.get(person=colleague)
    assert (member.title, member.role, member.workload) == ("高级工程师", "core", Decimal("4.0"))
    client.post(f"/projects/{project.pk}/team/remove/", {"member": member.pk})
    assert not project.team.filter(person=colleague).exists()
