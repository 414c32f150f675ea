"""Every page for every role: who reaches it (200/302), who is refused (403), who cannot see it (404)."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from accounts.roles import Role
from core.testing import assert_statuses, make_user
from projects.models import Project
from projects.workflow import State

from .helpers import make_call, make_project

ALL = [
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
]


def _everyone(status: int, **overrides) -> dict:
    return {"anonymous": 302, **dict.fromkeys(ALL, status), **overrides}


@pytest.fixture
def project(users, org_a):
    return make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED)


@pytest.fixture
def foreign_project(org_b):
    pi = make_user(Role.APPLICANT, "xinan-pi", organisation=org_b)
    return make_project(pi, org_b, status=State.RECOMMENDED)


@pytest.mark.parametrize("name", ["project_list", "work_queue", "program_list", "call_list"])
def test_lists_open_to_every_signed_in_user(name, users, project):
    assert_statuses(users, reverse(f"projects:{name}"), _everyone(200))


def test_my_applications_only_for_applicants(users, project):
    expected = _everyone(403, applicant=200)
    assert_statuses(users, reverse("projects:my_applications"), expected)


def test_detail_scope(users, project, foreign_project):
    inside = _everyone(200, expert=404, public=404)
    assert_statuses(users, project.get_absolute_url(), inside)
    outside = _everyone(200, expert=404, public=404, county=404, org_admin=404, applicant=404)
    assert_statuses(users, foreign_project.get_absolute_url(), outside)


def test_list_shows_only_scope(users, project, foreign_project):
    client = Client()
    client.force_login(users[Role.APPLICANT])
    body = client.get(reverse("projects:project_list")).content.decode()
    assert project.number in body and foreign_project.number not in body


@pytest.mark.parametrize("name", ["program_add", "call_add"])
def test_program_and_call_editing(name, users):
    assert_statuses(users, reverse(f"projects:{name}"), _everyone(403, admin=200, officer=200))


def test_apply_to_open_call_only_applicants(users):
    url = reverse("projects:application_add", args=[make_call().pk])
    assert_statuses(users, url, _everyone(403, applicant=200))
    closed = reverse("projects:application_add", args=[make_call(open_now=False).pk])
    assert_statuses(users, closed, {"applicant": 403})


@pytest.mark.parametrize(
    "name, allowed",
    [
        ("leader_page", ["admin", "leader"]),
        ("analytics", ["admin", "leader", "officer", "supervisor"]),
        ("approved_docx", ["admin", "leader", "officer", "supervisor"]),
        ("project_import", ["admin", "officer"]),
    ],
)
def test_restricted_pages(name, allowed, users):
    expected = _everyone(403, **dict.fromkeys(allowed, 200))
    assert_statuses(users, reverse(f"projects:{name}"), expected)


def test_action_post_by_role(users, project, foreign_project):
    url = reverse("projects:project_action", args=[project.pk])
    data = {"action": "pass_formal", "comment": "材料齐全"}
    assert_statuses(users, url, {"anonymous": 302, "applicant": 403, "county": 403, "expert": 404}, "post", data)
    assert Project.objects.get(pk=project.pk).status == State.RECOMMENDED
    assert_statuses(users, url, {"officer": 302}, "post", data)
    assert Project.objects.get(pk=project.pk).status == State.EXPERT_REVIEW
    foreign_url = reverse("projects:project_action", args=[foreign_project.pk])
    assert_statuses(users, foreign_url, {"org_admin": 404, "applicant": 404}, "post", data)


def test_refused_action_shows_message_and_writes_nothing(users, project):
    client = Client()
    client.force_login(users[Role.OFFICER])
    response = client.post(
        reverse("projects:project_action", args=[project.pk]),
        {"action": "approve", "comment": "x"},
        follow=True,
    )
    assert "不能执行" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == State.RECOMMENDED


def test_detail_shows_buttons_for_role(users, project):
    client = Client()
    client.force_login(users[Role.OFFICER])
    body = client.get(project.get_absolute_url()).content.decode()
    assert 'data-action="pass_formal"' in body and 'data-action="return_for_info"' in body
    client.force_login(users[Role.SUPERVISOR])
    assert 'data-action="pass_formal"' not in client.get(project.get_absolute_url()).content.decode()


def test_application_created_through_page(users, org_a):
    call = make_call()
    client = Client()
    client.force_login(users[Role.APPLICANT])
    response = client.post(
        reverse("projects:application_add", args=[call.pk]),
        {
            "title": "多晶硅还原炉节能技术",
            "field": "硅材料与太阳能光伏",
            "level": "city",
            "summary": "节能",
            "requested_funding": "30",
            "self_funding": "10",
        },
    )
    project = Project.objects.get(title="多晶硅还原炉节能技术")
    assert response.status_code == 302 and project.pi == users[Role.APPLICANT]
    # The page takes 万元 like the call's figures above the form; the record keeps yuan.
    assert (project.requested_funding, project.self_funding) == (Decimal("300000"), Decimal("100000"))


def test_negative_funding_on_page_is_refused(users):
    client = Client()
    client.force_login(users[Role.APPLICANT])
    response = client.post(
        reverse("projects:application_add", args=[make_call().pk]),
        {"title": "x", "level": "city", "requested_funding": "-5"},
    )
    assert response.status_code == 400 and not Project.objects.exists()


def test_stage_filter_and_export_share_filterset(users, org_a):
    make_project(users[Role.APPLICANT], org_a, status=State.DRAFT, title="草稿项目")
    make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, title="执行项目")
    client = Client()
    client.force_login(users[Role.OFFICER])
    response = client.get(reverse("projects:project_list"), {"stage": "executing", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["执行项目"]


def test_approved_docx_lists_arranged_projects(users, org_a):
    make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, title="已立项的项目")
    make_project(users[Role.APPLICANT], org_a, status=State.EXPERT_REVIEW, title="评审中的项目")
    client = Client()
    client.force_login(users[Role.OFFICER])
    document = Document(io.BytesIO(client.get(reverse("projects:approved_docx")).content))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "已立项的项目" in cells and "评审中的项目" not in cells
    assert "50.00" in cells  # 500,000 yuan shown as 万元


def _sheet(rows) -> io.BytesIO:
    from projects.views import PROJECT_COLUMNS

    workbook = Workbook()
    workbook.active.append([str(c.header) for c in PROJECT_COLUMNS])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "history.xlsx"
    return buffer


def test_historical_import_is_all_or_nothing(users, org_a):
    good = [
        "2007-GG-001",
        "轴承钢热处理工艺",
        "科技攻关",
        2007,
        "轴承及加工装备",
        org_a.credit_code,
        "王工",
        "已结题",
        300000,
        "2007-05-01",
        "2008-04-30",
    ]
    bad = [
        "2007-GG-002",
        "坏行",
        "不存在的类别",
        2007,
        "",
        "91410300XXXXXXXXXX",
        "李工",
        "已结题",
        -5,
        "",
        "",
    ]
    client = Client()
    client.force_login(users[Role.OFFICER])
    response = client.post(reverse("projects:project_import"), {"file": _sheet([good, bad])})
    body = response.content.decode()
    assert response.status_code == 400 and "第 3 行" in body
    assert not Project.objects.exists()
    response = client.post(reverse("projects:project_import"), {"file": _sheet([good])})
    assert response.status_code == 302
    imported = Project.objects.get(number="2007-GG-001")
    assert imported.status == State.CLOSED and imported.program.code == "gongguan"


def test_taskbook_form_posts_budget(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    client = Client()
    client.force_login(users[Role.APPLICANT])
    client.post(
        reverse("projects:project_taskbook", args=[project.pk]),
        {
            "goals": "完成样机",
            "budget_equipment": "50",
            "budget_travel": "10",
            "milestones": "2027-06-30 | 样机 | 20",
        },
    )
    # The page takes 万元, as it shows; the records keep yuan.
    amounts = dict(project.budget_lines.values_list("category", "amount"))
    assert amounts == {"equipment": Decimal("500000"), "travel": Decimal("100000")}
    assert list(project.milestones.values_list("payment", flat=True)) == [Decimal("200000")]


def test_taskbook_form_refuses_a_bad_wan_amount(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.APPROVED)
    client = Client()
    client.force_login(users[Role.APPLICANT])
    response = client.post(
        reverse("projects:project_taskbook", args=[project.pk]),
        {"goals": "完成样机", "budget_equipment": "5", "milestones": "2027-06-30 | 样机 | 1.23456789"},
        follow=True,
    )
    assert "第 1 行金额有误" in response.content.decode()
    assert not project.budget_lines.exists() and not project.milestones.exists()


def test_project_page_has_one_money_unit(users, org_a):
    project = make_project(users[Role.APPLICANT], org_a, status=State.IN_PROGRESS, approved_funding=Decimal("300000"))
    client = Client()
    client.force_login(users[Role.FINANCE])
    html = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "金额(万元)" in html and "(元)" not in html


def test_leader_page_lists_overdue_steps(users, org_a):
    import datetime as dt

    major = make_project(
        users[Role.APPLICANT],
        org_a,
        call=make_call("zhongda"),
        status=State.IN_PROGRESS,
        leader=users[Role.LEADER],
        title="海绵钛规模化生产",
    )
    major.milestones.create(title="设备调试", due_date=dt.date(2020, 1, 1))
    client = Client()
    client.force_login(users[Role.LEADER])
    body = client.get(reverse("projects:leader_page")).content.decode()
    assert "海绵钛规模化生产" in body and "设备调试" in body


def test_work_queue_lists_what_waits_for_me(users, org_a):
    waiting = make_project(users[Role.APPLICANT], org_a, status=State.SUBMITTED, title="等单位审核")
    make_project(users[Role.APPLICANT], org_a, status=State.RECOMMENDED, title="等科室审查")
    from projects.queries import work_queue

    assert list(work_queue(users[Role.ORG_ADMIN])) == [waiting]
    assert {p.title for p in work_queue(users[Role.OFFICER])} == {"等科室审查"}
    assert not work_queue(users[Role.EXPERT]).exists()


def test_english_is_available(users, project):
    from django.utils import translation

    with translation.override("en"):
        assert str(State.RECOMMENDED.label).startswith("Recommended")
    client = Client()
    client.force_login(users[Role.OFFICER])
    body = client.get(project.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "形式审查通过" not in body and 'data-action="pass_formal"' in body


def test_call_page_sets_quota_overrides(users, org_a):
    from projects.models import Call, Program

    client = Client()
    client.force_login(users[Role.OFFICER])
    response = client.post(
        reverse("projects:call_add"),
        {
            "program": Program.objects.get(code="gongguan").pk,
            "year": 2026,
            "title": "攻关申报",
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-04-01T17:00",
            "default_quota": "10",
            "quota_overrides": "410305 2\n410323 3",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(title="攻关申报")
    assert (call.quota_for("410305"), call.quota_for("410323"), call.quota_for("410311")) == (2, 3, 10)
    bad = client.post(
        reverse("projects:call_add"),
        {
            "program": call.program.pk,
            "year": 2026,
            "title": "坏名额",
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-04-01T17:00",
            "quota_overrides": "410305 两个",
        },
    )
    assert bad.status_code == 400 and not Call.objects.filter(title="坏名额").exists()


def test_leader_assignment_page(users, org_a):
    major = make_project(users[Role.APPLICANT], org_a, call=make_call("zhongda"), status=State.IN_PROGRESS)
    url = reverse("projects:project_leader", args=[major.pk])
    data = {"leader": users[Role.LEADER].pk, "division": major.division_id}
    assert_statuses(users, url, {"officer": 403, "applicant": 403, "expert": 404}, "post", data)
    assert Project.objects.get(pk=major.pk).leader is None
    assert_statuses(users, url, {"leader": 302}, "post", data)
    assert Project.objects.get(pk=major.pk).leader == users[Role.LEADER]
