from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

GROUP = _("中介与成果")
ITEMS = [
    NavItem(_("科技中介机构"), "agencies:agency_list", can_view, GROUP, 600),
    NavItem(_("中介服务记录"), "agencies:service_list", can_view, GROUP, 605),
    NavItem(_("中介机构年度评价"), "agencies:evaluation_list", can_view, GROUP, 610),
    NavItem(_("技术合同登记"), "agencies:contract_list", can_view, GROUP, 615),
]
