from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

GROUP = _("人才与合作")
ITEMS = [
    NavItem(_("人才计划"), "talent:programme_list", can_view, GROUP, 800),
    NavItem(_("人才名单"), "talent:talent_list", can_view, GROUP, 805),
    NavItem(_("人才年度报告"), "talent:report_list", can_view, GROUP, 810),
]
