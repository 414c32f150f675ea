"""One application walked through the pages from call to acceptance, each step as the right role."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from core.testing import browser_login, make_organisation, make_person, make_user, screenshot
from core.workflow import status_log
from directory.models import Division, Region
from projects.models import Project
from projects.workflow import CallState, State

from .helpers import make_call

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Desks:
    """One signed-in browser tab per person, as in an office: each logs in once through the page."""

    def __init__(self, first_page, base_url: str):
        self.first_page, self.base_url, self.pages = first_page, base_url, {}

    def __call__(self, user):
        if user.pk not in self.pages:
            if self.pages:
                context = self.first_page.context.browser.new_context(base_url=self.base_url, locale="zh-CN")
                page = context.new_page()
                page.set_default_timeout(15_000)
            else:
                page = self.first_page
            browser_login(page, user.username)
            self.pages[user.pk] = page
        return self.pages[user.pk]


def _act(page, project, action: str, comment: str = "", **inputs: str) -> None:
    page.goto(f"/projects/{project.pk}/")
    form = page.locator(f'form[data-action="{action}"]')
    if comment:
        form.locator('input[name="comment"]').fill(comment)
    for name, value in inputs.items():
        form.locator(f'input[name="{name}"]').fill(value)
    form.locator("button").click()
    page.wait_for_selector(".alert-success")


def _complete_application(page, project) -> None:
    """Team (found by search), budget by category, targets — what the submit step checks."""
    page.wait_for_selector("#part-errors")
    page.fill("#team-form .search-select-box", "周研")
    page.click("#team-form .search-select-results button:has-text('周研究')")
    page.select_option("#id_role", "pi")
    page.fill("#id_workload", "6")
    page.click("#team-form button:has-text('加入项目组')")
    page.wait_for_selector("#team")
    for name, value in {"labour_requested": "3", "publication_requested": "1",
                        "overhead_requested": "1", "materials_self_raised": "1"}.items():
        page.fill(f"#id_{name}", value)
    page.click("#budget-form button")
    page.wait_for_selector(".alert-success")
    page.select_option("#id_kind", "other")
    page.fill("#id_quantity", "1")
    page.fill("#id_unit", "份")
    page.fill("#id_description", "研究报告")
    page.click("#target-form button")
    page.wait_for_selector("#targets")
    screenshot(page, "projects-application-parts")
    assert project.team.get().role == "pi"
    assert sorted(project.budget_lines.values_list("category", "requested", "self_raised")) == [
        ("labour", 30000, 0), ("materials", 0, 10000), ("overhead", 10000, 0), ("publication", 10000, 0)]


def _status(project) -> str:
    return Project.objects.get(pk=project.pk).status


@pytest.mark.browser
def test_application_from_call_to_acceptance(browser_page, live_server):
    desk = Desks(browser_page, live_server.url)
    org = make_organisation("410305", name="洛阳轴承研究所有限公司")
    pi_person = make_person(org, "周研究")
    applicant = make_user(Role.APPLICANT, "b-applicant", organisation=org)
    applicant.person = pi_person
    applicant.save()
    org_admin = make_user(Role.ORG_ADMIN, "b-orgadmin", organisation=org)
    county = make_user(Role.COUNTY, "b-county", region=Region.objects.get(code="410305"))
    officer = make_user(Role.OFFICER, "b-officer", division=Division.objects.get(code="policy"))
    leader = make_user(Role.LEADER, "b-leader")
    finance = make_user(Role.FINANCE, "b-finance")
    call = make_call("ruankexue", title="软科学研究计划项目申报通知", status=CallState.DRAFT)

    # The officer publishes the drafted call; only then may the PI apply in it.
    page = desk(officer)
    page.goto(f"/projects/calls/{call.pk}/")
    page.click('form[data-action="publish"] button')
    page.wait_for_selector(".alert-success")
    assert page.locator("#call-status").get_attribute("data-status") == CallState.PUBLISHED

    # The PI finds the call, fills in the application and uploads the required file.
    page = desk(applicant)
    page.goto("/projects/calls/")
    page.click("text=软科学研究计划项目申报通知")
    page.click("#apply")
    page.fill("#id_title", "洛阳市科技计划管理改革研究")
    page.fill("#id_field", "科技管理")
    page.fill("#id_summary", "研究缩短项目安排周期的办法。")
    page.fill("#id_start_date", "2026-07-01")
    page.fill("#id_end_date", "2027-06-30")
    page.fill("#id_requested_funding", "5")
    page.fill("#id_self_funding", "1")
    screenshot(page, "projects-application-form")
    page.click("button:has-text('保存')")
    page.wait_for_selector("#actions")
    project = Project.objects.get(title="洛阳市科技计划管理改革研究")
    assert project.call == call
    _complete_application(page, project)
    page.fill("#id_purpose", "申报书")
    page.set_input_files("#id_file", {"name": "申报书.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click("#attach-form button")
    page.wait_for_selector("#attachments")
    _act(page, project, "submit")
    assert _status(project) == State.SUBMITTED

    page = desk(org_admin)
    _act(page, project, "endorse", "同意推荐")
    page = desk(county)
    page.goto("/projects/queue/")
    assert project.number in page.content()
    _act(page, project, "recommend", "涧西区推荐")
    assert _status(project) == State.RECOMMENDED

    page = desk(officer)
    _act(page, project, "pass_formal", "材料齐全")
    page.goto(f"/projects/{project.pk}/")
    page.fill("#id_score", "86")
    page.click("#score-form button")
    page.wait_for_selector(".alert-success")
    _act(page, project, "propose", "建议立项", proposed_funding="5")
    notice_end = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    _act(page, project, "publish_notice", "公示七天", notice_end=notice_end)
    assert _status(project) == State.IN_NOTICE
    # Seven days pass without objection.
    Project.objects.filter(pk=project.pk).update(notice_end=timezone.now() - dt.timedelta(minutes=1))

    page = desk(leader)
    _act(page, project, "approve", "同意立项", approved_funding="5")
    assert _status(project) == State.APPROVED

    page = desk(applicant)
    page.goto(f"/projects/{project.pk}/")
    page.fill("#id_goals", "形成研究报告一份，政策建议三条。")
    page.fill("#id_budget_labour", "3")
    page.fill("#id_budget_publication", "2")
    page.fill("#id_budget_travel", "1")
    page.fill("#id_milestones", "2026-12-31 | 中期报告 | 2.5")
    page.click("#taskbook-form button")
    page.wait_for_selector(".alert-success")
    _act(page, project, "submit_taskbook")

    page = desk(officer)
    _act(page, project, "approve_taskbook", "任务书合格")
    _act(page, project, "sign_taskbook", "双方已签字")
    assert _status(project) == State.IN_PROGRESS

    page = desk(finance)
    page.goto(f"/projects/{project.pk}/")
    page.fill("#disburse-form input[name=amount]", "2.5")
    page.fill("#disburse-form input[name=paid_on]", timezone.localdate().isoformat())
    page.click("#disburse-form button")
    page.wait_for_selector("#disbursements")

    page = desk(officer)
    _act(page, project, "start_midterm")
    _act(page, project, "pass_midterm", "进度正常")

    page = desk(applicant)
    page.goto(f"/projects/{project.pk}/")
    page.select_option("#outcome-form select[name=kind]", "key_technology")
    page.fill("#outcome-form input[name=title]", "项目安排周期缩短方法")
    page.click("#outcome-form button")
    page.wait_for_selector("#outcomes")
    # The report is no registered outcome: its count is entered against the target.
    page.fill(f"#id_target_{project.targets.get(kind='other').pk}", "1")
    page.click("#achieved-form button")
    page.wait_for_selector(".alert-success")
    assert page.locator('#targets tr[data-kind="other"] .met').inner_text() == "已完成"
    _act(page, project, "apply_acceptance")

    page = desk(officer)
    _act(page, project, "accept", "达到任务书指标")
    _act(page, project, "close")
    screenshot(page, "projects-closed")
    assert _status(project) == State.CLOSED
    assert [log.action for log in status_log(project)] == [
        "submit",
        "endorse",
        "recommend",
        "pass_formal",
        "propose",
        "publish_notice",
        "approve",
        "submit_taskbook",
        "approve_taskbook",
        "sign_taskbook",
        "start_midterm",
        "pass_midterm",
        "apply_acceptance",
        "accept",
        "close",
    ]
    assert "已结题" in page.locator("#project-status").inner_text()
