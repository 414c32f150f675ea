"""Finding 7: every change made in the Django admin is audited (saves, deletes, bulk deletes,
password and group changes), and the records a transition writes beside the project are too."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts.models import User
from accounts.roles import Role
from core.admin import AuditedModelAdmin
from core.models import AuditEntry
from core.testing import PASSWORD, make_user
from directory.models import Division, Region
from reviews.models import Discipline

pytestmark = pytest.mark.django_db


def test_every_registered_admin_is_audited():
    unaudited = [m._meta.label for m, a in admin.site._registry.items() if not isinstance(a, AuditedModelAdmin)]
    assert unaudited == []
    labels = {m._meta.label for m in admin.site._registry}
    assert {"directory.Region", "directory.Division", "directory.Organisation", "reviews.Discipline",
            "auth.Group", "accounts.User", "axes.AccessAttempt"} <= labels


@pytest.fixture
def root() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser(username="root", password=PASSWORD))
    return client


def entries(action: str, obj) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_id=str(obj.pk), note__startswith="admin"))


def test_division_add_edit_delete_are_audited(root):
    response = root.post("/admin/directory/division/add/", {"code": "audit-test", "name": "审计测试科"})
    assert response.status_code == 302
    division = Division.objects.get(code="audit-test")
    (created,) = entries("create", division)
    assert created.after["name"] == "审计测试科" and created.user.username == "root"

    root.post(f"/admin/directory/division/{division.pk}/change/", {"code": "audit-test", "name": "改名科"})
    (updated,) = entries("update", division)
    assert (updated.before, updated.after) == ({"name": "审计测试科"}, {"name": "改名科"})

    root.post(f"/admin/directory/division/{division.pk}/delete/", {"post": "yes"})
    assert not Division.objects.filter(pk=division.pk).exists()
    (deleted,) = entries("delete", division)
    assert deleted.before["code"] == "audit-test"


def test_unchanged_save_writes_no_update(root):
    division = Division.objects.create(code="same", name="不变科")
    root.post(f"/admin/directory/division/{division.pk}/change/", {"code": "same", "name": "不变科"})
    assert entries("update", division) == []


def test_region_edit_is_audited(root):
    region = Region.objects.get(code="410305")
    data = {"code": region.code, "name": "涧西区（改）", "level": region.level, "parent": region.parent_id or "",
            "valid_from": "", "valid_to": "", "successor": ""}
    response = root.post(f"/admin/directory/region/{region.pk}/change/", {k: v for k, v in data.items()
                                                                          if v is not None})
    assert response.status_code == 302, response.content.decode()[:2000]
    (updated,) = entries("update", region)
    assert updated.after == {"name": "涧西区（改）"}


def test_bulk_delete_audits_each_row(root):
    disciplines = [Discipline.objects.create(code=f"ZZ{i}", name=f"测试学科{i}", level=1) for i in range(2)]
    response = root.post("/admin/reviews/discipline/", {
        "action": "delete_selected", "_selected_action": [d.pk for d in disciplines], "post": "yes"})
    assert response.status_code == 302
    for discipline in disciplines:
        (deleted,) = entries("delete", discipline)
        assert deleted.note == "admin bulk delete" and deleted.before["name"] == discipline.name


def test_group_permission_change_is_audited(root):
    group = Group.objects.get_or_create(name=Role.SUPERVISOR)[0]
    permission = Permission.objects.get(codename="view_auditentry")
    root.post(f"/admin/auth/group/{group.pk}/change/", {"name": group.name, "permissions": [permission.pk]})
    (updated,) = entries("update", group)
    assert updated.after == {"permissions": [permission.pk]}


def test_password_change_is_audited_without_the_password(root):
    user = make_user(Role.EXPERT, "pw-target")
    new = "N3w-Passw0rd-2027"
    response = root.post(f"/admin/accounts/user/{user.pk}/password/", {"password1": new, "password2": new,
                                                                       "usable_password": "true"})
    assert response.status_code == 302
    (entry,) = entries("password_change", user)
    assert new not in str(entry.after) and entry.user.username == "root"


def test_user_group_membership_change_is_audited(root):
    user = make_user(Role.EXPERT, "member")
    group = Group.objects.get(name=Role.EXPERT)
    extra = Group.objects.get_or_create(name=Role.SUPERVISOR)[0]
    data = {"username": "member", "display_name": "member", "is_active": "on", "groups": [group.pk, extra.pk],
            "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00", "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "00:00:00",
            "role_assignments-TOTAL_FORMS": "1", "role_assignments-INITIAL_FORMS": "1",
            "role_assignments-MIN_NUM_FORMS": "0", "role_assignments-MAX_NUM_FORMS": "1000",
            "role_assignments-0-id": user.role_assignments.get().pk, "role_assignments-0-user": user.pk,
            "role_assignments-0-role": Role.EXPERT}
    response = root.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (updated,) = entries("update", user)
    assert sorted(updated.after["groups"]) == sorted([group.pk, extra.pk])
