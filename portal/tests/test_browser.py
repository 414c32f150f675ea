"""The portal in a browser: an anonymous visitor files an objection from the home page, an officer
resolves it before approval; the main pages at phone width (390 px)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from core.testing import browser_login, make_organisation, make_user, screenshot
from core.workflow import TransitionError
from portal.models import Publication
from projects import services as project_services
from projects.models import Objection, Project
from projects.tests.helpers import make_call, make_project
from projects.workflow import Action, State

from .helpers import PNG


def _notice(pi, org) -> Project:
    call = make_call()
    project = make_project(pi, org, status=State.IN_NOTICE, call=call, title="盾构机主轴承密封技术研究")
    now = timezone.now()
    Project.objects.filter(pk=project.pk).update(notice_start=now - dt.timedelta(days=1),
                                                 notice_end=now + dt.timedelta(days=4))
    return Project.objects.get(pk=project.pk)


@pytest.mark.browser
def test_visitor_files_an_objection_and_an_officer_resolves_it_before_approval(browser_page, live_server, tmp_path):
    org = make_organisation("410305", name="洛阳轴承研究所有限公司")
    project = _notice(make_user(Role.APPLICANT, "b-pi", organisation=org), org)
    officer = make_user(Role.OFFICER, "b-officer", division=project.division)
    leader = make_user(Role.LEADER, "b-leader")
    page = browser_page

    page.goto("/public/")
    page.get_by_role("link", name="拟立项项目公示").first.click()
    page.get_by_role("link", name="提出异议").first.click()
    page.get_by_label("姓名或单位").fill("王先生")
    page.get_by_label("联系方式").fill("wang@example.org")
    page.get_by_label("异议内容").fill("合作单位未签署合作协议，与申报材料不符。")
    evidence = tmp_path / "evidence.png"
    evidence.write_bytes(PNG)
    page.get_by_label("证明材料").set_input_files(str(evidence))
    page.click("#submit-objection")
    receipt = page.locator("#receipt").inner_text()
    objection = Objection.objects.get(receipt=receipt)
    assert objection.project == project and objection.resolved_at is None
    page.click("text=查询处理状态")
    assert "已受理" in page.locator("#objection-status").inner_text()

    # The window ends; the leader may not approve over the open objection.
    Project.objects.filter(pk=project.pk).update(notice_end=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(TransitionError):
        project_services.apply_action(leader, project, Action.APPROVE, approved_funding="500000")

    desk = page.context.browser.new_context(base_url=live_server.url, locale="zh-CN").new_page()
    browser_login(desk, officer.username)
    desk.goto("/public/manage/objections/?open=true")
    desk.get_by_role("link", name=receipt).click()
    desk.get_by_label("核查结论").select_option("0")
    desk.get_by_label("答复意见").fill("经核查，合作协议已于申报前签署，异议不成立。")
    desk.click("#resolve")
    desk.wait_for_selector(".alert-success")
    assert "异议不成立" in desk.locator("#objection-state").inner_text()
    screenshot(desk, "portal-objection-resolved")

    page.reload()
    assert "异议不成立" in page.locator("#objection-status").inner_text()
    approved = project_services.apply_action(leader, project, Action.APPROVE, approved_funding="500000")
    assert approved.status == State.APPROVED


@pytest.mark.browser
def test_main_pages_fit_a_phone(browser_page, live_server):
    org = make_organisation("410305", name="洛阳轴承研究所有限公司")
    project = _notice(make_user(Role.APPLICANT, "b-pi", organisation=org), org)
    Publication.objects.create(kind="policy", title="市科技计划项目管理办法（长标题用于检验窄屏换行是否正常显示）",
                               body="正文" * 200, status="published", published_at=timezone.now())
    phone = browser_page.context.browser.new_context(base_url=live_server.url, locale="zh-CN",
                                                     viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    urls = ["/public/", "/public/calls/", f"/public/calls/{project.call_id}/", "/public/notices/",
            f"/public/notices/{project.call_id}/", "/public/results/", "/public/results/projects/",
            "/public/documents/", "/public/data/", f"/public/objections/new/{project.pk}/",
            "/public/objections/status/"]
    for url in urls:
        page.goto(url)
        assert page.locator("h1").first.is_visible(), url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
    page.goto("/public/")
    assert not page.get_by_role("link", name="开放数据").is_visible()
    page.get_by_label("展开导航").click()
    page.get_by_role("link", name="开放数据").click()
    page.wait_for_url("**/public/data/")
    page.goto("/public/")
    screenshot(page, "portal-home-phone")
    phone.close()
