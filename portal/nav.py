from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

GROUP = _("政务公开")
ITEMS = [
    NavItem(_("公开信息发布"), "portal:publication_list", can_view, GROUP, 900),
    NavItem(_("公示异议"), "portal:objection_queue", can_view, GROUP, 905),
    NavItem(_("平台认定和资助名单公示"), "portal:notice_manage_list", can_view, GROUP, 907),
    NavItem(_("指标月度公开数据"), "portal:snapshots", can_view, GROUP, 910),
    NavItem(_("政务公开网站"), "portal:home", lambda user: True, GROUP, 915),
]
