from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.navigation import NavItem

STAFF = (Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR, Role.FINANCE, Role.COUNTY, Role.ORG_ADMIN)
GROUP = _("科技计划")

ITEMS = [
    NavItem(_("待我处理"), "projects:work_queue", lambda user: user.has_role(*STAFF, Role.APPLICANT), GROUP, 20),
    NavItem(_("我的申报"), "projects:my_applications", lambda user: user.has_role(Role.APPLICANT), GROUP, 21),
    NavItem(_("申报通知"), "projects:call_list", lambda user: True, GROUP, 22),
    NavItem(_("项目库"), "projects:project_list", lambda user: user.has_role(*STAFF), GROUP, 23),
    NavItem(_("计划类别"), "projects:program_list", lambda user: user.has_role(*STAFF), GROUP, 24),
    NavItem(_("分管重大专项"), "projects:leader_page", lambda user: user.has_role(Role.LEADER), GROUP, 25),
    NavItem(
        _("立项周期分析"),
        "projects:analytics",
        lambda user: user.has_role(Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR),
        GROUP,
        26,
    ),
    NavItem(_("经费监管"), "projects:finance_overview",
            lambda user: user.has_role(Role.ADMIN, Role.LEADER, Role.OFFICER, Role.FINANCE, Role.SUPERVISOR),
            GROUP, 27),
]
