"""The achievement registry: role scope, registration from accepted projects, every transfer step
(allowed, forbidden, audit), Chinese search, bad input and the all-or-nothing import, the indicator
and the public list."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from achievements import services, views
from achievements.forms import AchievementForm
from achievements.indicator_sources import transferred
from achievements.models import Achievement
from achievements.workflow import TRANSFER_TRANSITIONS
from core.models import AuditEntry
from core.testing import assert_statuses
from core.workflow import rows
from portal import lists
from projects.models import Outcome
from projects.tests.helpers import make_project
from projects.workflow import State as ProjectState
from registries.tests.roles import expect

pytestmark = pytest.mark.django_db
READ = expect(200, applicant=403, expert=403, public=403)


def make_achievement(owner, number="LYCG20080001", **fields) -> Achievement:
    values = {"title": "盾构机刀盘刀具耐磨技术", "summary": "刀具寿命提高一倍。", "keywords": "盾构机 耐磨",
              "registered_on": dt.date(2008, 3, 1)}
    return Achievement.objects.create(number=number, owner=owner, **{**values, **fields})


def data(owner_org, **overrides):
    values = {"title": "高纯钼粉制备技术", "kind": "应用技术", "field": "新材料", "maturity": "中试阶段",
              "owner": owner_org.credit_code, "completers": "王建华", "summary": "高纯钼粉。", "keywords": "钼",
              "registered_on": "2008-04-01", "open_for_transfer": "on", "transferee": "", "transfer_amount": ""}
    return {**values, **overrides}


def _valid(form):
    assert form.is_valid(), form.errors
    return form


def test_pages_by_role(users, org_a, org_b):
    own, other = make_achievement(org_a), make_achievement(org_b, "LYCG20080002")
    assert_statuses(users, reverse("achievements:achievement_list"), READ)
    assert_statuses(users, reverse("achievements:achievement_detail", args=[own.pk]), READ)
    assert_statuses(users, reverse("achievements:achievement_detail", args=[other.pk]),
                    {**READ, "county": 404, "org_admin": 404})
    assert_statuses(users, reverse("achievements:achievement_edit", args=[own.pk]),
                    expect(403, admin=200, officer=200, org_admin=200))
    assert_statuses(users, reverse("achievements:pending"), expect(403, admin=200, officer=200))
    assert_statuses(users, reverse("achievements:achievement_import"), expect(403, admin=200, officer=200))
    assert_statuses(users, f"/api/achievements/achievements/{other.pk}/", {"officer": 200, "county": 404,
                                                                            "org_admin": 404, "anonymous": 401})


def test_direct_registration_and_bad_input(users, org_a, org_b):
    first = services.save_achievement(users["org_admin"], _valid(AchievementForm(data=data(org_a),
                                                                                user=users["org_admin"])))
    second = services.save_achievement(users["officer"], _valid(AchievementForm(data=data(org_b))))
    assert (first.number, second.number) == ("LYCG20080001", "LYCG20080002")
    assert AuditEntry.objects.filter(action="create", object_id=str(first.pk)).exists()
    for overrides, field in [
        ({"owner": "91410300MA3X0000X0"}, "owner"),  # malformed USCC
        ({"transfer_amount": "-1"}, "transfer_amount"),
        ({"registered_on": "2999-01-01"}, "registered_on"),
        ({"title": ""}, "title"),
        ({"kind": "专利"}, "kind"),
    ]:
        bad = AchievementForm(data=data(org_a, **overrides))
        assert not bad.is_valid() and field in bad.errors, (overrides, bad.errors)
    with pytest.raises(ValidationError) as refused:  # the rule is the model's, not only the form's
        Achievement(number="LYCG20080009", owner=org_a, registered_on=dt.date(2999, 1, 1)).full_clean()
    assert "不能晚于今天" in str(refused.value.message_dict["registered_on"])
    foreign = AchievementForm(data=data(org_b), user=users["org_admin"])  # another organisation's result
    assert not foreign.is_valid() and "owner" in foreign.errors
    assert Achievement.objects.count() == 2


def test_script_tags_are_text(users, org_a):
    item = services.save_achievement(users["officer"], _valid(AchievementForm(
        data=data(org_a, title="<script>alert(1)</script>成果"))))
    client = Client()
    client.force_login(users["officer"])
    body = client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_register_from_accepted_project(users, org_a):
    project = make_project(users["applicant"], org_a, status=ProjectState.ACCEPTED, summary="研制盾构机主轴承。")
    Outcome.objects.create(project=project, kind="key_technology", title="主轴承滚道淬火")
    running = make_project(users["applicant"], org_a, status=ProjectState.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.register_from_project(users["org_admin"], project)
    with pytest.raises(ValidationError, match="验收通过"):
        services.register_from_project(users["officer"], running)
    client = Client()
    client.force_login(users["officer"])
    assert project.title in client.get(reverse("achievements:pending")).content.decode()
    response = client.post(reverse("achievements:register_project", args=[project.pk]))
    item = Achievement.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.owner == org_a and "主轴承滚道淬火" in item.summary
    assert AuditEntry.objects.filter(action="register_from_project", object_id=str(item.pk)).exists()
    with pytest.raises(ValidationError, match="已登记"):
        services.register_from_project(users["officer"], project)
    assert project.title not in client.get(reverse("achievements:pending")).content.decode()


def test_every_transfer_step_allowed_forbidden_and_audited(users, org_a, org_b):
    for index, (state, action, rule) in enumerate(rows(TRANSFER_TRANSITIONS)):
        item = make_achievement(org_a, f"T{index}", status=state)
        with pytest.raises(ValidationError, match="受让方"):  # names its counterpart first
            services.act_on_achievement(users["officer"], item, action)
        Achievement.objects.filter(pk=item.pk).update(transferee="洛阳某重工有限公司")
        with pytest.raises(PermissionDenied):
            services.act_on_achievement(users["county"], item, action)
        done = services.act_on_achievement(users["org_admin"], item, action)  # the owner reports it
        assert done.status == rule.to_state and done.transferred_on and not done.open_for_transfer
        assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(item.pk)).exists()
    sold = make_achievement(org_b, "T-sold", status="sold", transferee="某公司")
    with pytest.raises(ValidationError):
        services.act_on_achievement(users["officer"], sold, "license")


def test_chinese_search(users, org_a):
    make_achievement(org_a)
    make_achievement(org_a, "LYCG20080002", title="牡丹籽油提取与精制", summary="牡丹籽油。", keywords="牡丹")
    client = Client()
    client.force_login(users["officer"])
    body = client.get(reverse("achievements:achievement_list"), {"q": "盾构机"}).content.decode()
    assert "刀盘刀具" in body and "牡丹籽油" not in body
    api = client.get("/api/achievements/achievements/", {"q": "牡丹"}).json()
    assert [row["title"] for row in api["results"]] == ["牡丹籽油提取与精制"]


def test_import_is_all_or_nothing(users, org_a):
    def sheet(*rows_):
        workbook = Workbook()
        workbook.active.append([str(c.header) for c in views.COLUMNS])
        for row in rows_:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile("a.xlsx", buffer.getvalue())

    good = ["钼深加工技术", "应用技术", "新材料", "中试阶段", org_a.credit_code, "李强", "简介", "钼", "2008-05-01",
            "是", "", ""]
    bad = ["坏行", "应用技术", "", "中试阶段", "BAD", "", "", "", "2008-05-01", "是", "", -3]
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("achievements:achievement_import"), {"file": sheet(good, bad)})
    assert response.status_code == 400 and "第 3 行" in response.content.decode()
    assert not Achievement.objects.exists()
    client.post(reverse("achievements:achievement_import"), {"file": sheet(good)})
    assert Achievement.objects.get().number == "LYCG20080001"


def test_indicator_and_public_list(org_a):
    make_achievement(org_a, "A1", status="licensed", transferee="甲", transferred_on=dt.date(2008, 3, 1))
    make_achievement(org_a, "A2", status="invested", transferee="乙", transferred_on=dt.date(2008, 9, 1),
                     transfer_amount=Decimal("100000"))
    make_achievement(org_a, "A3", status="sold", transferee="丙", transferred_on=dt.date(2007, 9, 1))
    make_achievement(org_a, "A4", title="待转化的成果")
    assert transferred(2008, dt.date(2008, 12, 31)).count() == 2
    assert transferred(2008, dt.date(2008, 6, 30)).count() == 1
    public = lists.BY_SLUG["achievements"]
    assert [row["title"] for row in map(public.row, public.filtered({}))] == ["待转化的成果"]
    assert set(public.row(public.filtered({}).get())) == {"number", "title", "field", "maturity", "owner",
                                                         "registered_on"}
    response = Client().get(reverse("portal:result_list", args=["achievements"]))
    assert response.status_code == 200 and "待转化的成果" in response.content.decode()
