from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

GROUP = _("平台与企业")
ITEMS = [
    NavItem(_("创新平台"), "registries:platform_list", can_view, GROUP, 300),
    NavItem(_("平台年度报告"), "registries:report_list", can_view, GROUP, 305),
    NavItem(_("孵化器统计"), "registries:incubator_list", can_view, GROUP, 310),
    NavItem(_("高新技术企业"), "registries:hightech_list", can_view, GROUP, 315),
    NavItem(_("高新技术产品"), "registries:product_list", can_view, GROUP, 320),
    NavItem(_("产业技术创新战略联盟"), "registries:alliance_list", can_view, GROUP, 325),
    NavItem(_("企业年度报表"), "registries:figures_list", can_view, GROUP, 330),
]
