from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_use_network, can_view, can_view_literature, can_view_statements

GROUP = _("仪器共享")
ITEMS = [
    NavItem(_("仪器共享网检索"), "instruments:search", can_use_network, GROUP, 600),
    NavItem(_("大型仪器"), "instruments:instrument_list", can_view, GROUP, 605),
    NavItem(_("仪器预约"), "instruments:booking_list", can_use_network, GROUP, 610),
    NavItem(_("使用记录"), "instruments:usage_list", can_view, GROUP, 615),
    NavItem(_("停用时段"), "instruments:blackout_list", can_view, GROUP, 620),
    NavItem(_("上机培训"), "instruments:training_list", can_view, GROUP, 625),
    NavItem(_("月度结算单"), "instruments:statements", can_view_statements, GROUP, 630),
    NavItem(_("共享统计"), "instruments:statistics", can_view, GROUP, 635),
    NavItem(_("开放共享评价"), "instruments:evaluation", can_view, GROUP, 640),
    NavItem(_("科技文献共享"), "instruments:literature_list", can_view_literature, GROUP, 645),
    NavItem(_("文献服务记录"), "instruments:literature_use_list", can_view, GROUP, 650),
]
