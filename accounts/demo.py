"""One demo user per role, with a random password printed once (it is stored nowhere else)."""

import secrets

from directory.models import Division, Organisation, Region

from . import services
from .roles import Role

DEMO_USERS = [
    # username, display name, role, scope
    ("admin", "系统管理员", Role.ADMIN, {}),
    ("leader", "王局长", Role.LEADER, {}),
    ("officer", "计划科 李科长", Role.OFFICER, {"division": "planning"}),
    ("county", "涧西区科技局 赵主任", Role.COUNTY, {"region": "410305"}),
    ("orgadmin", "单位管理员", Role.ORG_ADMIN, {"organisation": True}),
    ("applicant", "项目负责人", Role.APPLICANT, {"organisation": True}),
    ("expert", "评审专家", Role.EXPERT, {}),
    ("supervisor", "纪检监察 孙主任", Role.SUPERVISOR, {}),
    ("finance", "财务 周会计", Role.FINANCE, {}),
    ("public", "公众", Role.PUBLIC, {}),
]


def demo_organisation() -> Organisation:
    """The enterprise whose staff play org_admin and applicant: the first one in 涧西区."""
    return Organisation.objects.filter(region__code="410305", kind=Organisation.Kind.ENTERPRISE).order_by("pk").first()


def seed(scale: str, rng, stdout=None) -> str:
    services.ensure_role_groups()
    organisation = demo_organisation()
    lines = []
    for username, display_name, role, scope in DEMO_USERS:
        password = secrets.token_urlsafe(9) + "7a"
        person = None
        if role == Role.APPLICANT:
            person = organisation.people.order_by("pk").first()
        user = services.create_user(None, username, password, display_name=display_name, person=person)
        if role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        services.assign_role(
            None, user, role,
            division=Division.objects.get(code=scope["division"]) if "division" in scope else None,
            region=Region.objects.get(code=scope["region"]) if "region" in scope else None,
            organisation=organisation if scope.get("organisation") else None,
        )
        lines.append(f"  {role.label:<8} {username:<12} {password}")
    if stdout is not None:
        stdout.write("Demo users (shown only now; change them in production):\n" + "\n".join(lines))
    return f"{len(DEMO_USERS)} demo users"
