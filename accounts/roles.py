"""The ten roles of DESIGN.md. A role is a Django group; its scope lives on RoleAssignment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    LEADER = "leader", _("局领导")
    OFFICER = "officer", _("业务科室")
    COUNTY = "county", _("县区科技局")
    ORG_ADMIN = "org_admin", _("单位管理员")
    APPLICANT = "applicant", _("项目负责人")
    EXPERT = "expert", _("评审专家")
    SUPERVISOR = "supervisor", _("监督")
    FINANCE = "finance", _("财务")
    PUBLIC = "public", _("公众")


# Roles that read every record of the bureau (DESIGN.md: leader and supervisor read all;
# officers run programs across the city; finance needs every payee).
BUREAU_WIDE = frozenset({Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR, Role.FINANCE})
# Who reads the registers (platforms, patents, agencies, talent, rural …): the bureau-wide roles and
# the county offices (their querysets narrow them to their region). An app adds the organisations
# or people who read their own records there.
REGISTER_READERS = frozenset({*BUREAU_WIDE, Role.COUNTY})
# Which scope a role needs: officer → division, county → region, org_admin/applicant → organisation.
SCOPE_OF_ROLE = {
    Role.OFFICER: "division",
    Role.COUNTY: "region",
    Role.ORG_ADMIN: "organisation",
    Role.APPLICANT: "organisation",
}


def keeps_registers(user, obj=None) -> bool:
    """Admins and officers keep the bureau's registers (the usual `can_manage` of an app, for the
    register or any of its records)."""
    return user.is_authenticated and user.has_role(Role.ADMIN, Role.OFFICER)


def administers_organisation(user, organisation_id) -> bool:
    """The user is an org_admin of this organisation."""
    return organisation_id is not None and organisation_id in user.scope_ids(Role.ORG_ADMIN, "organisation")
